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
import type { Schemas } from '../api/client';

type ClotQuestion = keyof Schemas['ClotScreeningDto'];

/** [question, answer, a safety answer that needs attention] */
type Row = [string, string, boolean?];

function pregnancyText({ pregnant, weeks, postpartumWeeks }: Schemas['PregnancyDto']): string {
  if (pregnant) return `Yes${weeks !== undefined ? `, ${weeks} weeks` : ''}`;
  if (postpartumWeeks !== undefined) return `No — gave birth ${postpartumWeeks} weeks ago`;
  return 'No';
}

/**
 * Every answer of an intake, as the reviewing clinician reads it; worrying answers stand out.
 * A check-in stopped at a red flag has the red-flag answers only.
 */
export function IntakeAnswersList({ answers }: { answers: Schemas['IntakeResponse']['answers'] }) {
  const { pregnancy, clotScreening, preferences } = answers;
  const redFlags = (Object.entries(RED_FLAGS) as [keyof typeof RED_FLAGS, string][]).map(
    ([flag, question]): Row => [question, yesNo(answers.redFlags[flag]), answers.redFlags[flag]],
  );
  if (!answers.painAreas) {
    return <Rows rows={[...redFlags, ['Other answers', 'Not asked: the check-in stopped here']]} />;
  }
  return (
    <Rows
      rows={[
        ['Pain areas', labelList(PAIN_AREAS, answers.painAreas)],
        ['Feels', labelList(SENSATIONS, answers.sensations ?? [])],
        ['Started', answers.onset ? ONSETS[answers.onset] : 'Not answered'],
        ['Causes', labelList(CAUSES, answers.causes ?? [])],
        ['Knots', answers.knots === undefined ? 'Not answered' : yesNo(answers.knots)],
        [
          'Stress',
          answers.stressLevel === undefined ? 'Not answered' : `${answers.stressLevel} / 10`,
        ],
        ...redFlags,
        ['Pregnant', pregnancy ? pregnancyText(pregnancy) : 'Not answered'],
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
      ]}
    />
  );
}

function Rows({ rows }: { rows: Row[] }) {
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
