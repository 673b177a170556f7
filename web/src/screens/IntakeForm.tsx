import { useEffect, useRef, useState, type FormEvent } from 'react';
import { answer, asApiError, client } from '../api/client';
import { affectedBookings } from '../affectedBookings';
import { OnsetStep, PainStep, PreferencesStep, SafetyStep } from '../components/IntakeSteps';
import { ErrorNotice } from '../components/Notices';
import { PregnancyStep } from '../components/PregnancyStep';
import { useAction } from '../hooks';
import {
  missingAnswers,
  redFlagRaised,
  SAFETY_STEP,
  savedDraft,
  STEPS,
  toRequestBody,
  type Draft,
} from '../intakeDraft';
import { useLatestIntakeId } from '../latestIntake';
import { href, navigate, redirect } from '../router';
import { useSession } from '../session';

const STEP_COMPONENTS = [SafetyStep, PainStep, OnsetStep, PregnancyStep, PreferencesStep];

const stepHref = (step: number) =>
  href('intake', { step: step > 0 ? String(step + 1) : undefined });

/**
 * The intake questionnaire, one short step at a time, each step its own address (`?step=3`) so
 * the browser's Back and Forward move between steps. The safety questions come first: any yes
 * files them alone and shows the see-your-doctor screen, without asking anything else.
 */
export function IntakeForm({ step: asked = 0 }: { step?: number }) {
  const { user } = useSession();
  const [draft, setDraft] = useState<Draft>(() => savedDraft.read(user.id));
  // A step whose earlier answers are missing (an old link, a cleared tab) starts at the first gap.
  const gap = STEPS.findIndex(
    (_, index) => index < asked && Object.keys(missingAnswers(index, draft)).length > 0,
  );
  const step = Math.min(Math.max(gap >= 0 ? gap : asked, 0), STEPS.length - 1);
  useEffect(() => {
    if (step !== asked) redirect(stepHref(step));
  }, [step, asked]);
  const setStep = (next: number) => navigate(stepHref(next));
  // Unanswered questions are pointed out once Next was pressed, and vanish as they are answered.
  const [checked, setChecked] = useState(false);
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  const latest = useLatestIntakeId();

  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const update = (change: Partial<Draft>) =>
    setDraft((current) => {
      const next = { ...current, ...change };
      savedDraft.write(user.id, next);
      return next;
    });
  const missing = checked ? missingAnswers(step, draft) : {};
  const errorFor = (field: string) => missing[field] ?? action.error?.fieldError(field);
  const stopsHere = step === SAFETY_STEP && redFlagRaised(draft);
  const last = step === STEPS.length - 1 || stopsHere;

  const file = (answers: Draft) =>
    action.run(async () => {
      try {
        const intake = await answer(
          client.POST('/api/v1/intakes', { body: toRequestBody(answers) }),
        );
        savedDraft.clear(user.id);
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

  /** Checks this step's answers, then files the check-in or shows the next step. */
  const advance = (answers: Draft) => {
    if (Object.keys(missingAnswers(step, answers)).length > 0) {
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
    if (last || (step === SAFETY_STEP && redFlagRaised(answers))) {
      void file(answers);
      return;
    }
    action.clear();
    setStep(step + 1);
  };
  const next = (event: FormEvent) => {
    event.preventDefault();
    advance(draft);
  };
  const shortcut = STEPS[step].shortcut;
  const takeShortcut = (answers: Partial<Draft>) => {
    const merged = { ...draft, ...answers };
    update(answers);
    advance(merged);
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
              <a href={href('suggestions')}>See your latest suggestions</a>.
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
          {shortcut && (
            <button
              type="button"
              className="secondary"
              onClick={() => takeShortcut(shortcut.answers)}
              disabled={action.busy}
            >
              {shortcut.label}
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
