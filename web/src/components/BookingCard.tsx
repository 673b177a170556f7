import { answer, client, type Schemas } from '../api/client';
import { ConfirmButton } from './ConfirmButton';
import { ErrorNotice } from './Notices';
import { formatDateTime, formatMoney, formatTime, humanize } from '../format';
import { useAction } from '../hooks';
import { CANCELLED_BY, pendingReviewSentence, SYSTEM_CANCELLATIONS } from '../messages';
import { cancelQuestion, insideNotice, usePolicy } from '../policy';
import { href } from '../router';

type Booking = Schemas['BookingResponse'];

const STATUS_LABEL: Record<Booking['status'], string> = {
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  'no-show': 'Missed',
  rescheduled: 'Moved',
};

/** Who cancelled, and when the spa did, why: the rule the booking no longer passes. */
function cancellationText(booking: Booking): string | undefined {
  if (booking.status !== 'cancelled' || !booking.cancelledBy) return undefined;
  if (booking.cancelledBy !== 'system') return CANCELLED_BY[booking.cancelledBy];
  return (
    (booking.cancellationCode && SYSTEM_CANCELLATIONS[booking.cancellationCode]) ||
    'Cancelled by the spa.'
  );
}

/** One of the client's bookings: when, what, with whom, its state in words, and cancelling. */
export function BookingCard({
  booking,
  therapist,
  place,
  onCancelled,
}: {
  booking: Booking;
  /** Unknown once the therapist has no public profile (no longer bookable). */
  therapist: string | undefined;
  /** The location's name, when the session is at one. */
  place?: string;
  onCancelled: (late: boolean) => void;
}) {
  const action = useAction();
  const cancel = () =>
    action.run(async () => {
      const cancelled = await answer(
        client.POST('/api/v1/bookings/{id}/cancel', {
          params: { path: { id: booking.id } },
          body: {},
        }),
      );
      onCancelled(cancelled.lateCancellation);
    });
  const policy = usePolicy();
  const cancellation = cancellationText(booking);
  const pendingReview = booking.status === 'confirmed' && booking.screening === 'pending-review';
  const movable = policy !== undefined && !insideNotice(booking.startsAt, policy);

  return (
    <li className={`card booking booking-${booking.status}`}>
      <h2>
        {formatDateTime(booking.startsAt)} – {formatTime(booking.endsAt)}
      </h2>
      <p>
        {humanize(booking.technique)}
        {therapist && ` with ${therapist}`} · {booking.durationMinutes} min ·{' '}
        {formatMoney(booking.priceCents)}
      </p>
      {(place || booking.room) && (
        <p>{[place && `At ${place}`, booking.room?.name].filter(Boolean).join(', ')}</p>
      )}
      <p>
        <span className={`badge badge-${booking.status}`}>{STATUS_LABEL[booking.status]}</span>
        {pendingReview && <span className="badge badge-pending">Waiting for review</span>}
      </p>
      {cancellation && <p className="booking-reason">{cancellation}</p>}
      {pendingReview && (
        <div className="notice notice-warning">
          <p>{pendingReviewSentence(booking.screeningDeadline)}</p>
        </div>
      )}
      <ErrorNotice error={action.error} />
      {booking.status === 'rescheduled' && (
        <p className="booking-reason">
          This session moved to another time, listed with your bookings.
        </p>
      )}
      {booking.status === 'confirmed' && (
        <div className="actions">
          {movable && (
            <a
              className="button secondary"
              href={href(`book/${booking.therapistId}`, {
                technique: booking.technique,
                offering: booking.offeringId,
                move: booking.id,
              })}
            >
              Change time
            </a>
          )}
          <ConfirmButton
            label="Cancel booking"
            question={cancelQuestion(booking.startsAt, policy)}
            confirmLabel="Yes, cancel it"
            busy={action.busy}
            onConfirm={cancel}
          />
        </div>
      )}
      {booking.status === 'confirmed' && policy && !movable && (
        <p className="hint">It is too close to the session to change its time online.</p>
      )}
    </li>
  );
}
