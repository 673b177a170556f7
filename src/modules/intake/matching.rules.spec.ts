import fc from 'fast-check';
import { GUIDANCE_VERSION } from './intake.guidance.js';
import { assessIntake, type Assessment } from './intake.rules.js';
import { matchScore, rankMatches, type MatchCandidate } from './matching.rules.js';
import { TECHNIQUE_SLUGS, type IntakeAnswers, type TechniqueSlug } from './intake.types.js';

function assessment(scores: [TechniqueSlug, number][]): Assessment {
  return {
    status: 'clear',
    suggestions: scores.map(([technique, score]) => ({
      technique,
      score,
      reasons: [`Good for you: ${technique}.`],
      ruleIds: [`rule-${technique}`],
    })),
    excluded: [],
    flags: [],
    guidanceVersion: GUIDANCE_VERSION,
  };
}

function therapist(overrides: Partial<MatchCandidate> & { therapistId: string }): MatchCandidate {
  return {
    yearsExperience: 5,
    techniques: [...TECHNIQUE_SLUGS],
    hasPrenatalCertification: false,
    freeSlotCount: 3,
    ...overrides,
  };
}

const usual = { pregnant: false };

const candidate: fc.Arbitrary<MatchCandidate> = fc.record({
  therapistId: fc.uuid(),
  yearsExperience: fc.integer({ min: 0, max: 40 }),
  techniques: fc.subarray([...TECHNIQUE_SLUGS]),
  hasPrenatalCertification: fc.boolean(),
  freeSlotCount: fc.integer({ min: 0, max: 30 }),
});

