import type {
  Cause,
  ClotQuestion,
  Onset,
  PainArea,
  Pressure,
  RedFlag,
  Sensation,
  TechniqueSlug,
} from './intake.types.js';

/**
 * The clinical guidance behind intake suggestions and flags, kept as data so a clinician can review
 * or change it without touching the engine in intake.rules.ts. Every `passage` is copied verbatim
 * from docs/guidance-source.txt (the article in shared/seeds/); the unit tests check that it still is.
 * Bump GUIDANCE_VERSION whenever a rule changes: each assessment records the version it used.
 */
export const GUIDANCE_VERSION = '2026-11-1';

/**
 * When a rule applies. Leaf conditions test one answer; `all` and `any` combine them
 * (`{ all: [] }` always holds). A preference that was not given matches no preference condition.
 */
export type Condition =
  | { painAreasAny: readonly PainArea[] }
  | { sensationsAny: readonly Sensation[] }
  | { causesAny: readonly Cause[] }
  | { onset: Onset }
  | { knots: boolean }
  | { stressAtLeast: number }
  | { pregnant: boolean }
  /** Postpartum means the client gave a `postpartumWeeks` answer. */
  | { postpartum: boolean }
  /** Any clot-screening answer is yes. */
  | { clotRisk: boolean }
  | { pressure: Pressure }
  | { likesScents: boolean }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] };

interface RuleBase {
  /** Stable kebab-case id, stored with each suggestion; never reuse one for a different rule. */
  id: string;
  technique: TechniqueSlug;
  when: Condition;
  /** Plain language shown to the client. */
  reason: string;
  /** The article's exact words the rule rests on. */
  passage: string;
}

/**
 * `favour` adds its weight to the technique's score. `fallback` does the same, but only when no
 * technique would otherwise be suggested, so every intake that may book gets a starting point.
 */
export interface FavourRule extends RuleBase {
  effect: 'favour' | 'fallback';
  weight: number;
}

/** `exclude` removes the technique from the suggestions whatever its score. */
export interface ExcludeRule extends RuleBase {
  effect: 'exclude';
  /** A medical contraindication: a booking of the technique is refused, not just not suggested. */
  contraindication: boolean;
}

export type GuidanceRule = FavourRule | ExcludeRule;

// Passages cited by more than one rule.
const GENTLE_RUBDOWN = 'a gentle rubdown can usually do the trick to ease the pain';
const CLOTS_NEVER_MASSAGED =
  'pregnant women are at a higher risk of developing clots — which should never be massaged';

/**
 * Weights: 1 nudges (a stated preference), 2 supports (a sign the article links to the technique
 * less directly), 3 is the article's direct indication, 5 the article's exact presentation for the
 * technique, 10 pregnancy, so a pregnant client is steered to a prenatal massage first.
 */
