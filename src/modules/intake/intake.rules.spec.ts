import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  CLOT_GUIDANCE,
  GUIDANCE_RULES,
  GUIDANCE_VERSION,
  RED_FLAG_GUIDANCE,
  type Condition,
  type GuidanceRule,
} from './intake.guidance.js';
import {
  assessIntake,
  contraindicationFor,
  statusAfterReview,
  exclusionsFor,
  hasClotRisk,
  hasRedFlag,
  isPregnantOrPostpartum,
  missingClotAnswers,
  suggestionScore,
} from './intake.rules.js';
import {
  CAUSES,
  CLOT_QUESTIONS,
  ONSETS,
  PAIN_AREAS,
  PRESSURES,
  RED_FLAGS,
  SENSATIONS,
  TECHNIQUE_SLUGS,
  type ClotScreeningAnswers,
  type IntakeAnswers,
  type RedFlagAnswers,
  type TechniqueSlug,
} from './intake.types.js';

const article = readFileSync(join(process.cwd(), 'docs/guidance-source.txt'), 'utf8');

const noRedFlags: RedFlagAnswers = { chestPain: false, radiatingPain: false, fever: false };
const noClotRisk: ClotScreeningAnswers = {
  historyOfClots: false,
  legSwellingOrPain: false,
  clottingDisorder: false,
  anticoagulants: false,
  recentSurgeryOrBedRest: false,
};

/** Matches no rule but the gentle default, so each table row adds only what its rule needs. */
const minimal: IntakeAnswers = {
  painAreas: ['upper-back'],
  sensations: [],
  onset: 'acute',
  causes: [],
  knots: false,
  stressLevel: 0,
  redFlags: noRedFlags,
  pregnancy: { pregnant: false },
};

function intake(overrides: Partial<IntakeAnswers>): IntakeAnswers {
  return { ...minimal, ...overrides };
}

const pregnant: Partial<IntakeAnswers> = {
  pregnancy: { pregnant: true, weeks: 20 },
  clotScreening: noClotRisk,
};
const clotRisk: Partial<IntakeAnswers> = {
  clotScreening: { ...noClotRisk, historyOfClots: true },
};

/**
 * One row per guidance rule: answers that meet its condition. Rows for exclude rules also favour
 * the technique, so the test can show that the rule, and nothing else, keeps it out.
 */
const ruleRows: Record<string, Partial<IntakeAnswers>> = {
  'swedish-stress-cause': { causes: ['stress'] },
  'swedish-high-stress': { stressLevel: 6 },
  'swedish-tense-muscles': { sensations: ['tight'] },
  'swedish-aching': { sensations: ['aching'] },
  'swedish-dull': { sensations: ['dull'] },
  'swedish-sharp-or-burning': { sensations: ['burning'] },
  'swedish-posture': { causes: ['posture'] },
  'swedish-unknown-cause': { causes: ['unknown'] },
  'swedish-light-pressure': { preferences: { pressure: 'light' } },
  'swedish-gentle-default': {},
  'deep-tissue-chronic': { onset: 'chronic' },
  'deep-tissue-stiff-or-tight': { sensations: ['stiff'] },
  'deep-tissue-firm-pressure': { preferences: { pressure: 'firm' } },
  'deep-tissue-not-in-pregnancy': { ...pregnant, onset: 'chronic' },
  'deep-tissue-not-with-clot-risk': { ...clotRisk, onset: 'chronic' },
  'hot-stone-strain': { causes: ['lifting'] },
  'hot-stone-not-in-pregnancy': { ...pregnant, causes: ['overuse'] },
  'hot-stone-not-with-clot-risk': { ...clotRisk, causes: ['injury'] },
  'trigger-point-shoulder-blade-knots': { knots: true, painAreas: ['between-shoulder-blades'] },
  'trigger-point-knots': { knots: true },
  'trigger-point-firm-pressure': { preferences: { pressure: 'firm' } },
  'shiatsu-stress': { stressLevel: 9 },
  'shiatsu-chronic-lower-back': { onset: 'chronic', painAreas: ['lower-back'] },
  'aromatherapy-tender': { sensations: ['tender'] },
  'aromatherapy-likes-scents': { preferences: { likesScents: true } },
  'aromatherapy-light-pressure': { preferences: { pressure: 'light' } },
  'aromatherapy-no-scents': { sensations: ['tender'], preferences: { likesScents: false } },
  'prenatal-pregnancy': pregnant,
  // Prenatal massage is only suggested to a client who answered the clot questions it needs.
  'prenatal-pregnancy-cause': { causes: ['pregnancy'], clotScreening: noClotRisk },
  'prenatal-postpartum': {
    pregnancy: { pregnant: false, postpartumWeeks: 6 },
    clotScreening: noClotRisk,
  },
};

