import {
  CLOT_GUIDANCE,
  MENU_FALLBACK,
  GUIDANCE_RULES,
  GUIDANCE_VERSION,
  RED_FLAG_GUIDANCE,
  type Condition,
  type FavourRule,
  type GuidanceRule,
} from './intake.guidance.js';
import {
  CLOT_QUESTIONS,
  RED_FLAGS,
  TECHNIQUE_SLUGS,
  type FlagCode,
  type FlagSeverity,
  type IntakeAnswers,
  type IntakeStatus,
  type TechniqueSlug,
} from './intake.types.js';

export interface Suggestion {
  technique: TechniqueSlug;
  /** 1..100, see suggestionScore. */
  score: number;
  reasons: string[];
  ruleIds: string[];
}

/** A technique the guidance rules out for this client, and why. */
export interface Exclusion {
  technique: TechniqueSlug;
  reasons: string[];
  ruleIds: string[];
}

export interface FlagDraft {
  code: FlagCode;
  severity: FlagSeverity;
  message: string;
}

export interface Assessment {
  status: IntakeStatus;
  /** Best first; empty only when the intake is blocked. */
  suggestions: Suggestion[];
  excluded: Exclusion[];
  flags: FlagDraft[];
  guidanceVersion: string;
}

/**
 * The weight at which a suggestion scores 50. A score is round(100 * w / (w + 4)), w being the sum
 * of the weights of the rules that fired for the technique: it depends on this client's answers
 * only (not on the other techniques), never decreases as evidence is added, and approaches 100.
 */
const SCORE_HALF_WEIGHT = 4;

export function suggestionScore(weight: number): number {
  return Math.round((100 * weight) / (weight + SCORE_HALF_WEIGHT));
}

export function isPregnantOrPostpartum(answers: IntakeAnswers): boolean {
  // `pregnancy` may be missing from a check-in that stopped at a red flag.
  return answers.pregnancy?.pregnant === true || answers.pregnancy?.postpartumWeeks !== undefined;
}

/**
 * Clot questions a pregnant or postpartum client left unanswered, as field paths for a 400.
 * Checked at run time too, because the answers may come from a request body.
 */
export function missingClotAnswers(answers: IntakeAnswers): string[] {
  if (!isPregnantOrPostpartum(answers)) return [];
  return CLOT_QUESTIONS.filter(
    (question) => typeof answers.clotScreening?.[question] !== 'boolean',
  ).map((question) => `clotScreening.${question}`);
}

/** Every question but the optional groups was answered (a red-flag check-in may stop early). */
export function answeredInFull(answers: Partial<IntakeAnswers>): boolean {
  return (
    Array.isArray(answers.painAreas) &&
    Array.isArray(answers.sensations) &&
    Array.isArray(answers.causes) &&
    answers.onset !== undefined &&
    typeof answers.knots === 'boolean' &&
    typeof answers.stressLevel === 'number' &&
    answers.pregnancy !== undefined
  );
}

export function hasClotRisk(answers: IntakeAnswers): boolean {
  return CLOT_QUESTIONS.some((question) => answers.clotScreening?.[question] === true);
}

export function hasRedFlag(answers: IntakeAnswers): boolean {
  return RED_FLAGS.some((flag) => answers.redFlags[flag]);
}

function holds(condition: Condition, answers: IntakeAnswers): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, answers));
  if ('any' in condition) return condition.any.some((part) => holds(part, answers));
  if ('painAreasAny' in condition) {
    return condition.painAreasAny.some((area) => answers.painAreas.includes(area));
  }
  if ('sensationsAny' in condition) {
    return condition.sensationsAny.some((sensation) => answers.sensations.includes(sensation));
  }
  if ('causesAny' in condition) {
    return condition.causesAny.some((cause) => answers.causes.includes(cause));
  }
  if ('onset' in condition) return answers.onset === condition.onset;
  if ('knots' in condition) return answers.knots === condition.knots;
  if ('stressAtLeast' in condition) return answers.stressLevel >= condition.stressAtLeast;
  if ('pregnant' in condition) return answers.pregnancy.pregnant === condition.pregnant;
  if ('postpartum' in condition) {
    return (answers.pregnancy.postpartumWeeks !== undefined) === condition.postpartum;
  }
  if ('clotRisk' in condition) return hasClotRisk(answers) === condition.clotRisk;
  if ('pressure' in condition) return answers.preferences?.pressure === condition.pressure;
  // Only `likesScents` is left, so a new kind of Condition fails to compile here until handled.
  return answers.preferences?.likesScents === condition.likesScents;
}

