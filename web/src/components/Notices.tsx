import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { fieldSentence, problemText } from '../messages';
import { href } from '../router';

/**
 * A problem from the API in plain words, announced to screen readers, with each field's sentence
 * and, as `children`, a way on where the screen has one.
 */
export function ErrorNotice({ error, children }: { error: ApiError | null; children?: ReactNode }) {
  if (!error) return null;
  const { title, sentence } = problemText(error.code, error.status);
  const fields = [...new Set(error.errors.map((e) => fieldSentence(e.field)))];
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{sentence}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {children}
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
      <p className="notice-title">Your profile comes first</p>
      <p>
        Your hours, time off and calendar belong to your profile.{' '}
        <a href={href('therapist/profile')}>Set up your profile</a> or{' '}
        <a href={href('therapist/start')}>see every step before clients can book you</a>.
      </p>
    </div>
  );
}
