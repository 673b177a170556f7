import { CLOT_QUESTIONS, PRESSURES, RED_FLAGS } from './intakeLabels';
import type { Schemas } from './api/client';

type IntakeAnswers = Schemas['CreateIntakeDto'];
type ClotQuestion = keyof Schemas['ClotScreeningDto'];

/** The questionnaire's answers while the client fills it in: unanswered questions are undefined. */
export interface Draft {
  painAreas: NonNullable<IntakeAnswers['painAreas']>;
  sensations: NonNullable<IntakeAnswers['sensations']>;
  onset?: IntakeAnswers['onset'];
  causes: NonNullable<IntakeAnswers['causes']>;
  knots?: boolean;
  stressLevel: number;
  redFlags: Partial<Schemas['RedFlagsDto']>;
  pregnant?: boolean;
  weeks: string;
  postpartum?: boolean;
  postpartumWeeks: string;
  clots: Partial<Record<ClotQuestion, boolean>>;
  pressure: keyof typeof PRESSURES | 'none';
  likesScents: 'yes' | 'no' | 'none';
}

export const EMPTY_DRAFT: Draft = {
  painAreas: [],
  sensations: [],
  causes: [],
  stressLevel: 5,
  redFlags: {},
  weeks: '',
  postpartumWeeks: '',
  clots: {},
  pressure: 'none',
  likesScents: 'none',
};

/**
 * Each step's title and the API fields it asks for (to show server errors on the right step).
 * The safety questions come first: a yes ends the check-in before anything else is asked.
 */
export const STEPS: {
  title: string;
  fields: string[];
  /** One button for the most common answer of a step: it answers every question and goes on. */
  shortcut?: { label: string; answers: Partial<Draft> };
}[] = [
  {
    title: 'A few safety questions',
    fields: ['redFlags'],
    shortcut: {
      label: 'No to all three',
      answers: { redFlags: { chestPain: false, radiatingPain: false, fever: false } },
    },
  },
  { title: 'Where does it hurt?', fields: ['painAreas', 'sensations'] },
  { title: 'How did it start?', fields: ['onset', 'causes', 'knots', 'stressLevel'] },
  {
    title: 'Pregnancy',
    fields: ['pregnancy', 'clotScreening'],
    shortcut: {
      label: 'Neither applies to me',
      answers: { pregnant: false, postpartum: false, weeks: '', postpartumWeeks: '', clots: {} },
    },
  },
  { title: 'What you like', fields: ['preferences'] },
];

/** The answers so far, kept for this tab: Back, Forward and a reload find them again. */
export const savedDraft = {
  key: (userId: string) => `unknot.checkin.${userId}`,
  read(userId: string): Draft {
    try {
      const text = sessionStorage.getItem(this.key(userId));
      return text ? { ...EMPTY_DRAFT, ...(JSON.parse(text) as Partial<Draft>) } : EMPTY_DRAFT;
    } catch {
      return EMPTY_DRAFT;
    }
  },
  write: (userId: string, draft: Draft) =>
    sessionStorage.setItem(savedDraft.key(userId), JSON.stringify(draft)),
  clear: (userId: string) => sessionStorage.removeItem(savedDraft.key(userId)),
};

export const SAFETY_STEP = 0;

export const needsClotScreening = (draft: Draft) =>
  draft.pregnant === true || draft.postpartum === true;

/** Any safety question answered yes: the check-in stops and the client is sent to a doctor. */
export const redFlagRaised = (draft: Draft) => Object.values(draft.redFlags).some(Boolean);

const ANSWER = 'Please answer this question.';

/** The questions of `step` the client has not answered yet, by API field path. */
export function missingAnswers(step: number, draft: Draft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (step === SAFETY_STEP) {
    for (const flag of Object.keys(RED_FLAGS) as (keyof typeof RED_FLAGS)[]) {
      if (draft.redFlags[flag] === undefined) missing[`redFlags.${flag}`] = ANSWER;
    }
  }
  if (step === 1 && draft.painAreas.length === 0) missing.painAreas = 'Choose at least one area.';
  if (step === 2) {
    if (!draft.onset) missing.onset = ANSWER;
    if (draft.knots === undefined) missing.knots = ANSWER;
  }
  if (step === 3) {
    if (draft.pregnant === undefined) missing['pregnancy.pregnant'] = ANSWER;
    if (draft.pregnant === false && draft.postpartum === undefined) missing.postpartum = ANSWER;
    if (draft.postpartum && draft.postpartumWeeks === '') {
      missing['pregnancy.postpartumWeeks'] = 'How many weeks ago did you give birth?';
    }
    if (needsClotScreening(draft)) {
      for (const question of Object.keys(CLOT_QUESTIONS) as ClotQuestion[]) {
        if (draft.clots[question] === undefined) missing[`clotScreening.${question}`] = ANSWER;
      }
    }
  }
  return missing;
}

function redFlagAnswers(draft: Draft): Schemas['RedFlagsDto'] {
  return {
    chestPain: draft.redFlags.chestPain === true,
    radiatingPain: draft.redFlags.radiatingPain === true,
    fever: draft.redFlags.fever === true,
  };
}

/** The `POST /intakes` body: the red-flag answers alone when one is yes, else every answer. */
export function toRequestBody(draft: Draft): IntakeAnswers {
  if (redFlagRaised(draft)) return { redFlags: redFlagAnswers(draft) };
  const pregnancy: Schemas['PregnancyDto'] = { pregnant: draft.pregnant === true };
  if (draft.pregnant && draft.weeks !== '') pregnancy.weeks = Number(draft.weeks);
  if (!draft.pregnant && draft.postpartum) {
    pregnancy.postpartumWeeks = Number(draft.postpartumWeeks);
  }
  const preferences: Schemas['PreferencesDto'] = {};
  if (draft.pressure !== 'none') preferences.pressure = draft.pressure;
  if (draft.likesScents !== 'none') preferences.likesScents = draft.likesScents === 'yes';
  return {
    painAreas: draft.painAreas,
    sensations: draft.sensations,
    onset: draft.onset ?? 'acute',
    causes: draft.causes,
    knots: draft.knots === true,
    stressLevel: draft.stressLevel,
    redFlags: redFlagAnswers(draft),
    pregnancy,
    ...(needsClotScreening(draft) && {
      clotScreening: draft.clots as Schemas['ClotScreeningDto'],
    }),
    preferences,
  };
}
