import { useState, type FormEvent } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { AffectedSessions } from '../components/AffectedSessions';
import { Field } from '../components/Field';
import { Empty, ErrorNotice, Loading, ProfileFirst, Status } from '../components/Notices';
import { formatDateTime } from '../format';
import { useAction, useResource } from '../hooks';

/** The served document does not describe POST's answer yet: the time off and the bookings in it. */

/** `datetime-local` input (the viewer's local time) → an ISO instant, or '' to let the API say why. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : '');

/** Holidays and other time off: no slots are offered inside them. */
export function TimeOff() {
  const list = useResource(
    () =>
      answer(
        client.GET('/api/v1/therapists/me/time-off', {
          params: { query: { from: new Date().toISOString() } },
        }),
      ),
    [],
  );
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const [conflicts, setConflicts] = useState<Schemas['BookingConflictResponse'][]>([]);
  const [message, setMessage] = useState('');
  const action = useAction();
  const removal = useAction();

  const add = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    void action.run(async () => {
      const created = await answer(
        client.POST('/api/v1/therapists/me/time-off', {
          body: {
            startsAt: toInstant(startsAt),
            endsAt: toInstant(endsAt),
            ...(reason.trim() && { reason: reason.trim() }),
          },
        }),
      );
      setConflicts(created.conflictingBookings);
      setStartsAt('');
      setEndsAt('');
      setReason('');
      setMessage('Time off added.');
      list.reload();
    });
  };

  const remove = (id: string) =>
    removal.run(async () => {
      await answer(
        client.DELETE('/api/v1/therapists/me/time-off/{id}', { params: { path: { id } } }),
      );
      setMessage('Time off removed.');
      list.reload();
    });

  return (
    <section>
      <h1>Time off</h1>
      {list.loading && !list.data && <Loading what="your time off" />}
      {list.error?.code === 'PROFILE_REQUIRED' ? (
        <ProfileFirst />
      ) : (
        <ErrorNotice error={list.error} />
      )}
      <Status message={message} />
      <ErrorNotice error={removal.error} />
      {list.data?.length === 0 && <Empty>No time off planned.</Empty>}
      {list.data && list.data.length > 0 && (
        <ul className="plain-list card">
          {list.data.map((item) => (
            <li key={item.id} className="row-with-action">
              <span>
                {formatDateTime(item.startsAt)} – {formatDateTime(item.endsAt)}
                {item.reason && <> · {item.reason}</>}
              </span>
              <button
                type="button"
                className="link-button danger"
                onClick={() => remove(item.id)}
                disabled={removal.busy}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <form className="card" onSubmit={add} noValidate>
          <h2>Add time off</h2>
          <Field
            label="From"
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            error={action.error?.fieldError('startsAt')}
          />
          <Field
            label="Until"
            type="datetime-local"
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
            error={action.error?.fieldError('endsAt')}
          />
          <Field
            label="Reason (optional)"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={action.error?.fieldError('reason')}
          />
          <ErrorNotice error={action.error} />
          <AffectedSessions
            title="You have bookings during this time off"
            advice="They are kept. Please contact the clients, or cancel the sessions from your agenda."
            sessions={conflicts}
          />
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? 'Adding…' : 'Add time off'}
          </button>
        </form>
      )}
    </section>
  );
}
