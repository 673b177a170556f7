import { useEffect, useRef, useState } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { useBookingAction } from '../bookingAction';
import { BookingBar } from '../components/BookingBar';
import { DayStrip } from '../components/DayStrip';
import { Select } from '../components/Field';
import { JoinWaitlist } from '../components/JoinWaitlist';
import { Empty, ErrorNotice, Loading } from '../components/Notices';
import { TimePicker } from '../components/TimePicker';
import {
  dayKey,
  formatMoney,
  formatShortDay,
  humanize,
  localTimeZone,
  startOfDay,
  zoneName,
} from '../format';
import { useResource } from '../hooks';
import { useLatestIntakeId } from '../latestIntake';
import { policySentence, usePolicy } from '../policy';
import { href, navigate } from '../router';
import { freeDays, WINDOW_DAYS, windowStart } from '../slots';

type Slug = Schemas['TechniqueResponse']['slug'];

interface Props {
  therapistId: string;
  technique: string;
  offeringId?: string;
  intakeId?: string;
  /** A time chosen on a match card: it is picked, and the focus waits on "Book this time". */
  slot?: string;
  /** Which two weeks are shown (0: from today). */
  page: number;
  /** The day whose times are shown (`YYYY-MM-DD`). */
  day?: string;
  /** Moving this booking to a new time, instead of booking a new one. */
  move?: string;
}

/** Pick a day, then a time of it, then book: a therapist's free times for one offering. */
export function BookSlot({
  therapistId,
  technique,
  offeringId,
  intakeId,
  slot,
  page,
  day,
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
          // From the page's address: an unknown technique is refused by the server.
          params: {
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

  const from = windowStart(page);
  const to = startOfDay(from, WINDOW_DAYS);
  const slots = useResource(
    () =>
      offering
        ? answer(
            client.GET('/api/v1/therapists/{id}/slots', {
              params: {
                path: { id: therapistId },
                query: { offeringId: offering.id, from: from.toISOString(), to: to.toISOString() },
              },
            }),
          ).then((found) => found.slots)
        : Promise.resolve([]),
    [therapistId, offering?.id, page],
  );

  const [selected, setSelected] = useState(slot);
  const [notes, setNotes] = useState('');
  const action = useBookingAction({
    therapistId,
    intakeId,
    move,
    onGone: () => {
      setSelected(undefined);
      slots.reload();
    },
  });
  const latest = useLatestIntakeId();
  const newer = latest && latest !== intakeId ? latest : null;
  // Choosing a time (here, or on a match card) moves the focus to "Book this time": its
  // description reads the choice back, and no keyboard user Tabs through the other times.
  const bookButton = useRef<HTMLButtonElement>(null);
  const focusBook = useRef(Boolean(slot));
  useEffect(() => {
    if (focusBook.current && bookButton.current) {
      focusBook.current = false;
      bookButton.current.focus();
    }
  });

  const go = (params: { offering?: string; page?: number; day?: string }) =>
    navigate(
      href(`book/${therapistId}`, {
        technique: technique || undefined,
        offering: params.offering ?? offering?.id,
        intake: intakeId,
        move,
        page: String(params.page ?? page),
        day: params.day,
      }),
    );

  const choose = (startsAt: string) => {
    setSelected(startsAt);
    action.restart();
    focusBook.current = true;
  };

  const days = freeDays(slots.data ?? []);
  const selectedDay = selected ? dayKey(new Date(selected)) : undefined;
  const shown =
    days.find((d) => d.key === day) ?? days.find((d) => d.key === selectedDay) ?? days[0];
  const loading = (therapist.loading && !therapist.data) || (offerings.loading && !offerings.data);

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
          <p className="hint">Times are shown in {zoneName(localTimeZone())}, your time zone.</p>
          {slots.loading && !slots.data && <Loading what="free times" />}
          <ErrorNotice error={slots.error} />
          <div className="picker" aria-busy={slots.loading}>
            {slots.data && days.length === 0 && (
              <Empty>
                No free times from {formatShortDay(from)} to {formatShortDay(startOfDay(to, -1))}.
              </Empty>
            )}
            <DayStrip days={days} chosen={shown?.key} onChoose={(key) => go({ day: key })} />
            {shown && (
              <TimePicker key={shown.key} day={shown} selected={selected} onChoose={choose} />
            )}
          </div>
          <BookingBar
            selected={selected}
            offering={offering}
            error={action.error}
            errorHelp={
              action.error?.code === 'INTAKE_SUPERSEDED' &&
              newer && (
                <p>
                  <a href={href(`intake/${newer}`)}>See your latest suggestions</a>
                </p>
              )
            }
            busy={action.busy}
            move={Boolean(move)}
            notes={notes}
            onNotes={setNotes}
            onClear={() => setSelected(undefined)}
            onBook={() => selected && void action.book(offering.id, selected, notes)}
            bookButton={bookButton}
          />
          <div className="dates-nav">
            {page > 0 && (
              <button type="button" className="secondary" onClick={() => go({ page: page - 1 })}>
                ← Earlier dates
              </button>
            )}
            <button type="button" className="secondary" onClick={() => go({ page: page + 1 })}>
              Later dates →
            </button>
          </div>
          {policy && <p className="policy">{policySentence(policy)}</p>}
          {therapist.data && !move && (
            <JoinWaitlist
              therapistId={therapistId}
              therapistName={therapist.data.name}
              offeringId={offering.id}
              from={from}
              to={to}
            />
          )}
        </>
      )}
    </section>
  );
}