function catalogOrder(technique: TechniqueSlug): number {
  return TECHNIQUE_SLUGS.indexOf(technique);
}

/** Groups the rules by technique, in catalog order. */
function tally<R extends GuidanceRule>(rules: readonly R[]): Map<TechniqueSlug, R[]> {
  const byTechnique = new Map<TechniqueSlug, R[]>();
  for (const technique of TECHNIQUE_SLUGS) {
    const own = rules.filter((rule) => rule.technique === technique);
    if (own.length > 0) byTechnique.set(technique, own);
  }
  return byTechnique;
}

function reasonsOf(rules: readonly GuidanceRule[]): string[] {
  return [...new Set(rules.map((rule) => rule.reason))];
}

function rank(rules: readonly FavourRule[], excluded: ReadonlySet<TechniqueSlug>): Suggestion[] {
  const ranked = [...tally(rules)]
    .filter(([technique]) => !excluded.has(technique))
    .map(([technique, own]) => ({
      technique,
      weight: own.reduce((sum, rule) => sum + rule.weight, 0),
      reasons: reasonsOf(own),
      ruleIds: own.map((rule) => rule.id),
    }))
    .filter((candidate) => candidate.weight > 0)
    .sort((a, b) => b.weight - a.weight || catalogOrder(a.technique) - catalogOrder(b.technique));
  return ranked.map(({ weight, ...suggestion }) => ({
    ...suggestion,
    score: suggestionScore(weight),
  }));
}

/** The techniques the guidance rules out for these answers; bookings check the same rules. */
export function exclusionsFor(
  answers: IntakeAnswers,
  rules: readonly GuidanceRule[] = GUIDANCE_RULES,
): Exclusion[] {
  const fired = rules.filter((rule) => rule.effect === 'exclude' && holds(rule.when, answers));
  return [...tally(fired)].map(([technique, own]) => ({
    technique,
    reasons: reasonsOf(own),
    ruleIds: own.map((rule) => rule.id),
  }));
}

/**
 * The medical contraindication (pregnancy, clot risk) that forbids booking `technique`, if any.
 * Preference exclusions (no scents) only stop a suggestion, never a booking.
 */
export function contraindicationFor(
  answers: IntakeAnswers,
  technique: TechniqueSlug,
  rules: readonly GuidanceRule[] = GUIDANCE_RULES,
): Exclusion | null {
  const medical = rules.filter((rule) => rule.effect === 'exclude' && rule.contraindication);
  return exclusionsFor(answers, medical).find((e) => e.technique === technique) ?? null;
}

function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function redFlagDraft(answers: IntakeAnswers): FlagDraft {
  const symptoms = RED_FLAGS.filter((flag) => answers.redFlags[flag]).map(
    (flag) => RED_FLAG_GUIDANCE.symptoms[flag],
  );
  return {
    code: 'RED_FLAG_SEE_DOCTOR',
    severity: 'critical',
    message:
      `${RED_FLAG_GUIDANCE.advice} You told us your back pain comes with ${listed(symptoms)}. ` +
      `Our guide says: "${RED_FLAG_GUIDANCE.passage}"`,
  };
}

/** The flag of an intake that answers no to red flags reported within the last 30 days. */
export function retractionDraft(
  reportedAt: Date,
  reported: Partial<Record<(typeof RED_FLAGS)[number], boolean>> | null,
): FlagDraft {
  const symptoms = RED_FLAGS.filter((flag) => reported?.[flag]).map(
    (flag) => RED_FLAG_GUIDANCE.symptoms[flag],
  );
  const day = reportedAt.toISOString().slice(0, 10);
  return {
    code: 'RED_FLAG_RETRACTED',
    severity: 'critical',
    message:
      `On ${day} you told us about ${listed(symptoms.length ? symptoms : ['a symptom that needs a doctor'])}. ` +
      `Before you can book, our team will confirm with you that a doctor has cleared you for massage. ${RED_FLAG_GUIDANCE.advice}`,
  };
}

