import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import { href } from '../router';

/** Short headlines for the refusals a user can meet; the server's `detail` says the rest. */
const HEADLINES: Record<string, string> = {
  CLOT_REVIEW_PENDING: 'Waiting for a clinician’s review',
  SLOT_TAKEN: 'That time has just been taken',
  SLOT_UNAVAILABLE: 'That time is not available',
  BOOKING_IN_PAST: 'That time has already passed',
  INTAKE_BLOCKED: 'Please see your doctor first',
  INTAKE_EXPIRED: 'Your check-in has expired',
  PRENATAL_SCREENING_REQUIRED: 'Pregnancy screening needed',
  THERAPIST_NOT_QUALIFIED: 'This therapist can’t offer this session',
  TECHNIQUE_CONTRAINDICATED: 'Not safe for you right now',
  INVALID_CREDENTIALS: 'Wrong email or password',
  EMAIL_TAKEN: 'This email already has an account',
  RATE_LIMITED: 'Too many attempts',
  VALIDATION_FAILED: 'Please check the highlighted answers',
  PROFILE_REQUIRED: 'Set up your profile first',
};

/** A problem from the API, announced to screen readers, with every field error listed. */
export function ErrorNotice({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{HEADLINES[error.code] ?? error.title}</p>
      <p>{error.detail}</p>
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
      <p className="notice-code">Code: {error.code}</p>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A polite live region: always rendered, so changes of its text are announced. */
export function Status({ message }: { message: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      {message}
    </p>
  );
}

/** For a therapist's screen that needs a profile (the API answered 409 PROFILE_REQUIRED). */
export function ProfileFirst() {
  return (
    <div className="notice notice-warning">
      <p className="notice-title">Set up your profile first</p>
      <p>
        Your hours, time off and calendar belong to your profile.{' '}
        <a href={href('therapist/profile')}>Set up your profile</a>
      </p>
    </div>
  );
}
