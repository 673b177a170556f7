import { useId, type ReactNode } from 'react';

interface GroupProps {
  legend: ReactNode;
  hint?: string;
  error?: string;
  /** Short answers side by side (Yes / No). */
  inline?: boolean;
  children: ReactNode;
}

/** A fieldset whose legend is the question; the error is announced with the group. */
function Group({ legend, hint, error, inline, children }: GroupProps) {
  const id = useId();
  return (
    <fieldset
      className={inline ? 'choices choices-inline' : 'choices'}
      aria-describedby={
        [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
      }
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </fieldset>
  );
}

export function CheckboxGroup<T extends string>({
  legend,
  hint,
  error,
  options,
  value,
  onChange,
}: Omit<GroupProps, 'children' | 'inline'> & {
  options: Record<T, string>;
  value: T[];
  onChange: (value: T[]) => void;
}) {
  return (
    <Group legend={legend} hint={hint} error={error}>
      {(Object.entries(options) as [T, string][]).map(([option, label]) => (
        <label className="choice" key={option}>
          <input
            type="checkbox"
            checked={value.includes(option)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...value, option] : value.filter((v) => v !== option),
              )
            }
          />
          <span>{label}</span>
        </label>
      ))}
    </Group>
  );
}

export function RadioGroup<T extends string>({
  legend,
  hint,
  error,
  inline,
  options,
  value,
  onChange,
}: Omit<GroupProps, 'children'> & {
  options: Record<T, string>;
  value: T | undefined;
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <Group legend={legend} hint={hint} error={error} inline={inline}>
      {(Object.entries(options) as [T, string][]).map(([option, label]) => (
        <label className="choice" key={option}>
          <input
            type="radio"
            name={name}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          <span>{label}</span>
        </label>
      ))}
    </Group>
  );
}

const YES_NO = { yes: 'Yes', no: 'No' };

export function YesNo({
  legend,
  hint,
  error,
  value,
  onChange,
}: Omit<GroupProps, 'children' | 'inline'> & {
  value: boolean | undefined;
  onChange: (value: boolean) => void;
}) {
  return (
    <RadioGroup
      legend={legend}
      hint={hint}
      error={error}
      inline
      options={YES_NO}
      value={value === undefined ? undefined : value ? 'yes' : 'no'}
      onChange={(answer) => onChange(answer === 'yes')}
    />
  );
}
