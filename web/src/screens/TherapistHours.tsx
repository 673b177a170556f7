import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { AffectedSessions } from '../components/AffectedSessions';
import { Field, Select } from '../components/Field';
import { Empty, ErrorNotice, Loading, ProfileFirst, Status } from '../components/Notices';
import { checkFields, isQuarterHour } from '../checks';
import { useAction, useResource } from '../hooks';
import { href } from '../router';

type WeeklyWindow = Schemas['WeeklyWindowDto'];
/** What GET answers: the PUT's answer without the bookings outside the new hours. */
type Availability = Schemas['WeeklyHoursResponse'];

/** ISO weekdays (Monday = 1), short so that a row fits a phone's width. */
const WEEKDAYS: [string, string][] = [
  ['1', 'Mon'],
  ['2', 'Tue'],
  ['3', 'Wed'],
  ['4', 'Thu'],
  ['5', 'Fri'],
  ['6', 'Sat'],
  ['7', 'Sun'],
];

const byDayAndTime = (a: WeeklyWindow, b: WeeklyWindow) =>
  a.weekday - b.weekday || a.start.localeCompare(b.start);

/** The weekly-hours editor. */
export function TherapistHours() {
  const availability = useResource(
    (): Promise<Availability> => answer(client.GET('/api/v1/therapists/me/availability')),
    [],
  );
  const locations = useResource(() => answer(client.GET('/api/v1/locations')), []);
  if (availability.loading && !availability.data) return <Loading what="your hours" />;
  return (
    <section>
      <h1>Weekly hours</h1>
      {availability.error?.code === 'PROFILE_REQUIRED' ? (
        <ProfileFirst />
      ) : (
        <ErrorNotice error={availability.error} />
      )}
      {availability.data && (
        <HoursEditor
          initial={availability.data}
          locations={locations.data ?? []}
          onSaved={availability.reload}
        />
      )}
    </section>
  );
}

function HoursEditor({
  initial,
  locations,
  onSaved,
}: {
  initial: Availability;
  locations: Schemas['LocationResponse'][];
  onSaved: () => void;
}) {
  const [rows, setRows] = useState<WeeklyWindow[]>(() => [...initial.weekly].sort(byDayAndTime));
  const [outside, setOutside] = useState<Schemas['BookingConflictResponse'][]>([]);
  const [message, setMessage] = useState('');
  const action = useAction();

  const change = (index: number, patch: Partial<WeeklyWindow>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const add = () => {
    const last = rows.at(-1);
    setRows([
      ...rows,
      { weekday: last ? (last.weekday % 7) + 1 : 1, start: '09:00', end: '17:00' },
    ]);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void action.run(async () => {
      checkFields(
        Object.fromEntries(
          rows.flatMap((row, i) => [
            [`weekly[${i}].start`, isQuarterHour(row.start) && row.start !== '24:00'],
            [`weekly[${i}].end`, isQuarterHour(row.end) && row.end > row.start],
          ]),
        ),
      );
      const saved = await answer(
        client.PUT('/api/v1/therapists/me/availability', { body: { weekly: rows } }),
      );
      setOutside(saved.bookingsOutsideHours);
      setRows([...saved.weekly].sort(byDayAndTime));
      setMessage('Hours saved.');
      onSaved();
    });
  };

  return (
    <form className="card" onSubmit={save} noValidate>
      <p className="lead">
        The hours clients can book you each week, in your time zone ({initial.timezone}
        {' — '}
        <a href={href('therapist/profile')}>change it in your profile</a>). Use 24:00 for midnight.
      </p>
      {rows.length === 0 && (
        <Empty>No hours yet: clients cannot book you until you add some.</Empty>
      )}
      {rows.map((row, index) => (
        <fieldset
          className={locations.length > 0 ? 'hours-row with-place' : 'hours-row'}
          key={index}
        >
          <legend className="visually-hidden">Hours {index + 1}</legend>
          <Select
            label="Day"
            value={String(row.weekday)}
            onChange={(e) => change(index, { weekday: Number(e.target.value) })}
            options={WEEKDAYS}
            error={action.error?.fieldError(`weekly[${index}].weekday`)}
          />
          <Field
            label="From"
            placeholder="09:00"
            inputMode="numeric"
            value={row.start}
            onChange={(e) => change(index, { start: e.target.value })}
            error={action.error?.fieldError(`weekly[${index}].start`)}
          />
          <Field
            label="To"
            placeholder="17:00"
            inputMode="numeric"
            value={row.end}
            onChange={(e) => change(index, { end: e.target.value })}
            error={action.error?.fieldError(`weekly[${index}].end`)}
          />
          {locations.length > 0 && (
            <div className="where">
              <Select
                label="Where"
                value={row.locationId ?? ''}
                onChange={(e) => change(index, { locationId: e.target.value || null })}
                options={[
                  ['', 'Usual location'],
                  ...locations.map((l): [string, string] => [l.id, l.name]),
                ]}
                error={action.error?.fieldError(`weekly[${index}].locationId`)}
              />
            </div>
          )}
          <button
            type="button"
            className="secondary remove"
            onClick={() => setRows(rows.filter((_, i) => i !== index))}
            aria-label={`Remove hours ${index + 1}`}
            title="Remove these hours"
          >
            ✕
          </button>
        </fieldset>
      ))}
      <ErrorNotice error={action.error} />
      <AffectedSessions
        title="These bookings are now outside your hours"
        advice="They are kept. Please contact the clients, or add the hours back."
        sessions={outside}
      />
      <Status message={message} />
      <div className="actions">
        <button type="button" className="secondary" onClick={add}>
          Add hours
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save hours'}
        </button>
      </div>
    </form>
  );
}
