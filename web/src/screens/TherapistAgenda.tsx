import { useState } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { Empty, ErrorNotice, Loading, ProfileFirst, Status } from '../components/Notices';
import { WeekNav, weekStart } from '../components/WeekNav';
import { dayKey, formatDay, formatTime, humanize, localTimeZone, startOfDay } from '../format';
import { useAction, useResource } from '../hooks';
import { labelList, PAIN_AREAS } from '../intakeLabels';
import { href, navigate } from '../router';

type AgendaItem = Schemas['TherapistBookingResponse'];

/** A week of the therapist's sessions, each with the intake facts it needs, and the calendar feed. */
export function TherapistAgenda({ week }: { week: number }) {
  const from = weekStart(week);
  const agenda = useResource(
    () =>
      answer(
        client.GET('/api/v1/therapists/me/bookings', {
          params: {
            query: { from: from.toISOString(), to: startOfDay(from, 7).toISOString() },
          },
        }),
      ),
    [week],
  );
  const [message, setMessage] = useState('');

  const days = Array.from({ length: 7 }, (_, i) => startOfDay(from, i));
  const byDay = new Map<string, AgendaItem[]>();
  for (const item of agenda.data ?? []) {
    const key = dayKey(new Date(item.startsAt));
    byDay.set(key, [...(byDay.get(key) ?? []), item]);
  }

  return (
    <section>
      <h1>Agenda</h1>
      <p className="hint">Times are shown in this device’s time zone ({localTimeZone()}).</p>
      <WeekNav
        week={week}
        onWeek={(w) => navigate(href('therapist/agenda', { week: String(w) }))}
      />
      <Status message={message} />
      {agenda.loading && !agenda.data && <Loading what="your agenda" />}
      {agenda.error?.code === 'PROFILE_REQUIRED' ? (
        <ProfileFirst />
      ) : (
        <ErrorNotice error={agenda.error} />
      )}
      {agenda.data?.length === 0 && <Empty>No sessions this week.</Empty>}
      {agenda.data &&
        agenda.data.length > 0 &&
        days.map((day) => {
          const items = byDay.get(dayKey(day));
          if (!items) return null;
          return (
            <section key={day.toISOString()} aria-label={formatDay(day)}>
              <h2>{formatDay(day)}</h2>
              <ul className="agenda">
                {items.map((item) => (
                  <Session
                    key={item.id}
                    item={item}
                    onChanged={(text) => {
                      setMessage(text);
                      agenda.reload();
                    }}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      {!agenda.error && <CalendarFeed />}
    </section>
  );
}

function Session({ item, onChanged }: { item: AgendaItem; onChanged: (text: string) => void }) {
  const action = useAction();
  const person = item.client;
  const facts = item.intake;
  const started = Date.parse(item.startsAt) <= Date.now();
  const close = (outcome: 'complete' | 'no-show', text: string) =>
    action.run(async () => {
      const params = { path: { id: item.id } };
      await answer(
        outcome === 'complete'
          ? client.POST('/api/v1/bookings/{id}/complete', { params })
          : client.POST('/api/v1/bookings/{id}/no-show', { params }),
      );
      onChanged(text);
    });
  return (
    <li className={`card booking booking-${item.status}`}>
      <h3>
        {formatTime(item.startsAt)} – {formatTime(item.endsAt)} · {person.name}
      </h3>
      {(person.email || person.phone) && (
        <p className="contact">
          {person.email && <a href={`mailto:${person.email}`}>{person.email}</a>}
          {person.email && person.phone && ' · '}
          {person.phone && <a href={`tel:${person.phone}`}>{person.phone}</a>}
        </p>
      )}
      <p>
        {item.offeringName}
        {item.room && ` · ${item.room.name}`}
        {item.status !== 'confirmed' && (
          <span className="badge badge-cancelled">{humanize(item.status)}</span>
        )}
      </p>
      {facts ? (
        <ul className="facts">
          <li>Pain: {labelList(PAIN_AREAS, facts.painAreas)}</li>
          {facts.pregnant && (
            <li>
              <strong>
                Pregnant{facts.pregnancyWeeks !== null && `, ${facts.pregnancyWeeks} weeks`}
              </strong>
            </li>
          )}
          <li>
            Blood-clot screening:{' '}
            {facts.clotRiskReviewed ? 'nothing outstanding' : <strong>awaiting review</strong>}
          </li>
          <li>Pressure: {facts.pressure ? humanize(facts.pressure) : 'no preference'}</li>
          <li>
            Scented oils:{' '}
            {facts.likesScents === null
              ? 'no preference'
              : facts.likesScents
                ? 'likes them'
                : 'no scents'}
          </li>
        </ul>
      ) : (
        <p className="meta">No check-in attached.</p>
      )}
      {item.notes && <p className="notes">“{item.notes}”</p>}
      <ErrorNotice error={action.error} />
      {item.status === 'confirmed' && !started && (
        <ConfirmButton
          label="Cancel session"
          question={`Cancel the session with ${person.name}?`}
          confirmLabel="Yes, cancel it"
          busy={action.busy}
          onConfirm={() =>
            action.run(async () => {
              await answer(
                client.POST('/api/v1/bookings/{id}/cancel', {
                  params: { path: { id: item.id } },
                  body: {},
                }),
              );
              onChanged(`Session with ${person.name} cancelled.`);
            })
          }
        />
      )}
      {item.status === 'confirmed' && started && (
        <div className="actions">
          <button
            type="button"
            onClick={() => close('complete', `Session with ${person.name} completed.`)}
            disabled={action.busy}
          >
            Mark completed
          </button>
          <ConfirmButton
            label="Mark no-show"
            question={`${person.name} did not come?`}
            confirmLabel="Yes, a no-show"
            busy={action.busy}
            onConfirm={() => close('no-show', `${person.name} marked as a no-show.`)}
          />
        </div>
      )}
    </li>
  );
}

/** The private iCalendar subscription link: copy it, or rotate it when it leaked. */
function CalendarFeed() {
  const feed = useResource(() => answer(client.GET('/api/v1/therapists/me/calendar')), []);
  const action = useAction();
  const [message, setMessage] = useState('');

  const copy = async () => {
    if (!feed.data) return;
    try {
      await navigator.clipboard.writeText(feed.data.url);
      setMessage('Link copied.');
    } catch {
      document.getElementById('calendar-url')?.focus();
      setMessage('Copying is blocked here: the link is selected, press Ctrl+C (⌘C on a Mac).');
    }
  };

  return (
    <section className="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Calendar feed</h2>
      <p className="hint">
        Subscribe to this link in your calendar app to see your sessions there. Keep it private:
        anyone with the link can read your agenda.
      </p>
      {feed.loading && !feed.data && <Loading what="your calendar link" />}
      <ErrorNotice error={feed.error ?? action.error} />
      {feed.data && (
        <>
          <div className="field">
            <label htmlFor="calendar-url">Your calendar link</label>
            <input
              id="calendar-url"
              readOnly
              value={feed.data.url}
              onFocus={(e) => e.target.select()}
            />
          </div>
          <Status message={message} />
          <div className="actions">
            <button type="button" className="primary" onClick={copy}>
              Copy link
            </button>
            <ConfirmButton
              label="Make a new link"
              question="The old link will stop working. Make a new one?"
              confirmLabel="Yes, make a new link"
              busy={action.busy}
              onConfirm={() =>
                action.run(async () => {
                  await answer(client.POST('/api/v1/therapists/me/calendar/rotate'));
                  setMessage(
                    'New link made. Update it in your calendar app; the old one no longer works.',
                  );
                  feed.reload();
                })
              }
            />
          </div>
        </>
      )}
    </section>
  );
}
