import type { Schemas } from './api/client';

/** The choices of a multiple-choice question of the intake, as the document lists them. */
type Choice<Question extends 'painAreas' | 'sensations' | 'causes'> = NonNullable<
  Schemas['CreateIntakeDto'][Question]
>[number];

/** Plain-language wording of the intake's answers, shared by the questionnaire and the reviewers. */

export const PAIN_AREAS: Record<Choice<'painAreas'>, string> = {
  'upper-back': 'Upper back',
  'between-shoulder-blades': 'Between the shoulder blades',
  neck: 'Neck',
  shoulders: 'Shoulders',
  'lower-back': 'Lower back',
};

export const SENSATIONS: Record<Choice<'sensations'>, string> = {
  aching: 'Aching',
  stiff: 'Stiff',
  tight: 'Tight',
  sharp: 'Sharp',
  burning: 'Burning',
  dull: 'Dull',
  tender: 'Tender to the touch',
};

export const ONSETS: Record<NonNullable<Schemas['CreateIntakeDto']['onset']>, string> = {
  acute: 'Recently (the last few weeks)',
  chronic: 'A while ago (months or more), or it keeps coming back',
};

export const CAUSES: Record<Choice<'causes'>, string> = {
  posture: 'Posture (sitting at a desk, looking at a phone)',
  overuse: 'Overuse (sport, repetitive work)',
  lifting: 'Lifting something heavy',
  pregnancy: 'Pregnancy',
  stress: 'Stress',
  injury: 'An injury or accident',
  unknown: 'I don’t know',
};

export const RED_FLAGS: Record<keyof Schemas['RedFlagsDto'], string> = {
  chestPain: 'Do you have any pain in your chest?',
  radiatingPain:
    'Does the pain spread (radiate) to other parts of your body, like your arms or legs?',
  fever: 'Do you have a fever?',
};

export const CLOT_QUESTIONS: Record<keyof Schemas['ClotScreeningDto'], string> = {
  historyOfClots: 'Have you ever had a blood clot?',
  legSwellingOrPain: 'Do you have swelling, pain, warmth or redness in one leg?',
  clottingDisorder: 'Have you been told you have a blood-clotting disorder?',
  anticoagulants: 'Do you take blood thinners (anticoagulants)?',
  recentSurgeryOrBedRest: 'Have you had surgery or long bed rest in the last few weeks?',
};

export const PRESSURES = { light: 'Light', medium: 'Medium', firm: 'Firm' } as const;

export const labelList = (labels: Record<string, string>, values: string[]) =>
  values.length === 0 ? 'none' : values.map((value) => labels[value] ?? value).join(', ');

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
