import { useEffect, useRef, useState } from 'react';
import { answer, asApiError, client, type Schemas } from '../api/client';
import { Select, TextArea } from '../components/Field';
import { JoinWaitlist } from '../components/JoinWaitlist';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { WeekNav, weekStart } from '../components/WeekNav';
import {
  dayKey,
  formatDateTime,
  formatDay,
  formatMoney,
  formatTime,
  formatWeekday,
  humanize,
  localTimeZone,
  startOfDay,
} from '../format';
import { useAction, useResource } from '../hooks';
import { latestIntake } from '../latestIntake';
import { confirmationSentence } from '../messages';
import { policySentence, usePolicy } from '../policy';
import { href, navigate } from '../router';
import { useSession } from '../session';

type Slot = Schemas['SlotResponse'];

type Slug = Schemas['TechniqueResponse']['slug'];

interface Props {
  therapistId: string;
  technique: string;
  offeringId?: string;
  intakeId?: string;
  /** A slot chosen on the matches list. */
  slot?: string;
  week: number;
  /** Moving this booking to a new time, instead of booking a new one. */
  move?: string;
}

/** Refusals after which the chosen time cannot be booked at all. */
const GONE = ['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'BOOKING_IN_PAST'];

/** One retry-safe key per booking attempt (crypto.randomUUID needs a secure context). */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** A therapist's free slots for one offering, a week at a time, and the booking itself. */
export function BookSlot({
  therapistId,
  technique,
  offeringId,
  intakeId,
  slot,
  week,
  move,
}: Props) {
  const policy = usePolicy();
  const therapist = useResource(
    () => answer(client.GET('/api/v1/therapists/{id}', { params: { path: { id: therapistId } } })),
    [therapistId],
  );
  const offerings = useResource(
    () =>
      answer(
        client.GET('/api/v1/offerings', {
          params: {
            // From the page's address: an unknown technique is refused by the server.
            query: { technique: (technique || undefined) as Slug | undefined, limit: 100 },
          },
        }),
      ),
    [technique],
  );
  const choices = (offerings.data?.items ?? []).filter((o) =>
    therapist.data?.techniques.includes(o.technique),
  );
  const offering = choices.find((o) => o.id === offeringId) ?? choices[0];

  const from = weekStart(week);
  const slots = useResource(
    () =>
      offering
        ? answer(
            client.GET('/api/v1/therapists/{id}/slots', {
              params: {
                path: { id: therapistId },
                query: {
                  offeringId: offering.id,
                  from: from.toISOString(),
                  to: startOfDay(from, 7).toISOString(),
                },
              },
            }),
          )
        : Promise.resolve({ slots: [] as Slot[] }),
    [therapistId, offering?.id, week],
  );

  const [selected, setSelected] = useState(slot);
  const [openDay, setOpenDay] = useState<string>();
  const [notes, setNotes] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [booked, setBooked] = useState<Schemas['BookingResponse'] | null>(null);
  const action = useAction();
  const { user } = useSession();
  const latest = latestIntake.get(user.id);
  const newer = latest !== intakeId ? latest : null;
  const confirmation = useRef<HTMLHeadingElement>(null);
  useEffect(() => confirmation.current?.focus(), [booked]);
  // Picking a time moves the focus to "Book this time" (its description reads the choice back),
  // so a keyboard user does not Tab through the rest of the week's times to reach it.
  const bookButton = useRef<HTMLButtonElement>(null);
  const [picked, setPicked] = useState(0);
  useEffect(() => {
    if (picked > 0) bookButton.current?.focus();
  }, [picked]);

  const go = (params: { offering?: string; week?: number }) =>
    navigate(
      href(`book/${therapistId}`, {
        technique: technique || undefined,
        offering: params.offering ?? offering?.id,
        intake: intakeId,
        move,
        week: String(params.week ?? week),
      }),
    );

  const choose = (startsAt: string) => {
    setSelected(startsAt);
    setKey(newIdempotencyKey());
    action.clear();
    setPicked((n) => n + 1);
  };

  const book = () =>
    action.run(async () => {
      if (!offering || !selected) return;
      try {
        const body = { therapistId, offeringId: offering.id, startsAt: selected, intakeId };
        // A retry of this same choice (a lost answer, a double tap) books, or moves, once.
        const header = { 'idempotency-key': key };
        setBooked(
          await answer(
            move
              ? client.POST('/api/v1/bookings/{id}/reschedule', {
                  params: { header, path: { id: move } },
                  body: { startsAt: selected, offeringId: offering.id },
                })
              : client.POST('/api/v1/bookings', {
                  params: { header },
                  body: notes.trim() ? { ...body, notes: notes.trim() } : body,
                }),
          ),
        );
      } catch (error) {
        // The API answered: the next attempt is a new request. (A lost answer keeps its key.)
        const problem = asApiError(error);
        if (problem.status !== 0) setKey(newIdempotencyKey());
        if (GONE.includes(problem.code)) setSelected(undefined);
        throw error;
      } finally {
        slots.reload();
      }
    });

  if (booked && offering && therapist.data) {
    return (
      <section className="confirmation card" role="status">
        <h1 ref={confirmation} tabIndex={-1}>
          {move ? 'Your session has moved' : 'You’re booked'}
        </h1>
        <p className="lead">
          {offering.name} with {therapist.data.name}
        </p>
        <p>
          <strong>
            {formatDateTime(booked.startsAt)} – {formatTime(booked.endsAt)}
          </strong>{' '}
          (your time, {localTimeZone()})
        </p>
        <p>Price: {formatMoney(booked.priceCents)}</p>
        <p>
          {move
            ? `We sent the new time to ${user.email}, with an update for your calendar.`
            : confirmationSentence(user.email)}
        </p>
        <div className="actions">
          <a className="button primary" href={href('bookings')}>
            See my bookings
          </a>
        </div>
      </section>
    );
  }

  const loading = (therapist.loading && !therapist.data) || (offerings.loading && !offerings.data);
  const days = Array.from({ length: 7 }, (_, i) => startOfDay(from, i));
  const byDay = new Map<string, Slot[]>();
  for (const s of slots.data?.slots ?? []) {
    const key = dayKey(new Date(s.startsAt));
    byDay.set(key, [...(byDay.get(key) ?? []), s]);
  }
  // On a phone one day shows at a time: the one picked, else the chosen slot's, else the first free.
  const keys = days.map(dayKey);
  const selectedDay = selected ? dayKey(new Date(selected)) : undefined;
  const shownDay = [openDay, selectedDay, keys.find((k) => byDay.has(k))].find(
    (k) => k !== undefined && keys.includes(k),
  );

  return (
    <section className="book">
      <h1>
        {move
          ? 'Choose a new time'
          : therapist.data
            ? `Book ${therapist.data.name}`
            : 'Book a session'}
      </h1>
      {loading && <Loading what="the therapist" />}
      <ErrorNotice error={therapist.error ?? offerings.error} />
      {therapist.data && (
        <p className="lead">
          {therapist.data.bio} · {therapist.data.yearsExperience} years of experience
        </p>
      )}
      {therapist.data && offerings.data && !offering && (
        <Empty>
          This therapist has no session on our menu for {humanize(technique)} right now.
        </Empty>
      )}
      {offering && (
        <>
          {choices.length > 1 ? (
            <Select
              label="Session"
              value={offering.id}
              onChange={(e) => {
                setSelected(undefined);
                go({ offering: e.target.value });
              }}
              options={choices.map((o) => [o.id, `${o.name} · ${formatMoney(o.priceCents)}`])}
            />
          ) : (
            <p>
              <strong>{offering.name}</strong> · {formatMoney(offering.priceCents)}
            </p>
          )}
          <p className="hint">Times are shown in your time zone ({localTimeZone()}).</p>
          {policy && <p className="policy">{policySentence(policy)}</p>}
          <WeekNav week={week} onWeek={(w) => go({ week: w })} earliest={0} />
          {slots.loading && !slots.data && <Loading what="free times" />}
          <ErrorNotice error={slots.error} />
          <div className="day-strip" role="group" aria-label="Days of the week">
            {days.map((day) => {
              const count = byDay.get(dayKey(day))?.length ?? 0;
              return (
                <button
                  key={day.toISOString()}
                  type="button"
                  aria-pressed={dayKey(day) === shownDay}
                  title={formatDay(day)}
                  onClick={() => setOpenDay(dayKey(day))}
                >
                  {/* The visible words are the name (WCAG 2.5.3), so "Tue 24" works by voice. */}
                  <span>{formatWeekday(day)}</span> <strong>{day.getDate()}</strong>{' '}
                  <span>{count} free</span>
                </button>
              );
            })}
          </div>
          <div className="week" aria-busy={slots.loading}>
            {days.map((day) => {
              const free = byDay.get(dayKey(day)) ?? [];
              return (
                <section
                  key={day.toISOString()}
                  className={dayKey(day) === shownDay ? 'day day-shown' : 'day'}
                  aria-label={formatDay(day)}
                >
                  <h2>{formatDay(day)}</h2>
                  {free.length === 0 ? (
                    <p className="empty">No free times</p>
                  ) : (
                    <ul className="slot-list">
                      {free.map((s) => (
                        <li key={s.startsAt}>
                          <button
                            type="button"
                            className="slot"
                            aria-pressed={selected === s.startsAt}
                            onClick={() => choose(s.startsAt)}
                          >
                            {formatTime(s.startsAt)}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
          {(selected || action.error) && (
            <div className="booking-bar card">
              <ErrorNotice error={action.error}>
                {action.error?.code === 'INTAKE_SUPERSEDED' && newer && (
                  <p>
                    <a href={href(`intake/${newer}`)}>See your latest suggestions</a>
                  </p>
                )}
              </ErrorNotice>
              {selected && (
                <>
                  <p className="booking-choice" id="booking-choice">
                    <strong>
                      {formatDateTime(selected)} –{' '}
                      {formatTime(
                        new Date(
                          Date.parse(selected) + offering.durationMinutes * 60_000,
                        ).toISOString(),
                      )}
                    </strong>{' '}
                    · {offering.name} · {formatMoney(offering.priceCents)}
                  </p>
                  <details className="note" open={Boolean(action.error?.fieldError('notes'))}>
                    <summary>Add a note for your therapist</summary>
                    <TextArea
                      label="Anything your therapist should know? (optional)"
                      rows={2}
                      maxLength={500}
                      value={notes}
                      onChange={(e) => setNotes(e.target.value)}
                      error={action.error?.fieldError('notes')}
                    />
                  </details>
                  <div className="actions">
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setSelected(undefined)}
                    >
                      Choose another time
                    </button>
                    <button
                      ref={bookButton}
                      type="button"
                      className="primary"
                      aria-describedby="booking-choice"
                      onClick={book}
                      disabled={action.busy}
                    >
                      {action.busy
                        ? move
                          ? 'Moving…'
                          : 'Booking…'
                        : move
                          ? 'Move to this time'
                          : 'Book this time'}
                    </button>
                  </div>
                </>
              )}
            </div>
          )}
          {therapist.data && !move && (
            <JoinWaitlist
              therapistId={therapistId}
              therapistName={therapist.data.name}
              offeringId={offering.id}
              from={from}
              to={startOfDay(from, 7)}
            />
          )}
        </>
      )}
    </section>
  );
}
