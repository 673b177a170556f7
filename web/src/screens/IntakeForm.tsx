import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError } from '../api';
import { CheckboxGroup, RadioGroup, YesNo } from '../components/Choices';
import { Field } from '../components/Field';
import { ErrorNotice } from '../components/Notices';
import { useAction } from '../hooks';
import {
  CAUSES,
  CLOT_QUESTIONS,
  ONSETS,
  PAIN_AREAS,
  PRESSURES,
  RED_FLAGS,
  SENSATIONS,
} from '../intakeLabels';
import { latestIntake } from '../latestIntake';
import { href, navigate } from '../router';
import { useSession } from '../session';
import type { ClotQuestion, Intake, IntakeAnswers } from '../types';

interface Draft {
  painAreas: string[];
  sensations: string[];
  onset?: IntakeAnswers['onset'];
  causes: string[];
  knots?: boolean;
  stressLevel: number;
  redFlags: Partial<IntakeAnswers['redFlags']>;
  pregnant?: boolean;
  weeks: string;
  postpartum?: boolean;
  postpartumWeeks: string;
  clots: Partial<Record<ClotQuestion, boolean>>;
  pressure: keyof typeof PRESSURES | 'none';
  likesScents: 'yes' | 'no' | 'none';
}

const EMPTY: Draft = {
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

/** Each step's title and the API fields it asks for (to show server errors on the right step). */
const STEPS = [
  { title: 'Where does it hurt?', fields: ['painAreas', 'sensations'] },
  { title: 'How did it start?', fields: ['onset', 'causes', 'knots', 'stressLevel'] },
  { title: 'A few safety questions', fields: ['redFlags'] },
  { title: 'Pregnancy', fields: ['pregnancy', 'clotScreening'] },
  { title: 'What you like', fields: ['preferences'] },
];

const needsClotScreening = (draft: Draft) => draft.pregnant === true || draft.postpartum === true;

const ANSWER = 'Please answer this question.';

/** The questions of `step` the client has not answered yet, by API field path. */
function missingAnswers(step: number, draft: Draft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (step === 0 && draft.painAreas.length === 0) missing.painAreas = 'Choose at least one area.';
  if (step === 1) {
    if (!draft.onset) missing.onset = ANSWER;
    if (draft.knots === undefined) missing.knots = ANSWER;
  }
  if (step === 2) {
    for (const flag of Object.keys(RED_FLAGS) as (keyof typeof RED_FLAGS)[]) {
      if (draft.redFlags[flag] === undefined) missing[`redFlags.${flag}`] = ANSWER;
    }
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

function toAnswers(draft: Draft): IntakeAnswers {
  const pregnancy: IntakeAnswers['pregnancy'] = { pregnant: draft.pregnant === true };
  if (draft.pregnant && draft.weeks !== '') pregnancy.weeks = Number(draft.weeks);
  if (!draft.pregnant && draft.postpartum)
    pregnancy.postpartumWeeks = Number(draft.postpartumWeeks);
  const preferences: IntakeAnswers['preferences'] = {};
  if (draft.pressure !== 'none') preferences.pressure = draft.pressure;
  if (draft.likesScents !== 'none') preferences.likesScents = draft.likesScents === 'yes';
  return {
    painAreas: draft.painAreas,
    sensations: draft.sensations,
    onset: draft.onset ?? 'acute',
    causes: draft.causes,
    knots: draft.knots === true,
    stressLevel: draft.stressLevel,
    redFlags: {
      chestPain: draft.redFlags.chestPain === true,
      radiatingPain: draft.redFlags.radiatingPain === true,
      fever: draft.redFlags.fever === true,
    },
    pregnancy,
    ...(needsClotScreening(draft) && {
      clotScreening: draft.clots as Record<ClotQuestion, boolean>,
    }),
    preferences,
  };
}

/** The intake questionnaire, one short step at a time. */
export function IntakeForm() {
  const { user } = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [step, setStep] = useState(0);
  // Unanswered questions are pointed out once Next was pressed, and vanish as they are answered.
  const [checked, setChecked] = useState(false);
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  const latest = latestIntake.get(user.id);

  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const missing = checked ? missingAnswers(step, draft) : {};
  const errorFor = (field: string) => missing[field] ?? action.error?.fieldError(field);

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(missingAnswers(step, draft)).length > 0) {
      setChecked(true);
      // Keyboard and screen-reader users land on the first unanswered question.
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLInputElement>(
            '[aria-invalid="true"] input, input[aria-invalid="true"]',
          )
          ?.focus(),
      );
      return;
    }
    setChecked(false);
    if (step < STEPS.length - 1) {
      action.clear();
      setStep(step + 1);
      return;
    }
    void action.run(async () => {
      try {
        const intake = await api.post<Intake>('/intakes', toAnswers(draft));
        latestIntake.set(user.id, intake.id);
        navigate(href(`intake/${intake.id}`));
      } catch (error) {
        // Back to the first step the server found a problem with.
        const problem = asApiError(error);
        const wrong = STEPS.findIndex((s) => s.fields.some((field) => problem.fieldError(field)));
        if (wrong >= 0) setStep(wrong);
        throw error;
      }
    });
  };

  return (
    <section className="intake">
      <h1>Your check-in</h1>
      {step === 0 && (
        <p className="lead">
          Five short steps about your back. We use your answers to suggest massage techniques and to
          make sure massage is safe for you.
          {latest && (
            <>
              {' '}
              <a href={href(`intake/${latest}`)}>See your latest suggestions</a>.
            </>
          )}
        </p>
      )}
      <p className="step-count">
        Step {step + 1} of {STEPS.length}
      </p>
      <progress max={STEPS.length} value={step + 1} aria-hidden="true" />
      <form className="card" onSubmit={next} noValidate>
        <h2 ref={heading} tabIndex={-1}>
          {STEPS[step].title}
        </h2>
        {step === 0 && (
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
        )}
        {step === 1 && (
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
        )}
        {step === 2 && (
          <>
            <p className="hint">
              Back pain with these symptoms can have causes other than tight muscles.
            </p>
            {(Object.entries(RED_FLAGS) as [keyof typeof RED_FLAGS, string][]).map(
              ([flag, question]) => (
                <YesNo
                  key={flag}
                  legend={question}
                  value={draft.redFlags[flag]}
                  onChange={(answer) => update({ redFlags: { ...draft.redFlags, [flag]: answer } })}
                  error={errorFor(`redFlags.${flag}`)}
                />
              ),
            )}
          </>
        )}
        {step === 3 && (
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
                  Pregnancy and the months after birth raise the risk of blood clots, and a clot
                  must never be massaged. Please answer all five questions.
                </p>
                {(Object.entries(CLOT_QUESTIONS) as [ClotQuestion, string][]).map(
                  ([question, text]) => (
                    <YesNo
                      key={question}
                      legend={text}
                      value={draft.clots[question]}
                      onChange={(answer) =>
                        update({ clots: { ...draft.clots, [question]: answer } })
                      }
                      error={errorFor(`clotScreening.${question}`)}
                    />
                  ),
                )}
              </div>
            )}
          </>
        )}
        {step === 4 && (
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
        )}
        <ErrorNotice error={action.error} />
        <div className="actions">
          {step > 0 && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setChecked(false);
                setStep(step - 1);
              }}
            >
              Back
            </button>
          )}
          <button type="submit" className="primary" disabled={action.busy}>
            {step < STEPS.length - 1
              ? 'Next'
              : action.busy
                ? 'Checking your answers…'
                : 'See my suggestions'}
          </button>
        </div>
      </form>
    </section>
  );
}