export const GUIDANCE_RULES: readonly GuidanceRule[] = [
  // Swedish
  {
    id: 'swedish-stress-cause',
    technique: 'swedish',
    effect: 'favour',
    weight: 3,
    when: { causesAny: ['stress'] },
    reason: 'Swedish massage is a great choice when stress or tension is behind your pain.',
    passage: 'A Swedish massage is a great choice when you have stress or tension.',
  },
  {
    id: 'swedish-high-stress',
    technique: 'swedish',
    effect: 'favour',
    weight: 4,
    when: { stressAtLeast: 6 },
    reason: 'You rated your stress as high, and Swedish massage is a great choice for stress.',
    passage: 'A Swedish massage is a great choice when you have stress or tension.',
  },
  {
    id: 'swedish-tense-muscles',
    technique: 'swedish',
    effect: 'favour',
    weight: 2,
    when: { sensationsAny: ['tight'] },
    reason: 'Swedish massage is wonderful for tense, tight muscles.',
    passage: "It's wonderful for tense muscles",
  },
  {
    id: 'swedish-aching',
    technique: 'swedish',
    effect: 'favour',
    weight: 2,
    when: { sensationsAny: ['aching'] },
    reason:
      'For an aching back a gentle rubdown usually does the trick, and Swedish is the classic.',
    passage: GENTLE_RUBDOWN,
  },
  {
    id: 'swedish-dull',
    technique: 'swedish',
    effect: 'favour',
    weight: 2,
    when: { sensationsAny: ['dull'] },
    reason:
      'Our guide names no technique for dull pain, so we suggest the gentle all-rounder: Swedish.',
    passage: GENTLE_RUBDOWN,
  },
  {
    id: 'swedish-sharp-or-burning',
    technique: 'swedish',
    effect: 'favour',
    weight: 2,
    when: { sensationsAny: ['sharp', 'burning'] },
    reason:
      'Our guide names no technique for sharp or burning pain, so we suggest a gentle Swedish ' +
      'massage rather than deep work; show your therapist exactly where it hurts.',
    passage: GENTLE_RUBDOWN,
  },
  {
    id: 'swedish-posture',
    technique: 'swedish',
    effect: 'favour',
    weight: 2,
    when: { causesAny: ['posture'] },
    reason:
      'For posture pain our guide first says to review your habits and names no technique, so we ' +
      'suggest a gentle Swedish massage for the tense muscles that hunching leaves behind.',
    passage:
      'the first thing that you should do is review your habits — more specifically, your posture.',
  },
  {
    id: 'swedish-unknown-cause',
    technique: 'swedish',
    effect: 'favour',
    weight: 1,
    when: { causesAny: ['unknown'] },
    reason:
      'Upper back pain can be tricky to pin down, so a gentle Swedish massage is a safe way to start.',
    passage: 'This is what makes diagnosing upper back pain sort of tricky!',
  },
  {
    id: 'swedish-light-pressure',
    technique: 'swedish',
    effect: 'favour',
    weight: 1,
    when: { pressure: 'light' },
    reason:
      'You prefer light pressure: Swedish massage soothes without working the deepest layers.',
    passage:
      'A deep tissue massage is similar to the same soothing techniques as a Swedish massage',
  },
  {
    id: 'swedish-gentle-default',
    technique: 'swedish',
    effect: 'fallback',
    weight: 1,
    when: { all: [] },
    reason: 'A gentle full-back massage is a safe starting point.',
    passage: GENTLE_RUBDOWN,
  },

  // Deep tissue
  {
    id: 'deep-tissue-chronic',
    technique: 'deep-tissue',
    effect: 'favour',
    weight: 3,
    when: { onset: 'chronic' },
    reason: 'Deep tissue massage is often used to calm chronic pain.',
    passage: 'Often used to calm chronic pain',
  },
  {
    id: 'deep-tissue-stiff-or-tight',
    technique: 'deep-tissue',
    effect: 'favour',
    weight: 3,
    when: { sensationsAny: ['stiff', 'tight'] },
    reason:
      'Deep tissue massage reaches deeper muscle layers to ease stiffness and release tightness.',
    passage: 'combat stiffness and release tightness',
  },
  {
    id: 'deep-tissue-firm-pressure',
    technique: 'deep-tissue',
    effect: 'favour',
    weight: 1,
    when: { pressure: 'firm' },
    reason:
      'You prefer firm pressure: deep tissue therapists use elbows and forearms to go deeper.',
    passage:
      'the massage therapist will use their elbows and forearms to reach a deeper muscle layer',
  },
  {
    id: 'deep-tissue-not-in-pregnancy',
    technique: 'deep-tissue',
    effect: 'exclude',
    contraindication: true,
    when: { pregnant: true },
    reason:
      'No deep tissue work during pregnancy: pregnancy raises the risk of blood clots, which should ' +
      'never be massaged.',
    passage: CLOTS_NEVER_MASSAGED,
  },
  {
    id: 'deep-tissue-not-with-clot-risk',
    technique: 'deep-tissue',
    effect: 'exclude',
    contraindication: true,
    when: { clotRisk: true },
    reason:
      'No deep tissue work while your clot answers need a review: clots should never be massaged.',
    passage: CLOTS_NEVER_MASSAGED,
  },

  // Hot stone
  {
    id: 'hot-stone-strain',
    technique: 'hot-stone',
    effect: 'favour',
    weight: 3,
    when: { causesAny: ['overuse', 'lifting', 'injury'] },
    reason:
      'Hot stones bring more oxygen and nutrients to strained or damaged tissue, which can speed ' +
      'up healing.',
    passage:
      'An increase in the flow of oxygen and other nutrients to the damaged tissue, which can speed up the healing process',
  },
  {
    id: 'hot-stone-not-in-pregnancy',
    technique: 'hot-stone',
    effect: 'exclude',
    contraindication: true,
    when: { pregnant: true },
    reason:
      'No hot stones during pregnancy: massage in pregnancy should proceed with caution, and a ' +
      'gentle rubdown is the safe choice.',
    passage: 'it just means to proceed with caution!',
  },
  {
    id: 'hot-stone-not-with-clot-risk',
    technique: 'hot-stone',
    effect: 'exclude',
    contraindication: true,
    when: { clotRisk: true },
    reason: 'No hot stones while your clot answers need a review: clots should never be massaged.',
    passage: CLOTS_NEVER_MASSAGED,
  },

  // Trigger point
  {
    id: 'trigger-point-shoulder-blade-knots',
    technique: 'trigger-point',
    effect: 'favour',
    weight: 5,
    when: { all: [{ knots: true }, { painAreasAny: ['between-shoulder-blades', 'shoulders'] }] },
    reason: 'Knots around and between your shoulder blades respond to trigger point work.',
    passage: 'knots developing in the area around and in between your shoulder blades',
  },
  {
    id: 'trigger-point-knots',
    technique: 'trigger-point',
    effect: 'favour',
    weight: 2,
    when: { knots: true },
    reason: 'Trigger point massage helps work out knots and the pain that comes with them.',
    passage: 'help to work out those unwelcomed knots and reduce the pain associated with them',
  },
  {
    id: 'trigger-point-firm-pressure',
    technique: 'trigger-point',
    effect: 'favour',
    weight: 1,
    when: { pressure: 'firm' },
    reason: 'You prefer firm pressure: trigger point work presses into knots to work them out.',
    passage: 'help to work out those unwelcomed knots and reduce the pain associated with them',
  },

  // Shiatsu
  {
    id: 'shiatsu-stress',
    technique: 'shiatsu',
    effect: 'favour',
    weight: 2,
    when: { any: [{ causesAny: ['stress'] }, { stressAtLeast: 6 }] },
    reason: 'Shiatsu promotes relaxation, lowers stress and restores energy as it eases pain.',
    passage: 'promote relaxation, minimize stress levels, and increase energy',
  },
  {
    id: 'shiatsu-chronic-lower-back',
    technique: 'shiatsu',
    effect: 'favour',
    weight: 3,
    when: { all: [{ onset: 'chronic' }, { painAreasAny: ['lower-back'] }] },
    reason: 'Shiatsu has been studied for chronic lower back pain and treats the whole body.',
    passage: 'Shiatsu for chronic lower back pain: Randomized controlled study',
  },

  // Aromatherapy
  {
    id: 'aromatherapy-tender',
    technique: 'aromatherapy',
    effect: 'favour',
    weight: 3,
    when: { sensationsAny: ['tender'] },
    reason: 'Aromatherapy massage applies essential oils to tender areas with gentle techniques.',
    passage:
      'applying aromatic essential oils to tender areas of the back while using gentle massage techniques',
  },
  {
    id: 'aromatherapy-likes-scents',
    technique: 'aromatherapy',
    effect: 'favour',
    weight: 2,
    when: { likesScents: true },
    reason: 'You enjoy scents, and aromatherapy is a safe, natural way to manage pain.',
    passage: "It's a safe, natural approach for effectively managing pain",
  },
  {
    id: 'aromatherapy-light-pressure',
    technique: 'aromatherapy',
    effect: 'favour',
    weight: 1,
    when: { pressure: 'light' },
    reason: 'You prefer light pressure, and aromatherapy uses gentle massage techniques.',
    passage: 'using gentle massage techniques to improve blood flow and boost healing',
  },
  {
    id: 'aromatherapy-no-scents',
    technique: 'aromatherapy',
    effect: 'exclude',
    contraindication: false,
    when: { likesScents: false },
    reason: 'You would rather avoid scents, and aromatherapy is built on aromatic essential oils.',
    passage: 'applying aromatic essential oils',
  },

  // Prenatal
  {
    id: 'prenatal-pregnancy',
    technique: 'prenatal',
    effect: 'favour',
    weight: 10,
    when: { pregnant: true },
    reason:
      'You are pregnant: a prenatal massage from a certified therapist is a good way to soothe ' +
      'soreness safely.',
    passage: 'A prenatal massage is a good way to soothe soreness',
  },
  {
    id: 'prenatal-pregnancy-cause',
    technique: 'prenatal',
    effect: 'favour',
    weight: 3,
    when: { causesAny: ['pregnancy'] },
    reason:
      'Pregnancy back pain comes from a growing uterus and shifting hormones; a prenatal massage ' +
      'is made for it.',
    passage: 'a growing uterus and fluctuating hormones are to blame',
  },
  {
    id: 'prenatal-postpartum',
    technique: 'prenatal',
    effect: 'favour',
    weight: 3,
    when: { postpartum: true },
    reason:
      'Upper back pain is common after birth too; a prenatal-trained therapist works gently with ' +
      'a postpartum body.',
    passage: 'upper back pain occurring during pregnancy and postpartum',
  },
];

