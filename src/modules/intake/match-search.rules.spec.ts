import fc from 'fast-check';
import { GUIDANCE_VERSION } from './intake.guidance.js';
import type { Assessment } from './intake.rules.js';
import { TECHNIQUE_SLUGS, type TechniqueSlug } from './intake.types.js';
import { MatchSearch, type MatchPair, rankAnswer } from './match-search.rules.js';
import {
  AVAILABILITY_SATURATION_SLOTS,
  type MatchCandidate,
  qualifies,
  rankMatches,
} from './matching.rules.js';

type Candidate = Omit<MatchCandidate, 'freeSlotCountByTechnique'> & {
  freeSlotCountByTechnique: Record<TechniqueSlug, number>;
};

function assessment(scores: readonly [TechniqueSlug, number][]): Assessment {
  return {
    status: 'clear',
    suggestions: scores.map(([technique, score]) => ({
      technique,
      score,
      reasons: [],
      ruleIds: [],
    })),
    excluded: [],
    flags: [],
    guidanceVersion: GUIDANCE_VERSION,
  };
}

/**
 * Runs the search as MatchingService does, with the database's part played in memory: each
 * suggestion's qualified therapists in MATCH_CANDIDATES_SQL's order (most experienced first, then
 * the id as PostgreSQL orders uuids), and free slots counted up to saturation or exactly.
 */
function search(
  scores: readonly [TechniqueSlug, number][],
  candidates: readonly Candidate[],
  options: { pregnant: boolean; limit: number; pageSize: number; batch: number; saturate: boolean },
) {
  const { pregnant, limit, pageSize, batch, saturate } = options;
  const lists = scores.map(([technique]) =>
    candidates
      .filter((candidate) => qualifies(candidate, technique, pregnant))
      .sort(
        (a, b) =>
          b.yearsExperience - a.yearsExperience ||
          (a.therapistId < b.therapistId ? -1 : a.therapistId > b.therapistId ? 1 : 0),
      ),
  );
  const freeSlots = (pair: MatchPair<Candidate>) =>
    pair.row.freeSlotCountByTechnique[pair.technique];
  const matchSearch = new MatchSearch<Candidate>(
    scores.map(([technique, score]) => ({ technique, score })),
    { pregnant, limit, pageSize },
  );
  let scored = 0;
  let pages = 0;
  for (;;) {
    const wanted = matchSearch.pagesWanted();
    if (wanted.length > 0) {
      for (const { suggestionRank, offset } of wanted) {
        matchSearch.addPage(suggestionRank, lists[suggestionRank].slice(offset, offset + pageSize));
        pages++;
      }
      continue;
    }
    const pairs = matchSearch.nextPairs(batch);
    if (pairs.length === 0) break;
    for (const pair of pairs) {
      const count = freeSlots(pair);
      matchSearch.addScore(pair, saturate ? Math.min(count, AVAILABILITY_SATURATION_SLOTS) : count);
      scored++;
    }
  }
  const ranked = rankAnswer(
    assessment(scores),
    matchSearch.answer().map((pair) => ({ pair, freeSlotCount: freeSlots(pair) })),
    { pregnant },
  );
  return { ranked, scored, pages };
}

/** The brute force: every pair scored with its exact count, ranked, cut to the limit. */
function bruteForce(
  scores: readonly [TechniqueSlug, number][],
  candidates: readonly Candidate[],
  { pregnant, limit }: { pregnant: boolean; limit: number },
) {
  return rankMatches(assessment(scores), candidates, { pregnant }).slice(0, limit);
}

const hex = (n: number) => n.toString(16).padStart(12, '0');

/** Free slots per technique, none where not given. */
const counts = (given: Partial<Record<TechniqueSlug, number>>) =>
  Object.fromEntries(TECHNIQUE_SLUGS.map((slug) => [slug, given[slug] ?? 0])) as Record<
    TechniqueSlug,
    number
  >;

