import {
  CAUSES,
  CLOT_QUESTIONS,
  labelList,
  ONSETS,
  PAIN_AREAS,
  PRESSURES,
  RED_FLAGS,
  SENSATIONS,
  yesNo,
} from '../intakeLabels';
import type { ClotQuestion, IntakeAnswers } from '../types';

/** [question, answer, a safety answer that needs attention] */
type Row = [string, string, boolean?];

/** Every answer of an intake, as the reviewing clinician reads it; worrying answers stand out. */
export function IntakeAnswersList({ answers }: { answers: IntakeAnswers }) {
  const { pregnancy, clotScreening, preferences } = answers;
  const rows: Row[] = [
    ['Pain areas', labelList(PAIN_AREAS, answers.painAreas)],
    ['Feels', labelList(SENSATIONS, answers.sensations)],
    ['Started', ONSETS[answers.onset]],
    ['Causes', labelList(CAUSES, answers.causes)],
    ['Knots', yesNo(answers.knots)],
    ['Stress', `${answers.stressLevel} / 10`],
    ...(Object.entries(RED_FLAGS) as [keyof typeof RED_FLAGS, string][]).map(
      ([flag, question]): Row => [question, yesNo(answers.redFlags[flag]), answers.redFlags[flag]],
    ),
    [
      'Pregnant',
      pregnancy.pregnant
        ? `Yes${pregnancy.weeks !== undefined ? `, ${pregnancy.weeks} weeks` : ''}`
        : pregnancy.postpartumWeeks !== undefined
          ? `No — gave birth ${pregnancy.postpartumWeeks} weeks ago`
          : 'No',
    ],
    ...(clotScreening
      ? (Object.entries(CLOT_QUESTIONS) as [ClotQuestion, string][]).map(
          ([question, text]): Row => [
            text,
            yesNo(clotScreening[question]),
            clotScreening[question],
          ],
        )
      : []),
    ['Pressure', preferences?.pressure ? PRESSURES[preferences.pressure] : 'No preference'],
    [
      'Scented oils',
      preferences?.likesScents === undefined ? 'No preference' : yesNo(preferences.likesScents),
    ],
  ];
  return (
    <dl className="answers">
      {rows.map(([question, answer, attention]) => (
        <div key={question} className={attention ? 'answer-attention' : undefined}>
          <dt>{question}</dt>
          <dd>{answer}</dd>
        </div>
      ))}
    </dl>
  );
}
