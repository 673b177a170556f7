import { useId } from 'react';
import { Field } from './Field';

const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * The zone a person meant: an exact zone (`Europe/Lisbon`), or a city typed on its own
 * (`lisbon`, `New York`) that names exactly one zone. Anything else is left as typed.
 */
export function resolveTimeZone(typed: string): string {
  const text = typed.trim();
  if (ZONES.includes(text)) return text;
  const city = text.toLowerCase().replace(/\s+/g, '_');
  const matches = ZONES.filter((zone) => zone.toLowerCase().split('/').at(-1) === city);
  return matches.length === 1 ? matches[0] : text;
}

/** A searchable time-zone picker: type a city or a region and pick from the list. */
export function TimeZoneField({
  label = 'Time zone',
  hint,
  value,
  onChange,
  error,
}: {
  label?: string;
  hint?: string;
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}) {
  const listId = useId();
  return (
    <>
      <Field
        label={label}
        hint={hint ? `${hint} Type a city, like Lisbon.` : 'Type a city, like Lisbon.'}
        list={listId}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => onChange(resolveTimeZone(e.target.value))}
        error={error}
      />
      <datalist id={listId}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
