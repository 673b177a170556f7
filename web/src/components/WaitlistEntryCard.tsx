import { answer, client, type Schemas } from '../api/client';
import { formatDateTime, formatShortDay, formatTime } from '../format';
import { useAction } from '../hooks';
import { ConfirmButton } from './ConfirmButton';
import { Countdown } from './Countdown';
import { ErrorNotice } from './Notices';

type Entry = Schemas['WaitlistEntryResponse'];

/**
 * One place on the waitlist: what for, when; and, when a time came free for it, that time held
 * with its countdown, to book or let go.
 */
export function WaitlistEntryCard({
  entry,
  sessionName,
  therapistName,
  highlighted,
  onChange,
}: {
  entry: Entry;
  sessionName: string;
  therapistName: (id: string) => string | undefined;
  highlighted: boolean;
  onChange: (message: string) => void;
}) {
  const claim = useAction();
  const decline = useAction();
  const leave = useAction();
  const offer = entry.offer;
  const wanted = entry.therapistId ? therapistName(entry.therapistId) : undefined;
  const act = (action: typeof claim, run: () => Promise<unknown>, message: string) =>
    void action.run(async () => {
      await run();
      onChange(message);
    });

  return (
    <li className={`card waitlist-entry${highlighted ? ' highlighted' : ''}`}>
      <h2>
        {sessionName}
        {wanted ? ` with ${wanted}` : ''}
      </h2>
      <p>
        Any time {formatShortDay(new Date(entry.from))} {formatTime(entry.from)} –{' '}
        {formatShortDay(new Date(entry.to))} {formatTime(entry.to)}
      </p>
      {offer ? (
        <div className="notice notice-good waitlist-offer">
          <p className="notice-title">A time came free for you</p>
          <p>
            <strong>
              {formatDateTime(offer.startsAt)} – {formatTime(offer.endsAt)}
            </strong>
            {therapistName(offer.therapistId) ? ` with ${therapistName(offer.therapistId)}` : ''}
          </p>
          <p>
            Held for you for <Countdown until={offer.expiresAt} />, then it goes to the next person
            waiting.
          </p>
          <ErrorNotice error={claim.error ?? decline.error} />
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={claim.busy}
              onClick={() =>
                act(
                  claim,
                  () =>
                    answer(
                      client.POST('/api/v1/waitlist/offers/{id}/claim', {
                        params: { path: { id: offer.id } },
                      }),
                    ),
                  `Booked: ${formatDateTime(offer.startsAt)}. It is with your bookings now.`,
                )
              }
            >
              {claim.busy ? 'Booking…' : 'Book this time'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={decline.busy}
              onClick={() =>
                act(
                  decline,
                  () =>
                    answer(
                      client.POST('/api/v1/waitlist/offers/{id}/decline', {
                        params: { path: { id: offer.id } },
                      }),
                    ),
                  'You let that time go. You stay on the waitlist for another one.',
                )
              }
            >
              Let it go
            </button>
          </div>
        </div>
      ) : (
        <p className="hint">No time has come free yet. We email you when one does.</p>
      )}
      <ErrorNotice error={leave.error} />
      <ConfirmButton
        label="Leave the waitlist"
        question="Stop waiting for this session?"
        confirmLabel="Yes, leave"
        busy={leave.busy}
        onConfirm={() =>
          act(
            leave,
            () =>
              answer(
                client.DELETE('/api/v1/waitlist/{id}', { params: { path: { id: entry.id } } }),
              ),
            'You left the waitlist for that session.',
          )
        }
      />
    </li>
  );
}