describe('rankMatches', () => {
  it('matches a pregnant client only with prenatal-certified therapists', () => {
    const suggestions = fc
      .uniqueArray(fc.constantFrom(...TECHNIQUE_SLUGS), { minLength: 1 })
      .chain((techniques) =>
        fc.tuple(...techniques.map((technique) => fc.tuple(fc.constant(technique), fc.nat(100)))),
      );
    fc.assert(
      fc.property(suggestions, fc.array(candidate), (scores, candidates) => {
        const certified = new Set(
          candidates.filter((c) => c.hasPrenatalCertification).map((c) => c.therapistId),
        );
        const matches = rankMatches(assessment(scores), candidates, { pregnant: true });
        return matches.every((match) => certified.has(match.therapistId));
      }),
    );
  });

  it('never matches a pregnant client for an excluded technique', () => {
    const pregnantAnswers: IntakeAnswers = {
      painAreas: ['upper-back'],
      sensations: ['stiff', 'tight'],
      onset: 'chronic',
      causes: ['overuse'],
      knots: true,
      stressLevel: 7,
      redFlags: { chestPain: false, radiatingPain: false, fever: false },
      pregnancy: { pregnant: true, weeks: 30 },
      clotScreening: {
        historyOfClots: false,
        legSwellingOrPain: false,
        clottingDisorder: false,
        anticoagulants: false,
        recentSurgeryOrBedRest: false,
      },
    };
    const matches = rankMatches(
      assessIntake(pregnantAnswers),
      [therapist({ therapistId: 'veteran', yearsExperience: 20, hasPrenatalCertification: true })],
      { pregnant: true },
    );
    expect(matches[0].technique).toBe('prenatal');
    expect(matches.map((match) => match.technique)).not.toContain('deep-tissue');
    expect(matches.map((match) => match.technique)).not.toContain('hot-stone');
  });

  it('offers prenatal massage only from certified therapists, pregnant or not', () => {
    const matches = rankMatches(
      assessment([['prenatal', 60]]),
      [
        therapist({ therapistId: 'uncertified' }),
        therapist({ therapistId: 'certified', hasPrenatalCertification: true }),
      ],
      usual,
    );
    expect(matches.map((match) => match.therapistId)).toEqual(['certified']);
    expect(matches[0].reasons).toContain('Certified in prenatal massage');
  });

  it('matches only techniques the therapist offers', () => {
    const matches = rankMatches(
      assessment([
        ['trigger-point', 64],
        ['swedish', 50],
      ]),
      [therapist({ therapistId: 't', techniques: ['swedish', 'shiatsu'] })],
      usual,
    );
    expect(matches.map((match) => match.technique)).toEqual(['swedish']);
  });

  it('matches nobody for a blocked intake', () => {
    const blocked: Assessment = { ...assessment([]), status: 'blocked' };
    expect(rankMatches(blocked, [therapist({ therapistId: 't' })], usual)).toEqual([]);
  });

  it('ranks the more experienced therapist higher, all else equal', () => {
    const years = fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(years, fc.boolean(), ([a, b], pregnant) => {
        const matches = rankMatches(
          assessment([['swedish', 50]]),
          [
            therapist({ therapistId: 'a', yearsExperience: a, hasPrenatalCertification: true }),
            therapist({ therapistId: 'b', yearsExperience: b, hasPrenatalCertification: true }),
          ],
          { pregnant },
        );
        const expected = a > b ? ['a', 'b'] : ['b', 'a'];
        expect(matches.map((match) => match.therapistId)).toEqual(expected);
        expect(matches[0].score).toBeGreaterThan(matches[1].score);
      }),
    );
  });

  it('stops counting experience at ten years', () => {
    const suggestion = 50;
    const decade = matchScore(suggestion, { yearsExperience: 10, freeSlotCount: 1 }, false);
    expect(matchScore(suggestion, { yearsExperience: 30, freeSlotCount: 1 }, false)).toBe(decade);
  });

  it('weighs experience more for a pregnant client', () => {
    const gain = (pregnant: boolean) =>
      matchScore(50, { yearsExperience: 10, freeSlotCount: 5 }, pregnant) -
      matchScore(50, { yearsExperience: 0, freeSlotCount: 5 }, pregnant);
    expect(gain(true)).toBeGreaterThan(gain(false));
  });

  it('lets a technique lead of more than 43 points outweigh any therapist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 56 }),
        fc.integer({ min: 44, max: 100 }),
        candidate,
        candidate,
        fc.boolean(),
        (low, lead, weak, strong, pregnant) => {
          const high = Math.min(low + lead, 100);
          fc.pre(high - low >= 44);
          const matches = rankMatches(
            assessment([
              ['trigger-point', high],
              ['swedish', low],
            ]),
            [
              {
                ...weak,
                therapistId: 'weak',
                techniques: ['trigger-point'],
                hasPrenatalCertification: true,
              },
              {
                ...strong,
                therapistId: 'strong',
                techniques: ['swedish'],
                hasPrenatalCertification: true,
              },
            ],
            { pregnant },
          );
          expect(matches.map((match) => match.therapistId)).toEqual(['weak', 'strong']);
        },
      ),
    );
  });

  it('lists a therapist with no free slots, below one with slots', () => {
    const matches = rankMatches(
      assessment([['swedish', 50]]),
      [
        therapist({ therapistId: 'booked-up', freeSlotCount: 0 }),
        therapist({ therapistId: 'open', freeSlotCount: 2 }),
      ],
      usual,
    );
    expect(matches.map((match) => match.therapistId)).toEqual(['open', 'booked-up']);
    expect(matches[1].reasons).toContain('No free slots in your window; try other dates');
  });

  it('explains each match in plain words', () => {
    const matches = rankMatches(
      assessment([
        ['trigger-point', 64],
        ['swedish', 20],
      ]),
      [therapist({ therapistId: 't', yearsExperience: 12, freeSlotCount: 3 })],
      usual,
    );
    expect(matches.map((match) => match.reasons)).toEqual([
      [
        'Offers trigger point massage, your top suggestion',
        '12 years of experience',
        '3 free slots in your window',
      ],
      [
        'Offers Swedish massage, your suggestion #2',
        '12 years of experience',
        '3 free slots in your window',
      ],
    ]);
  });

  it('explains experience and certification for a pregnant client', () => {
    const [match] = rankMatches(
      assessment([['prenatal', 67]]),
      [
        therapist({
          therapistId: 't',
          yearsExperience: 1,
          freeSlotCount: 1,
          hasPrenatalCertification: true,
        }),
      ],
      { pregnant: true },
    );
    expect(match.reasons).toEqual([
      'Offers prenatal massage, your top suggestion',
      '1 year of experience, which matters most during pregnancy',
      'Certified in prenatal massage',
      '1 free slot in your window',
    ]);
  });

  it('scores on 0..100 with the documented weights', () => {
    expect(matchScore(100, { yearsExperience: 10, freeSlotCount: 5 }, false)).toBe(100);
    expect(matchScore(0, { yearsExperience: 0, freeSlotCount: 0 }, true)).toBe(0);
    expect(matchScore(50, { yearsExperience: 5, freeSlotCount: 0 }, false)).toBe(35 + 10);
    expect(matchScore(50, { yearsExperience: 4, freeSlotCount: 5 }, true)).toBe(35 + 10 + 5);
  });
});
