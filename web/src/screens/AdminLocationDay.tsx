import type { CSSProperties } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { useResource } from '../hooks';
import { featureLabel } from '../resources';
import { addDays, dayKey, zonedMidnight, zoneName } from '../format';
import { href } from '../router';

type Schedule = Schemas['LocationScheduleResponse'];
type Session = Schemas['ScheduledSessionResponse'];

/** Pixels per minute of the day grid: an hour is 72 px, enough for two lines of text. */
const SCALE = 1.2;

const STATUS: Record<string, string> = {
  confirmed: 'Booked',
  completed: 'Done',
  'no-show': 'Client did not come',
  held: 'Held for a waitlist offer',
};

/**
 * One day at a location, rooms as columns: who is in which room when. The day and the times are
 * the location's own, whatever the admin's computer clock says.
 */
export function AdminLocationDay({ locationId, date }: { locationId: string; date?: string }) {
  const locations = useResource(() => answer(client.GET('/api/v1/locations')), []);
  const location = locations.data?.find((l) => l.id === locationId);
  const day = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;

  if (locations.loading && !locations.data) return <Loading what="the location" />;
  if (locations.error) return <ErrorNotice error={locations.error} />;
  if (!location) {
    return (
      <section>
        <h1>Location not found</h1>
        <p>
          It may have been removed. <a href={href('admin/locations')}>See all locations</a>
        </p>
      </section>
    );
  }
  return <DayGrid location={location} day={day ?? dayKey(new Date(), location.timezone)} />;
}

function DayGrid({ location, day }: { location: Schemas['LocationResponse']; day: string }) {
  const from = zonedMidnight(day, location.timezone);
  const to = zonedMidnight(addDays(day, 1), location.timezone);
  const schedule = useResource(
    (): Promise<Schedule> =>
      answer(
        client.GET('/api/v1/admin/locations/{id}/schedule', {
          params: {
            path: { id: location.id },
            query: { from: from.toISOString(), to: to.toISOString() },
          },
        }),
      ),
    [location.id, day],
  );

  const clock = new Intl.DateTimeFormat(undefined, {
    timeZone: location.timezone,
    hour: 'numeric',
    minute: '2-digit',
  });
  const title = new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${day}T12:00:00Z`));
  const dayHref = (offset: number) =>
    href(`admin/locations/${location.id}/day`, { date: addDays(day, offset) });

  const rooms = schedule.data?.rooms ?? [];
  const sessions = rooms.flatMap((room) => room.sessions);
  // The grid spans the day's sessions, and at least 08:00 to 20:00 of the location's clock.
  const minutesIn = (iso: string) =>
    Math.min(
      Math.max((Date.parse(iso) - from.getTime()) / 60_000, 0),
      (to.getTime() - from.getTime()) / 60_000,
    );
  const first = Math.min(
    8 * 60,
    ...sessions.map((s) => Math.floor(minutesIn(s.startsAt) / 60) * 60),
  );
  const last = Math.max(20 * 60, ...sessions.map((s) => Math.ceil(minutesIn(s.endsAt) / 60) * 60));
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first + i * 60);
  const at = (minutes: number) => clock.format(new Date(from.getTime() + minutes * 60_000));

  return (
    <section>
      <h1>
        {location.name}: {title}
      </h1>
      <nav className="week-nav" aria-label="Days">
        <a className="button secondary" href={dayHref(-1)}>
          Previous day
        </a>
        <a className="button secondary" href={href(`admin/locations/${location.id}/day`)}>
          Today
        </a>
        <a className="button secondary" href={dayHref(1)}>
          Next day
        </a>
      </nav>
      <p className="hint">
        Times are at {location.name}, on {zoneName(location.timezone)}.
      </p>
      {schedule.loading && !schedule.data && <Loading what="the day" />}
      <ErrorNotice error={schedule.error} />
      {schedule.data && rooms.length === 0 && (
        <Empty>
          {location.name} has no rooms yet. <a href={href('admin/locations')}>Add rooms</a> to see
          who is in which room.
        </Empty>
      )}
      {rooms.length > 0 && (
        <>
          {sessions.length === 0 && <Empty>No sessions on this day.</Empty>}
          <div
            className="day-grid"
            style={
              {
                '--rooms': rooms.length,
                '--height': `${(last - first) * SCALE}px`,
              } as CSSProperties
            }
          >
            <div className="day-hours" aria-hidden="true">
              {hours.map((minutes) => (
                <span key={minutes} style={{ top: (minutes - first) * SCALE }}>
                  {at(minutes)}
                </span>
              ))}
            </div>
            {rooms.map((room) => (
              <section className="day-room" key={room.id} aria-label={room.name}>
                <h2>
                  {room.name}
                  {room.features.length > 0 && (
                    <span className="hint">{room.features.map(featureLabel).join(', ')}</span>
                  )}
                </h2>
                <ol className="day-column">
                  {room.sessions.map((session) => (
                    <SessionBlock
                      key={session.id}
                      session={session}
                      top={(minutesIn(session.startsAt) - first) * SCALE}
                      height={(minutesIn(session.endsAt) - minutesIn(session.startsAt)) * SCALE}
                      time={`${clock.format(new Date(session.startsAt))} – ${clock.format(new Date(session.endsAt))}`}
                    />
                  ))}
                </ol>
              </section>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function SessionBlock({
  session,
  top,
  height,
  time,
}: {
  session: Session;
  top: number;
  height: number;
  time: string;
}) {
  return (
    <li
      className={`day-session day-session-${session.status}`}
      style={{ top, height: Math.max(height, 24) }}
    >
      <strong>{time}</strong> {session.sessionName} with {session.therapistName}
      {session.status !== 'confirmed' && <span> · {STATUS[session.status] ?? ''}</span>}
    </li>
  );
}
