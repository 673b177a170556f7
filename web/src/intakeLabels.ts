import type { ClotQuestion, IntakeAnswers } from './types';

/** Plain-language wording of the intake's answers, shared by the questionnaire and the reviewers. */

export const PAIN_AREAS: Record<string, string> = {
  'upper-back': 'Upper back',
  'between-shoulder-blades': 'Between the shoulder blades',
  neck: 'Neck',
  shoulders: 'Shoulders',
  'lower-back': 'Lower back',
};

export const SENSATIONS: Record<string, string> = {
  aching: 'Aching',
  stiff: 'Stiff',
  tight: 'Tight',
  sharp: 'Sharp',
  burning: 'Burning',
  dull: 'Dull',
  tender: 'Tender to the touch',
};

export const ONSETS: Record<IntakeAnswers['onset'], string> = {
  acute: 'Recently (the last few weeks)',
  chronic: 'A while ago (months or more), or it keeps coming back',
};

export const CAUSES: Record<string, string> = {
  posture: 'Posture (sitting at a desk, looking at a phone)',
  overuse: 'Overuse (sport, repetitive work)',
  lifting: 'Lifting something heavy',
  pregnancy: 'Pregnancy',
  stress: 'Stress',
  injury: 'An injury or accident',
  unknown: 'I don’t know',
};

export const RED_FLAGS: Record<keyof IntakeAnswers['redFlags'], string> = {
  chestPain: 'Do you have any pain in your chest?',
  radiatingPain:
    'Does the pain spread (radiate) to other parts of your body, like your arms or legs?',
  fever: 'Do you have a fever?',
};

export const CLOT_QUESTIONS: Record<ClotQuestion, string> = {
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