function clotDraft(answers: IntakeAnswers): FlagDraft {
  const reported = CLOT_QUESTIONS.filter((question) => answers.clotScreening?.[question]).map(
    (question) => CLOT_GUIDANCE.answers[question],
  );
  return {
    code: 'CLOT_RISK',
    severity: 'high',
    message: `You told us about ${listed(reported)}. ${CLOT_GUIDANCE.advice}`,
  };
}

/**
 * Screens an intake against the guidance: red flags block it (no massage at all), a clot risk sends
 * it to a clinician, and otherwise the favour rules rank techniques, minus the excluded ones.
 * `rules` lets tests or a clinician try a draft table; the result still names GUIDANCE_VERSION.
 */
export function assessIntake(
  answers: IntakeAnswers,
  rules: readonly GuidanceRule[] = GUIDANCE_RULES,
  menu?: ReadonlySet<TechniqueSlug>,
): Assessment {
  const blocked = hasRedFlag(answers);
  const clotRisk = hasClotRisk(answers);
  const flags: FlagDraft[] = [];
  if (blocked) flags.push(redFlagDraft(answers));
  if (clotRisk) flags.push(clotDraft(answers));
  // A red-flag check-in may stop before the other questions: nothing else is read then.
  if (blocked) {
    return {
      excluded: [],
      flags,
      guidanceVersion: GUIDANCE_VERSION,
      status: 'blocked',
      suggestions: [],
    };
  }
  const excluded = exclusionsFor(answers, rules);
  const base = { excluded, flags, guidanceVersion: GUIDANCE_VERSION };

  const ruledOut = new Set(excluded.map((exclusion) => exclusion.technique));
  for (const technique of TECHNIQUE_SLUGS) {
    if (!mayBook(answers, technique, menu)) ruledOut.add(technique);
  }
  const applicable = rules.filter(
    (rule): rule is FavourRule => rule.effect !== 'exclude' && holds(rule.when, answers),
  );
  const favoured = rank(
    applicable.filter((rule) => rule.effect === 'favour'),
    ruledOut,
  );
  const fallback = () =>
    rank(
      applicable.filter((rule) => rule.effect === 'fallback'),
      ruledOut,
    );
  const suggestions = favoured.length > 0 ? favoured : fallback();
  return {
    ...base,
    status: clotRisk ? 'needs-review' : 'clear',
    suggestions: suggestions.length > 0 ? suggestions : menuFallback(ruledOut),
  };
}

/**
 * Whether a suggestion of `technique` could be booked: on the menu (when one is given) and, for
 * prenatal massage, with the clot screening answered that the prenatal gate asks for.
 */
function mayBook(
  answers: IntakeAnswers,
  technique: TechniqueSlug,
  menu: ReadonlySet<TechniqueSlug> | undefined,
): boolean {
  if (menu && !menu.has(technique)) return false;
  return technique !== 'prenatal' || answers.clotScreening !== undefined;
}

/** When the menu lacks every technique the answers point to: its gentlest one that may be booked. */
function menuFallback(ruledOut: ReadonlySet<TechniqueSlug>): Suggestion[] {
  const technique = MENU_FALLBACK.order.find((slug) => !ruledOut.has(slug));
  if (!technique) return [];
  return [
    {
      technique,
      score: suggestionScore(1),
      reasons: [MENU_FALLBACK.reason],
      ruleIds: [MENU_FALLBACK.id],
    },
  ];
}

/**
 * An intake's status once admins have reviewed its flags: a red flag not approved keeps it
 * blocked; a clot risk not approved keeps it waiting for review; otherwise it is clear.
 */
export function statusAfterReview(
  flags: readonly { code: FlagCode; status: 'open' | 'approved' | 'rejected' }[],
): IntakeStatus {
  const has = (code: FlagCode, status: 'open' | 'approved' | 'rejected' | 'unapproved') =>
    flags.some(
      (f) =>
        f.code === code &&
        (status === 'unapproved' ? f.status !== 'approved' : f.status === status),
    );
  if (has('RED_FLAG_SEE_DOCTOR', 'unapproved') || has('RED_FLAG_RETRACTED', 'rejected')) {
    return 'blocked';
  }
  if (has('RED_FLAG_RETRACTED', 'open') || has('CLOT_RISK', 'unapproved')) return 'needs-review';
  return 'clear';
}
