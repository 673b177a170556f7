import { useEffect } from 'react';
import { answer, asApiError, client } from '../api/client';
import { ErrorNotice, Loading } from '../components/Notices';
import { useResource } from '../hooks';
import { href, redirect } from '../router';
import { useSession } from '../session';
import { setupSteps } from '../therapistSetup';

const STATE_WORDS = { done: 'Done', waiting: 'Waiting for review', todo: 'To do' } as const;

/** The profile (or null before it is first saved) and the number of weekly windows. */
async function loadSetup() {
  try {
    const [profile, availability] = await Promise.all([
      answer(client.GET('/api/v1/therapists/me')),
      answer(client.GET('/api/v1/therapists/me/availability')),
    ]);
    return { profile, hours: availability.weekly.length };
  } catch (error) {
    if (asApiError(error).code === 'PROFILE_REQUIRED') return { profile: null, hours: null };
    throw error;
  }
}

/**
 * A new therapist's first screen: the steps before clients can book them, each saying what is
 * missing and why, with a link to the screen that does it.
 */
export function TherapistStart() {
  const { user } = useSession();
  const setup = useResource(loadSetup, []);
  const steps = setup.data ? setupSteps(setup.data.profile, setup.data.hours) : [];
  const ready = steps.length > 0 && steps.every((s) => s.optional || s.state === 'done');
  // Set up already: the agenda is the place to start the day.
  useEffect(() => {
    if (ready) redirect(href('therapist/agenda'));
  }, [ready]);
  if (setup.loading && !setup.data) return <Loading what="your set-up" />;
  if (!setup.data) return <ErrorNotice error={setup.error} />;
  if (ready) return null;
  const done = steps.filter((s) => s.state === 'done').length;
  return (
    <section className="setup">
      <h1>Welcome, {user.name}</h1>
      <p className="lead">
        Clients cannot book you yet. A few steps first; here is what is left, and why.
      </p>
      <p className="step-count">
        {done} of {steps.length} done
      </p>
      <ol className="checklist">
        {steps.map((step) => (
          <li key={step.key} className={`card checklist-${step.state}`}>
            <h2>
              <span className={`badge badge-${step.state}`}>{STATE_WORDS[step.state]}</span>{' '}
              {step.title}
            </h2>
            <p>{step.text}</p>
            {step.link && (
              <a
                className={step.state === 'todo' ? 'button primary' : 'button secondary'}
                href={href(step.link.to)}
              >
                {step.link.label}
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
