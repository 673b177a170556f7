import type { ApiError } from '../api/client';
import { Field } from './Field';

export const PASSWORD_HINT =
  '10 to 128 characters, not a common password. A short sentence is easy to remember.';

/** A new password typed twice; the second must match before anything is sent. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  mismatch,
  error,
  field,
}: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  mismatch: boolean;
  error: ApiError | null;
  /** The API's name for the field, for its refusals. */
  field: string;
}) {
  return (
    <>
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        value={password}
        onChange={(event) => onPassword(event.target.value)}
        error={error?.fieldError(field)}
      />
      <Field
        label="New password, again"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => onRepeat(event.target.value)}
        error={mismatch ? 'The two passwords are not the same.' : undefined}
      />
    </>
  );
}