/** Symptoms that mean "see a doctor first": the intake is blocked and no massage is suggested. */
export const RED_FLAG_GUIDANCE: {
  advice: string;
  symptoms: Record<RedFlag, string>;
  passage: string;
} = {
  advice: 'Please call your primary care provider before any massage.',
  symptoms: {
    chestPain: 'pain in the chest',
    radiatingPain: 'pain that radiates to other body parts',
    fever: 'a fever',
  },
  passage:
    'Call your primary care provider if your sore back is accompanied by pain in the chest, pain that radiates to other body parts, or a fever.',
};

/** Any yes in the clot screening: a clinician reviews the intake before a booking that needs it. */
export const CLOT_GUIDANCE: {
  advice: string;
  answers: Record<ClotQuestion, string>;
  passage: string;
} = {
  advice:
    'Blood clots should never be massaged, so a clinician will review your answers before you ' +
    'can book. When in doubt, ask your doctor, or your OBGYN if you are pregnant.',
  answers: {
    historyOfClots: 'a history of blood clots',
    legSwellingOrPain: 'leg swelling or pain',
    clottingDisorder: 'a clotting disorder',
    anticoagulants: 'taking blood thinners',
    recentSurgeryOrBedRest: 'recent surgery or bed rest',
  },
  passage: CLOTS_NEVER_MASSAGED,
};

/**
 * When the spa's menu offers none of the techniques the answers point to (nor the gentle default),
 * the gentlest technique on it that the client may book, so a clear intake is never a dead end.
 */
export const MENU_FALLBACK = {
  id: 'menu-gentlest-offered',
  order: [
    'swedish',
    'aromatherapy',
    'prenatal',
    'shiatsu',
    'hot-stone',
    'trigger-point',
    'deep-tissue',
  ] as const satisfies readonly TechniqueSlug[],
  reason:
    'The techniques your answers point to are not on our menu right now; this is the gentlest one we offer that suits you.',
};