function leaves(condition: Condition): Condition[] {
  if ('all' in condition) return condition.all.flatMap(leaves);
  if ('any' in condition) return condition.any.flatMap(leaves);
  return [condition];
}

function techniques(answers: IntakeAnswers, rules?: readonly GuidanceRule[]): string[] {
  return assessIntake(answers, rules).suggestions.map((suggestion) => suggestion.technique);
}

describe('the guidance table', () => {
  it('has one test row per rule, and unique kebab-case ids', () => {
    const ids = GUIDANCE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(ruleRows).sort());
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(GUIDANCE_RULES.map((rule) => [rule.id, rule] as const))(
    '%s rests on a verbatim passage of the article',
    (_id, rule) => {
      expect(rule.passage.length).toBeGreaterThan(10);
      expect(article).toContain(rule.passage);
    },
  );

  it('quotes the article verbatim in the flag guidance', () => {
    expect(article).toContain(RED_FLAG_GUIDANCE.passage);
    expect(article).toContain(CLOT_GUIDANCE.passage);
  });

  it('names every technique, cause and sensation in at least one rule', () => {
    const conditions = GUIDANCE_RULES.flatMap((rule) => leaves(rule.when));
    const causes = conditions.flatMap((leaf) => ('causesAny' in leaf ? leaf.causesAny : []));
    const sensations = conditions.flatMap((leaf) =>
      'sensationsAny' in leaf ? leaf.sensationsAny : [],
    );
    expect(new Set(GUIDANCE_RULES.map((rule) => rule.technique))).toEqual(new Set(TECHNIQUE_SLUGS));
    expect(new Set(causes)).toEqual(new Set(CAUSES));
    expect(new Set(sensations)).toEqual(new Set(SENSATIONS));
  });

  it('gives every favour rule a positive weight', () => {
    for (const rule of GUIDANCE_RULES) {
      if (rule.effect !== 'exclude') expect(rule.weight).toBeGreaterThan(0);
    }
  });
});

describe('each guidance rule fires for a minimal intake meeting its condition', () => {
  const rows = GUIDANCE_RULES.map((rule) => [rule.id, rule, intake(ruleRows[rule.id])] as const);

  it.each(rows.filter(([, rule]) => rule.effect !== 'exclude'))(
    '%s suggests its technique with its reason',
    (id, rule, answers) => {
      const suggestion = assessIntake(answers).suggestions.find(
        (candidate) => candidate.technique === rule.technique,
      );
      expect(suggestion?.ruleIds).toContain(id);
      expect(suggestion?.reasons).toContain(rule.reason);
    },
  );

  it.each(rows.filter(([, rule]) => rule.effect === 'exclude'))(
    '%s keeps its technique out, and only it does',
    (id, rule, answers) => {
      const assessment = assessIntake(answers);
      expect(assessment.suggestions.map((suggestion) => suggestion.technique)).not.toContain(
        rule.technique,
      );
      expect(assessment.excluded).toContainEqual(
        expect.objectContaining({
          technique: rule.technique,
          ruleIds: [id],
          reasons: [rule.reason],
        }),
      );
      const withoutRule = GUIDANCE_RULES.filter((other) => other.id !== id);
      expect(techniques(answers, withoutRule)).toContain(rule.technique);
    },
  );
});

describe('assessIntake, the examples of the README API section', () => {
  it('ranks trigger point first for knots between the shoulder blades', () => {
    const answers = intake({ knots: true, painAreas: ['between-shoulder-blades', 'upper-back'] });
    expect(techniques(answers)[0]).toBe('trigger-point');
  });

  it('ranks deep tissue first for chronic stiffness and tightness', () => {
    const answers = intake({ onset: 'chronic', sensations: ['stiff', 'tight'] });
    expect(techniques(answers)[0]).toBe('deep-tissue');
  });

  it('ranks Swedish first for high stress', () => {
    expect(techniques(intake({ stressLevel: 8 }))[0]).toBe('swedish');
    expect(techniques(intake({ stressLevel: 8, causes: ['stress'] }))[0]).toBe('swedish');
  });

  it('ranks prenatal first in pregnancy, and never deep tissue or hot stone', () => {
    const answers = intake({
      ...pregnant,
      onset: 'chronic',
      sensations: ['stiff', 'tight'],
      causes: ['pregnancy', 'overuse'],
      preferences: { pressure: 'firm' },
    });
    const suggested = techniques(answers);
    expect(suggested[0]).toBe('prenatal');
    expect(suggested).not.toContain('deep-tissue');
    expect(suggested).not.toContain('hot-stone');
  });
});

describe('assessIntake, ranking and scores', () => {
  it('falls back to a gentle Swedish massage when nothing else matched', () => {
    expect(assessIntake(minimal)).toEqual({
      status: 'clear',
      suggestions: [
        {
          technique: 'swedish',
          score: suggestionScore(1),
          reasons: ['A gentle full-back massage is a safe starting point.'],
          ruleIds: ['swedish-gentle-default'],
        },
      ],
      excluded: [],
      flags: [],
      guidanceVersion: GUIDANCE_VERSION,
    });
  });

  it('does not add the gentle default when another rule matched', () => {
    const ruleIds = assessIntake(intake({ knots: true })).suggestions.flatMap((s) => s.ruleIds);
    expect(ruleIds).not.toContain('swedish-gentle-default');
  });

  it('falls back when every favoured technique is excluded', () => {
    const answers = intake({ ...clotRisk, onset: 'chronic', causes: ['lifting'] });
    expect(techniques(answers)).toEqual(['swedish']);
  });

  it('scores the summed weights on a saturating 0..100 scale', () => {
    expect([0, 1, 4, 7, 12, 1000].map(suggestionScore)).toEqual([0, 20, 50, 64, 75, 100]);
    const [top] = assessIntake(intake({ knots: true, painAreas: ['shoulders'] })).suggestions;
    expect(top).toMatchObject({ technique: 'trigger-point', score: suggestionScore(5 + 2) });
  });

  it('breaks ties in catalog order and lists a shared reason once', () => {
    const rule = (id: string, technique: GuidanceRule['technique']): GuidanceRule => ({
      id,
      technique,
      effect: 'favour',
      weight: 2,
      when: { knots: true },
      reason: 'Same words.',
      passage: 'knots',
    });
    const rules = [rule('b', 'shiatsu'), rule('a', 'hot-stone'), rule('c', 'shiatsu')];
    const { suggestions } = assessIntake(intake({ knots: true }), rules);
    expect(suggestions).toEqual([
      {
        technique: 'shiatsu',
        score: suggestionScore(4),
        reasons: ['Same words.'],
        ruleIds: ['b', 'c'],
      },
      {
        technique: 'hot-stone',
        score: suggestionScore(2),
        reasons: ['Same words.'],
        ruleIds: ['a'],
      },
    ]);
  });

  it('lets light pressure favour gentle techniques without excluding any', () => {
    const assessment = assessIntake(intake({ preferences: { pressure: 'light' } }));
    expect(assessment.suggestions.map((s) => s.technique)).toEqual(['swedish', 'aromatherapy']);
    expect(assessment.excluded).toEqual([]);
  });

  it('excludes aromatherapy only when the client said no to scents', () => {
    expect(techniques(intake({ sensations: ['tender'] }))).toContain('aromatherapy');
    expect(techniques(intake({ sensations: ['tender'], preferences: {} }))).toContain(
      'aromatherapy',
    );
    expect(
      techniques(intake({ sensations: ['tender'], preferences: { likesScents: false } })),
    ).not.toContain('aromatherapy');
  });

  it('reports the same exclusions on their own as in the assessment', () => {
    const answers = intake({ ...pregnant, ...clotRisk });
    expect(exclusionsFor(answers)).toEqual(assessIntake(answers).excluded);
    expect(exclusionsFor(answers).map((exclusion) => exclusion.technique)).toEqual([
      'deep-tissue',
      'hot-stone',
    ]);
  });
});

describe('assessIntake, flags and status', () => {
  it.each(RED_FLAGS)('blocks an intake with %s and suggests no massage', (flag) => {
    const answers = intake({ redFlags: { ...noRedFlags, [flag]: true }, knots: true });
    const assessment = assessIntake(answers);
    expect(assessment.status).toBe('blocked');
    expect(assessment.suggestions).toEqual([]);
    expect(assessment.flags).toHaveLength(1);
    const [draft] = assessment.flags;
    expect(draft).toMatchObject({ code: 'RED_FLAG_SEE_DOCTOR', severity: 'critical' });
    expect(draft.message).toContain('call your primary care provider before any massage');
    expect(draft.message).toContain(RED_FLAG_GUIDANCE.symptoms[flag]);
    expect(draft.message).toContain(RED_FLAG_GUIDANCE.passage);
  });

  it('names every red flag the client reported', () => {
    const [draft] = assessIntake(
      intake({ redFlags: { chestPain: true, radiatingPain: false, fever: true } }),
    ).flags;
    expect(draft.message).toContain('pain in the chest and a fever');
  });

  it.each(CLOT_QUESTIONS)('sends an intake with %s to review', (question) => {
    const answers = intake({ ...pregnant, clotScreening: { ...noClotRisk, [question]: true } });
    const assessment = assessIntake(answers);
    expect(assessment.status).toBe('needs-review');
    expect(assessment.flags).toEqual([
      {
        code: 'CLOT_RISK',
        severity: 'high',
        message: `You told us about ${CLOT_GUIDANCE.answers[question]}. ${CLOT_GUIDANCE.advice}`,
      },
    ]);
    expect(assessment.flags[0].message).toContain('should never be massaged');
    expect(assessment.suggestions.length).toBeGreaterThan(0);
  });

  it('lets a red flag win over a clot risk, keeping both flags', () => {
    const assessment = assessIntake(
      intake({ ...clotRisk, redFlags: { ...noRedFlags, radiatingPain: true } }),
    );
    expect(assessment.status).toBe('blocked');
    expect(assessment.flags.map((draft) => draft.code)).toEqual([
      'RED_FLAG_SEE_DOCTOR',
      'CLOT_RISK',
    ]);
    expect(assessment.suggestions).toEqual([]);
  });

  it('clears a complete screening with no yes answers', () => {
    const assessment = assessIntake(intake(pregnant));
    expect(assessment.status).toBe('clear');
    expect(assessment.flags).toEqual([]);
  });

  it('reads red flags and clot answers', () => {
    expect(hasRedFlag(minimal)).toBe(false);
    expect(hasRedFlag(intake({ redFlags: { ...noRedFlags, fever: true } }))).toBe(true);
    expect(hasClotRisk(minimal)).toBe(false);
    expect(hasClotRisk(intake(pregnant))).toBe(false);
    expect(hasClotRisk(intake(clotRisk))).toBe(true);
  });
});

describe('pregnancy and the clot screening', () => {
  it('counts a pregnancy or any postpartum answer, week 0 included', () => {
    expect(isPregnantOrPostpartum(minimal)).toBe(false);
    expect(isPregnantOrPostpartum(intake({ pregnancy: { pregnant: true } }))).toBe(true);
    expect(
      isPregnantOrPostpartum(intake({ pregnancy: { pregnant: false, postpartumWeeks: 0 } })),
    ).toBe(true);
  });

  it('needs no clot answers from a client who is neither pregnant nor postpartum', () => {
    expect(missingClotAnswers(minimal)).toEqual([]);
  });

  it('needs all five clot answers in pregnancy', () => {
    expect(missingClotAnswers(intake({ pregnancy: { pregnant: true, weeks: 12 } }))).toEqual(
      CLOT_QUESTIONS.map((question) => `clotScreening.${question}`),
    );
    expect(missingClotAnswers(intake(pregnant))).toEqual([]);
  });

  it('names the clot answers a postpartum request body left out', () => {
    const partial = JSON.parse('{ "historyOfClots": false, "anticoagulants": true }');
    const answers = intake({
      pregnancy: { pregnant: false, postpartumWeeks: 3 },
      clotScreening: partial,
    });
    expect(missingClotAnswers(answers)).toEqual([
      'clotScreening.legSwellingOrPain',
      'clotScreening.clottingDisorder',
      'clotScreening.recentSurgeryOrBedRest',
    ]);
  });
});

describe('assessIntake, properties over any valid intake', () => {
  const answered = <K extends string>(keys: readonly K[], value: fc.Arbitrary<boolean>) =>
    fc.record(Object.fromEntries(keys.map((key) => [key, value]))) as fc.Arbitrary<
      Record<K, boolean>
    >;
  // Most generated intakes are screened clean, so the non-blocked properties get real coverage.
  const mostlyNo = <K extends string>(keys: readonly K[]) =>
    fc.oneof(
      { arbitrary: answered(keys, fc.constant(false)), weight: 3 },
      { arbitrary: answered(keys, fc.boolean()), weight: 1 },
    );
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

  const answers: fc.Arbitrary<IntakeAnswers> = fc.record({
    painAreas: fc.subarray([...PAIN_AREAS]),
    sensations: fc.subarray([...SENSATIONS]),
    onset: fc.constantFrom(...ONSETS),
    causes: fc.subarray([...CAUSES]),
    knots: fc.boolean(),
    stressLevel: fc.integer({ min: 0, max: 10 }),
    redFlags: mostlyNo(RED_FLAGS),
    pregnancy: fc.oneof(
      fc.record({ pregnant: fc.constant(true), weeks: optional(fc.integer({ min: 1, max: 42 })) }),
      fc.record({
        pregnant: fc.constant(false),
        postpartumWeeks: optional(fc.integer({ min: 0, max: 52 })),
      }),
    ),
    clotScreening: optional(mostlyNo(CLOT_QUESTIONS)),
    preferences: optional(
      fc.record({
        pressure: optional(fc.constantFrom(...PRESSURES)),
        likesScents: optional(fc.boolean()),
      }),
    ),
  });

  it('never suggests deep tissue or hot stone in pregnancy', () => {
    fc.assert(
      fc.property(answers, (generated) => {
        const suggested = techniques(generated);
        return (
          !generated.pregnancy.pregnant ||
          (!suggested.includes('deep-tissue') && !suggested.includes('hot-stone'))
        );
      }),
    );
  });

  it('blocks every intake with a red flag and suggests nothing', () => {
    fc.assert(
      fc.property(answers, (generated) => {
        const assessment = assessIntake(generated);
        const blocked = assessment.status === 'blocked';
        return (
          blocked === hasRedFlag(generated) && (!blocked || assessment.suggestions.length === 0)
        );
      }),
    );
  });

  it('gives every intake that is not blocked at least one suggestion', () => {
    fc.assert(
      fc.property(answers, (generated) => {
        const assessment = assessIntake(generated);
        return assessment.status === 'blocked' || assessment.suggestions.length > 0;
      }),
    );
  });

  it('on any menu, suggests only menu techniques the client may book, and one whenever any exists', () => {
    fc.assert(
      fc.property(answers, fc.subarray([...TECHNIQUE_SLUGS]), (generated, offered) => {
        const menu = new Set<TechniqueSlug>(offered);
        const assessment = assessIntake(generated, undefined, menu);
        if (assessment.status === 'blocked') return assessment.suggestions.length === 0;
        const bookable = offered.filter(
          (technique) =>
            !contraindicationFor(generated, technique) &&
            (technique !== 'prenatal' || generated.clotScreening !== undefined) &&
            !exclusionsFor(generated).some((e) => e.technique === technique),
        );
        const suggested = assessment.suggestions.map((s) => s.technique);
        return (
          suggested.every((technique) => bookable.includes(technique)) &&
          (bookable.length === 0 || suggested.length > 0)
        );
      }),
    );
  });

  it('ranks by score, each suggestion once, each with a reason and never an excluded one', () => {
    fc.assert(
      fc.property(answers, (generated) => {
        const { suggestions, excluded } = assessIntake(generated);
        const ruledOut = new Set(excluded.map((exclusion) => exclusion.technique));
        const distinct = new Set(suggestions.map((suggestion) => suggestion.technique));
        expect(distinct.size).toBe(suggestions.length);
        suggestions.forEach((suggestion, index) => {
          expect(suggestion.reasons.length).toBeGreaterThan(0);
          expect(suggestion.ruleIds.length).toBeGreaterThan(0);
          expect(Number.isInteger(suggestion.score)).toBe(true);
          expect(suggestion.score).toBeGreaterThan(0);
          expect(suggestion.score).toBeLessThanOrEqual(100);
          expect(ruledOut.has(suggestion.technique)).toBe(false);
          if (index > 0)
            expect(suggestions[index - 1].score).toBeGreaterThanOrEqual(suggestion.score);
        });
      }),
    );
  });
});

describe('contraindicationFor', () => {
  const base: IntakeAnswers = {
    painAreas: ['upper-back'],
    sensations: ['tight'],
    onset: 'chronic',
    causes: ['posture'],
    knots: false,
    stressLevel: 3,
    redFlags: { chestPain: false, radiatingPain: false, fever: false },
    pregnancy: { pregnant: false },
  };
  const noClots = {
    historyOfClots: false,
    legSwellingOrPain: false,
    clottingDisorder: false,
    anticoagulants: false,
    recentSurgeryOrBedRest: false,
  };

  it('forbids deep tissue and hot stone in pregnancy, nothing else', () => {
    const pregnant = { ...base, pregnancy: { pregnant: true, weeks: 20 }, clotScreening: noClots };
    expect(contraindicationFor(pregnant, 'deep-tissue')?.ruleIds).toEqual([
      'deep-tissue-not-in-pregnancy',
    ]);
    expect(contraindicationFor(pregnant, 'hot-stone')).not.toBeNull();
    expect(contraindicationFor(pregnant, 'prenatal')).toBeNull();
    expect(contraindicationFor(base, 'deep-tissue')).toBeNull();
  });

  it('treats a scent preference as a preference, not a contraindication', () => {
    const noScents = { ...base, preferences: { likesScents: false } };
    expect(exclusionsFor(noScents).map((e) => e.technique)).toContain('aromatherapy');
    expect(contraindicationFor(noScents, 'aromatherapy')).toBeNull();
  });
});

describe('statusAfterReview', () => {
  it.each([
    [[], 'clear'],
    [[{ code: 'CLOT_RISK', status: 'open' }], 'needs-review'],
    [[{ code: 'CLOT_RISK', status: 'rejected' }], 'needs-review'],
    [[{ code: 'CLOT_RISK', status: 'approved' }], 'clear'],
    [
      [
        { code: 'RED_FLAG_SEE_DOCTOR', status: 'open' },
        { code: 'CLOT_RISK', status: 'approved' },
      ],
      'blocked',
    ],
    [
      [
        { code: 'RED_FLAG_SEE_DOCTOR', status: 'approved' },
        { code: 'CLOT_RISK', status: 'open' },
      ],
      'needs-review',
    ],
    [[{ code: 'RED_FLAG_RETRACTED', status: 'open' }], 'needs-review'],
    [[{ code: 'RED_FLAG_RETRACTED', status: 'rejected' }], 'blocked'],
    [[{ code: 'RED_FLAG_RETRACTED', status: 'approved' }], 'clear'],
  ] as const)('%j gives %s', (flags, status) => {
    expect(statusAfterReview(flags)).toBe(status);
  });
});

describe('assessIntake on the spa’s menu', () => {
  const menu = new Set<TechniqueSlug>(['swedish', 'deep-tissue', 'prenatal']);

  it('never leaves a clear intake with only techniques the menu lacks', () => {
    // Upper back, recent, knots: the guidance points to trigger point, which this menu lacks.
    const answers = intake({
      painAreas: ['upper-back'],
      onset: 'acute',
      knots: true,
      sensations: [],
    });
    expect(assessIntake(answers).suggestions.map((s) => s.technique)).toContain('trigger-point');
    const suggestions = assessIntake(answers, undefined, menu).suggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => menu.has(s.technique))).toBe(true);
  });

  it('falls back to the gentlest technique on the menu, saying why', () => {
    const onlyDeep = new Set<TechniqueSlug>(['deep-tissue']);
    const [suggestion, ...rest] = assessIntake(
      intake({ knots: true }),
      undefined,
      onlyDeep,
    ).suggestions;
    expect(rest).toEqual([]);
    expect(suggestion.technique).toBe('deep-tissue');
  });

  it('suggests nothing a pregnant client may not book, even when it is all the menu has', () => {
    const pregnantAnswers = intake({
      pregnancy: { pregnant: true, weeks: 20 },
      clotScreening: noClotRisk,
    });
    const unsafeMenu = new Set<TechniqueSlug>(['deep-tissue', 'hot-stone']);
    expect(assessIntake(pregnantAnswers, undefined, unsafeMenu).suggestions).toEqual([]);
  });

  it('offers prenatal massage only to a client who answered the clot questions', () => {
    const prenatalOnly = new Set<TechniqueSlug>(['prenatal']);
    expect(assessIntake(intake({}), undefined, prenatalOnly).suggestions).toEqual([]);
    expect(
      assessIntake(intake({ clotScreening: noClotRisk }), undefined, prenatalOnly).suggestions.map(
        (s) => s.technique,
      ),
    ).toEqual(['prenatal']);
  });
});
