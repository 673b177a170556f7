import { CheckboxGroup, RadioGroup, YesNo } from './Choices';
import { Field } from './Field';
import { CAUSES, ONSETS, PAIN_AREAS, PRESSURES, RED_FLAGS, SENSATIONS } from '../intakeLabels';
import type { Draft } from '../intakeDraft';

/** What every step of the questionnaire gets: the answers so far, and the error of a field. */
export interface StepProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  errorFor: (field: string) => string | undefined;
}

export function SafetyStep({ draft, update, errorFor }: StepProps) {
  return (
    <>
      <p className="hint">
        Back pain with these symptoms can have causes other than tight muscles.
      </p>
      {(Object.entries(RED_FLAGS) as [keyof typeof RED_FLAGS, string][]).map(([flag, question]) => (
        <YesNo
          key={flag}
          legend={question}
          value={draft.redFlags[flag]}
          onChange={(answer) => update({ redFlags: { ...draft.redFlags, [flag]: answer } })}
          error={errorFor(`redFlags.${flag}`)}
        />
      ))}
    </>
  );
}

export function PainStep({ draft, update, errorFor }: StepProps) {
  return (
    <>
      <CheckboxGroup
        legend="Where do you feel the pain?"
        hint="Choose all that apply."
        options={PAIN_AREAS}
        value={draft.painAreas}
        onChange={(painAreas) => update({ painAreas })}
        error={errorFor('painAreas')}
      />
      <CheckboxGroup
        legend="How does it feel?"
        hint="Choose all that apply."
        options={SENSATIONS}
        value={draft.sensations}
        onChange={(sensations) => update({ sensations })}
        error={errorFor('sensations')}
      />
    </>
  );
}

export function OnsetStep({ draft, update, errorFor }: StepProps) {
  return (
    <>
      <RadioGroup
        legend="When did the pain start?"
        options={ONSETS}
        value={draft.onset}
        onChange={(onset) => update({ onset })}
        error={errorFor('onset')}
      />
      <CheckboxGroup
        legend="What do you think caused it?"
        hint="Choose all that apply."
        options={CAUSES}
        value={draft.causes}
        onChange={(causes) => update({ causes })}
        error={errorFor('causes')}
      />
      <YesNo
        legend="Do you feel knots — small, tight, tender lumps — in your upper back?"
        value={draft.knots}
        onChange={(knots) => update({ knots })}
        error={errorFor('knots')}
      />
      <Field
        label={`How stressed have you felt lately? ${draft.stressLevel} out of 10`}
        hint="0 means not at all, 10 means extremely."
        type="range"
        min={0}
        max={10}
        step={1}
        value={draft.stressLevel}
        onChange={(e) => update({ stressLevel: Number(e.target.value) })}
        error={errorFor('stressLevel')}
      />
    </>
  );
}

export function PreferencesStep({ draft, update, errorFor }: StepProps) {
  return (
    <>
      <RadioGroup
        legend="How much pressure do you like?"
        options={{ ...PRESSURES, none: 'No preference' }}
        value={draft.pressure}
        onChange={(pressure) => update({ pressure })}
        error={errorFor('preferences.pressure')}
      />
      <RadioGroup
        legend="Do you enjoy scented oils?"
        options={{ yes: 'Yes', no: 'No', none: 'No preference' }}
        value={draft.likesScents}
        onChange={(likesScents) => update({ likesScents })}
        error={errorFor('preferences.likesScents')}
      />
    </>
  );
}
