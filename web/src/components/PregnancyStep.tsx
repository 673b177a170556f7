import { YesNo } from './Choices';
import { Field } from './Field';
import type { StepProps } from './IntakeSteps';
import { CLOT_QUESTIONS } from '../intakeLabels';
import { needsClotScreening } from '../intakeDraft';
import type { Schemas } from '../api/client';

/** Pregnancy or a recent birth, and then the five blood-clot questions. */
export function PregnancyStep({ draft, update, errorFor }: StepProps) {
  return (
    <>
      <YesNo
        legend="Are you pregnant?"
        value={draft.pregnant}
        onChange={(pregnant) =>
          update({ pregnant, postpartum: pregnant ? undefined : draft.postpartum })
        }
        error={errorFor('pregnancy.pregnant')}
      />
      {draft.pregnant && (
        <Field
          label="How many weeks pregnant are you? (optional)"
          type="number"
          inputMode="numeric"
          min={1}
          max={42}
          value={draft.weeks}
          onChange={(e) => update({ weeks: e.target.value })}
          error={errorFor('pregnancy.weeks')}
        />
      )}
      {draft.pregnant === false && (
        <YesNo
          legend="Have you given birth in the last 12 months?"
          value={draft.postpartum}
          onChange={(postpartum) => update({ postpartum })}
          error={errorFor('postpartum')}
        />
      )}
      {draft.pregnant === false && draft.postpartum && (
        <Field
          label="How many weeks ago?"
          type="number"
          inputMode="numeric"
          min={0}
          max={52}
          value={draft.postpartumWeeks}
          onChange={(e) => update({ postpartumWeeks: e.target.value })}
          error={errorFor('pregnancy.postpartumWeeks')}
        />
      )}
      {needsClotScreening(draft) && (
        <div className="subsection">
          <h3>Blood clots</h3>
          <p className="hint">
            Pregnancy and the months after birth raise the risk of blood clots, and a clot must
            never be massaged. Please answer all five questions.
          </p>
          {(Object.entries(CLOT_QUESTIONS) as [keyof Schemas['ClotScreeningDto'], string][]).map(
            ([question, text]) => (
              <YesNo
                key={question}
                legend={text}
                value={draft.clots[question]}
                onChange={(answer) => update({ clots: { ...draft.clots, [question]: answer } })}
                error={errorFor(`clotScreening.${question}`)}
              />
            ),
          )}
        </div>
      )}
    </>
  );
}
