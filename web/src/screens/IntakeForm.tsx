import { useEffect, useRef, useState, type FormEvent } from 'react';
import { answer, asApiError, client } from '../api/client';
import { affectedBookings } from '../affectedBookings';
import { OnsetStep, PainStep, PreferencesStep, SafetyStep } from '../components/IntakeSteps';
import { ErrorNotice } from '../components/Notices';
import { PregnancyStep } from '../components/PregnancyStep';
import { useAction } from '../hooks';
import {
  EMPTY_DRAFT,
  missingAnswers,
  redFlagRaised,
  SAFETY_STEP,
  STEPS,
  toRequestBody,
  type Draft,
} from '../intakeDraft';
import { latestIntake } from '../latestIntake';
import { href, navigate } from '../router';
import { useSession } from '../session';

const STEP_COMPONENTS = [SafetyStep, PainStep, OnsetStep, PregnancyStep, PreferencesStep];

/**
 * The intake questionnaire, one short step at a time. The safety questions come first: any yes
 * files them alone and shows the see-your-doctor screen, without asking anything else.
 */
export function IntakeForm() {
  const { user } = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
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
  const stopsHere = step === SAFETY_STEP && redFlagRaised(draft);
  const last = step === STEPS.length - 1 || stopsHere;

  const file = () =>
    action.run(async () => {
      try {
        const intake = await answer(client.POST('/api/v1/intakes', { body: toRequestBody(draft) }));
        latestIntake.set(user.id, intake.id);
        affectedBookings.remember(intake.id, intake.affectedBookings ?? []);
        navigate(href(`intake/${intake.id}`));
      } catch (error) {
        // Back to the first step the server found a problem with.
        const problem = asApiError(error);
        const wrong = STEPS.findIndex((s) => s.fields.some((field) => problem.fieldError(field)));
        if (wrong >= 0) setStep(wrong);
        throw error;
      }
    });

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
    if (last) {
      void file();
      return;
    }
    action.clear();
    setStep(step + 1);
  };

  const Step = STEP_COMPONENTS[step];
  return (
    <section className="intake">
      <h1>Your check-in</h1>
      {step === 0 && (
        <p className="lead">
          Five short steps about your back. We use your answers to suggest massage techniques and to
          make sure massage is safe for you, starting with three safety questions.
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
        <Step draft={draft} update={update} errorFor={errorFor} />
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
            {action.busy
              ? 'Checking your answers…'
              : step === STEPS.length - 1
                ? 'See my suggestions'
                : 'Next'}
          </button>
        </div>
      </form>
    </section>
  );
}
