import type { Assessment, Suggestion } from './intake.rules.js';
import type { TechniqueSlug } from './intake.types.js';
import {
  compareRankKeys,
  type MatchCandidate,
  matchScore,
  matchScoreBound,
  rankMatches,
  type RankedMatch,
  type RankKey,
} from './matching.rules.js';

/** What the search needs of a therapist qualified for a suggestion; the caller may carry more. */
export interface MatchRow {
  therapistId: string;
  yearsExperience: number;
  hasPrenatalCertification: boolean;
}

/** A (therapist, technique) pair of the search. */
export interface MatchPair<Row extends MatchRow> {
  suggestionRank: number;
  technique: TechniqueSlug;
  row: Row;
}

interface Stream<Row extends MatchRow> {
  suggestion: Pick<Suggestion, 'technique' | 'score'>;
  rank: number;
  /** Read and not yet taken, in the order read. */
  unread: Row[];
  /** Rows read so far: where the next page starts. */
  read: number;
  exhausted: boolean;
}

/**
 * The best `limit` matches without scoring every pair (a threshold top-k). A pair's score is
 * bounded by its score with the availability saturated, and that bound never rises along a
 * suggestion's qualified therapists read most experienced first, then by id. So pairs are taken
 * best bound first, merging the suggestions' lists, and scored (their free slots counted up to
 * saturation) until the `limit`-th best scored pair ranks before the best bound not yet taken:
 * nothing left can enter the answer, which is then exactly the head of rankMatches' ranking of
 * every pair. The caller does the I/O: it reads the pages `pagesWanted` asks for, in that order
 * (MATCH_CANDIDATES_SQL), and counts the free slots of the pairs `nextPairs` hands out.
 */
export class MatchSearch<Row extends MatchRow> {
  private readonly streams: Stream<Row>[];
  /** Scored pairs, best first, at most `limit`. */
  private readonly best: { pair: MatchPair<Row>; key: RankKey }[] = [];
  private settled = false;

  constructor(
    suggestions: readonly Pick<Suggestion, 'technique' | 'score'>[],
    private readonly options: { pregnant: boolean; limit: number; pageSize: number },
  ) {
    this.streams = suggestions.map((suggestion, rank) => ({
      suggestion,
      rank,
      unread: [],
      read: 0,
      exhausted: false,
    }));
  }

  /** The suggestions whose next page must be read before the search can go on. */
  pagesWanted(): { suggestionRank: number; technique: TechniqueSlug; offset: number }[] {
    if (this.settled) return [];
    return this.streams
      .filter((stream) => this.needsPage(stream))
      .map((stream) => ({
        suggestionRank: stream.rank,
        technique: stream.suggestion.technique,
        offset: stream.read,
      }));
  }

  /** A page of a suggestion's list; a short page is its last. */
  addPage(suggestionRank: number, rows: readonly Row[]): void {
    const stream = this.streams[suggestionRank];
    stream.unread.push(...rows);
    stream.read += rows.length;
    stream.exhausted = rows.length < this.options.pageSize;
  }

  /**
   * Up to `count` pairs to score next, best bound first. Fewer when a suggestion's next page must
   * be read first; none once the answer is settled or every pair has been taken.
   */
  nextPairs(count: number): MatchPair<Row>[] {
    const pairs: MatchPair<Row>[] = [];
    while (pairs.length < count && !this.settled) {
      if (this.streams.some((stream) => this.needsPage(stream))) break;
      let head: { stream: Stream<Row>; key: RankKey } | undefined;
      for (const stream of this.streams) {
        if (stream.unread.length === 0) continue;
        const key = this.boundKey(stream, stream.unread[0]);
        if (!head || compareRankKeys(key, head.key) < 0) head = { stream, key };
      }
      const { limit } = this.options;
      if (
        !head ||
        (this.best.length >= limit && compareRankKeys(this.best[limit - 1].key, head.key) < 0)
      ) {
        this.settled = true;
        break;
      }
      const { stream } = head;
      pairs.push({
        suggestionRank: stream.rank,
        technique: stream.suggestion.technique,
        row: stream.unread.shift()!,
      });
    }
    return pairs;
  }

  /** A pair's free slots in the window, counted exactly or up to saturation. */
  addScore(pair: MatchPair<Row>, freeSlotCount: number): void {
    const { suggestion } = this.streams[pair.suggestionRank];
    const key: RankKey = {
      score: matchScore(
        suggestion.score,
        { yearsExperience: pair.row.yearsExperience, freeSlotCount },
        this.options.pregnant,
      ),
      suggestionRank: pair.suggestionRank,
      yearsExperience: pair.row.yearsExperience,
      therapistId: pair.row.therapistId,
    };
    const at = this.best.findIndex((scored) => compareRankKeys(key, scored.key) < 0);
    this.best.splice(at === -1 ? this.best.length : at, 0, { pair, key });
    if (this.best.length > this.options.limit) this.best.pop();
  }

  /** The answer's pairs, best first; final once nextPairs hands out none. */
  answer(): MatchPair<Row>[] {
    return this.best.map(({ pair }) => pair);
  }

  private needsPage(stream: Stream<Row>): boolean {
    return stream.unread.length === 0 && !stream.exhausted;
  }

  private boundKey(stream: Stream<Row>, row: Row): RankKey {
    return {
      score: matchScoreBound(stream.suggestion.score, row.yearsExperience, this.options.pregnant),
      suggestionRank: stream.rank,
      yearsExperience: row.yearsExperience,
      therapistId: row.therapistId,
    };
  }
}

/**
 * The answer's pairs ranked and explained by rankMatches, with their exact free-slot counts (the
 * reasons quote them; the scores are those the search ranked by, as the count saturates).
 */
export function rankAnswer<Row extends MatchRow>(
  assessment: Assessment,
  answer: readonly { pair: MatchPair<Row>; freeSlotCount: number }[],
  options: { pregnant: boolean },
): RankedMatch[] {
  const candidates = new Map<string, MatchCandidate & { techniques: TechniqueSlug[] }>();
  for (const { pair, freeSlotCount } of answer) {
    const { therapistId, yearsExperience, hasPrenatalCertification } = pair.row;
    let candidate = candidates.get(therapistId);
    if (!candidate) {
      candidate = {
        therapistId,
        yearsExperience,
        hasPrenatalCertification,
        techniques: [],
        freeSlotCount: 0,
        freeSlotCountByTechnique: {},
      };
      candidates.set(therapistId, candidate);
    }
    candidate.techniques.push(pair.technique);
    candidate.freeSlotCountByTechnique![pair.technique] = freeSlotCount;
  }
  return rankMatches(assessment, [...candidates.values()], options);
}
