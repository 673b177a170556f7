import {
  useId,
  type InputHTMLAttributes,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface Common {
  label: string;
  error?: string;
  hint?: string;
}

/** Label, hint and error wired to the control with ids, `aria-describedby` and `aria-invalid`. */
function useFieldIds(id: string | undefined, error?: string, hint?: string) {
  const generated = useId();
  const controlId = id ?? generated;
  const describedBy = [hint && `${controlId}-hint`, error && `${controlId}-error`]
    .filter(Boolean)
    .join(' ');
  return {
    controlId,
    control: {
      id: controlId,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
    },
  };
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

export function Field({
  label,
  error,
  hint,
  id,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { controlId, control } = useFieldIds(id, error, hint);
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      <input {...input} {...control} />
      <Messages id={controlId} error={error} hint={hint} />
    </div>
  );
}

export function TextArea({
  label,
  error,
  hint,
  id,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { controlId, control } = useFieldIds(id, error, hint);
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      <textarea rows={3} {...textarea} {...control} />
      <Messages id={controlId} error={error} hint={hint} />
    </div>
  );
}

export function Select({
  label,
  error,
  hint,
  id,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: [string, string][] }) {
  const { controlId, control } = useFieldIds(id, error, hint);
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      <select {...select} {...control}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <Messages id={controlId} error={error} hint={hint} />
    </div>
  );
}