const candidates: fc.Arbitrary<Candidate[]> = fc
  .array(
    fc.record({
      // Few distinct ids' prefixes and few years make ties on every key the ranking uses.
      id: fc.integer({ min: 0, max: 4095 }),
      yearsExperience: fc.integer({ min: 0, max: 14 }),
      techniques: fc.subarray([...TECHNIQUE_SLUGS]),
      hasPrenatalCertification: fc.boolean(),
      counts: fc.array(fc.integer({ min: 0, max: 9 }), {
        minLength: TECHNIQUE_SLUGS.length,
        maxLength: TECHNIQUE_SLUGS.length,
      }),
    }),
    { maxLength: 60 },
  )
  .map((rows) => {
    const seen = new Set<number>();
    return rows
      .filter((row) => !seen.has(row.id) && seen.add(row.id))
      .map((row) => ({
        therapistId: `0000${hex(row.id).slice(-4)}-0000-4000-8000-${hex(row.id * 7919)}`,
        yearsExperience: row.yearsExperience,
        techniques: row.techniques,
        hasPrenatalCertification: row.hasPrenatalCertification,
        freeSlotCount: 0,
        freeSlotCountByTechnique: counts(
          Object.fromEntries(TECHNIQUE_SLUGS.map((slug, i) => [slug, row.counts[i]])),
        ),
      }));
  });

const suggestions: fc.Arbitrary<[TechniqueSlug, number][]> = fc
  .uniqueArray(fc.constantFrom(...TECHNIQUE_SLUGS), { minLength: 1, maxLength: 4 })
  .chain((techniques) =>
    fc.tuple(
      ...techniques.map((technique) =>
        fc.tuple(fc.constant(technique), fc.integer({ min: 1, max: 100 })),
      ),
    ),
  );

describe('MatchSearch', () => {
  it('answers exactly the head of the brute-force ranking: same pairs, order, scores and reasons', () => {
    fc.assert(
      fc.property(
        suggestions,
        candidates,
        fc.record({
          pregnant: fc.boolean(),
          limit: fc.integer({ min: 1, max: 30 }),
          pageSize: fc.integer({ min: 1, max: 8 }),
          batch: fc.integer({ min: 1, max: 8 }),
          saturate: fc.boolean(),
        }),
        (scores, pool, options) => {
          expect(search(scores, pool, options).ranked).toEqual(bruteForce(scores, pool, options));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('scores only the answer when every therapist has free slots enough', () => {
    const pool: Candidate[] = Array.from({ length: 3_000 }, (_, i) => ({
      therapistId: `00000000-0000-4000-8000-${hex(i * 104_729)}`,
      yearsExperience: (i * 7) % 25,
      techniques: ['swedish', 'trigger-point', ...(i % 3 === 0 ? (['deep-tissue'] as const) : [])],
      hasPrenatalCertification: false,
      freeSlotCount: 0,
      freeSlotCountByTechnique: counts({ swedish: 12, 'trigger-point': 9, 'deep-tissue': 6 }),
    }));
    const scores: [TechniqueSlug, number][] = [
      ['trigger-point', 88],
      ['deep-tissue', 80],
      ['swedish', 61],
    ];
    const options = { pregnant: false, limit: 20, pageSize: 21, batch: 20, saturate: true };
    const { ranked, scored, pages } = search(scores, pool, options);
    expect(ranked).toEqual(bruteForce(scores, pool, options));
    expect(scored).toBe(20);
    expect(pages).toBe(3);
  });

  it('reads further pages when the most experienced therapists are booked up', () => {
    const pool: Candidate[] = Array.from({ length: 200 }, (_, i) => ({
      therapistId: `00000000-0000-4000-8000-${hex(i)}`,
      yearsExperience: 30 - Math.floor(i / 10),
      techniques: ['swedish'],
      hasPrenatalCertification: false,
      freeSlotCount: 0,
      // The 60 most experienced have no free slot at all.
      freeSlotCountByTechnique: counts({ swedish: i < 60 ? 0 : 5 }),
    }));
    const scores: [TechniqueSlug, number][] = [['swedish', 90]];
    const options = { pregnant: false, limit: 5, pageSize: 6, batch: 5, saturate: true };
    const { ranked, scored } = search(scores, pool, options);
    expect(ranked).toEqual(bruteForce(scores, pool, options));
    expect(ranked[0].reasons).toContain('5 free slots in your window');
    expect(scored).toBeLessThan(pool.length);
  });

  it('answers nothing when no therapist qualifies', () => {
    const { ranked, scored } = search([['prenatal', 70]], [], {
      pregnant: true,
      limit: 20,
      pageSize: 21,
      batch: 20,
      saturate: true,
    });
    expect(ranked).toEqual([]);
    expect(scored).toBe(0);
  });
});
