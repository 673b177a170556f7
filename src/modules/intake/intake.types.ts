/**
 * The intake questionnaire's answers, mirroring the `POST /intakes` body of the served OpenAPI
 * document. The lists are `as const` so DTO validators, the guidance table and the tests share
 * one vocabulary.
 */
export const PAIN_AREAS = [
  'upper-back',
  'between-shoulder-blades',
  'neck',
  'lower-back',
  'shoulders',
] as const;
export const SENSATIONS = [
  'aching',
  'stiff',
  'tight',
  'sharp',
  'burning',
  'dull',
  'tender',
] as const;
export const ONSETS = ['acute', 'chronic'] as const;
export const CAUSES = [
  'posture',
  'overuse',
  'lifting',
  'pregnancy',
  'stress',
  'injury',
  'unknown',
] as const;
export const PRESSURES = ['light', 'medium', 'firm'] as const;
/** Catalog order: also the tie-break when two suggestions score the same. */
export const TECHNIQUE_SLUGS = [
  'swedish',
  'deep-tissue',
  'hot-stone',
  'trigger-point',
  'shiatsu',
  'aromatherapy',
  'prenatal',
] as const;

export type PainArea = (typeof PAIN_AREAS)[number];
export type Sensation = (typeof SENSATIONS)[number];
export type Onset = (typeof ONSETS)[number];
export type Cause = (typeof CAUSES)[number];
export type Pressure = (typeof PRESSURES)[number];
export type TechniqueSlug = (typeof TECHNIQUE_SLUGS)[number];

export const RED_FLAGS = ['chestPain', 'radiatingPain', 'fever'] as const;
export type RedFlag = (typeof RED_FLAGS)[number];
export type RedFlagAnswers = Record<RedFlag, boolean>;

export interface PregnancyAnswers {
  pregnant: boolean;
  /** 1..42 */
  weeks?: number;
  /** 0..52; present means the client gave birth within the last year. */
  postpartumWeeks?: number;
}

export const CLOT_QUESTIONS = [
  'historyOfClots',
  'legSwellingOrPain',
  'clottingDisorder',
  'anticoagulants',
  'recentSurgeryOrBedRest',
] as const;
export type ClotQuestion = (typeof CLOT_QUESTIONS)[number];
export type ClotScreeningAnswers = Record<ClotQuestion, boolean>;

export interface IntakePreferences {
  pressure?: Pressure;
  likesScents?: boolean;
}

export interface IntakeAnswers {
  painAreas: PainArea[];
  sensations: Sensation[];
  onset: Onset;
  causes: Cause[];
  knots: boolean;
  /** 0..10 */
  stressLevel: number;
  redFlags: RedFlagAnswers;
  pregnancy: PregnancyAnswers;
  clotScreening?: ClotScreeningAnswers;
  preferences?: IntakePreferences;
}

export type IntakeStatus = 'clear' | 'needs-review' | 'blocked';
export type FlagCode = 'RED_FLAG_SEE_DOCTOR' | 'CLOT_RISK' | 'RED_FLAG_RETRACTED';
export type FlagSeverity = 'critical' | 'high';
