import type { Schemas } from '../api/client';
import { BookingActions } from './BookingActions';
import { formatDateTime, formatMoney, formatTime, humanize } from '../format';
import { CANCELLED_BY, pendingReviewSentence, SYSTEM_CANCELLATIONS } from '../messages';
import { href } from '../router';

type Booking = Schemas['BookingResponse'];

export const STATUS_LABEL: Record<Booking['status'], string> = {
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  'no-show': 'Missed',
  rescheduled: 'Moved',
};

/** Who cancelled, and when the spa did, why: the rule the booking no longer passes. */
export function cancellationText(booking: Booking): string | undefined {
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
  const cancellation = cancellationText(booking);
  const pendingReview = booking.status === 'confirmed' && booking.screening === 'pending-review';

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
      {booking.status === 'rescheduled' && (
        <p className="booking-reason">
          This session moved to another time, listed with your bookings.
        </p>
      )}
      <p>
        <a href={href(`bookings/${booking.id}`)}>
          Details<span className="visually-hidden"> of this booking</span>
        </a>
      </p>
      <BookingActions booking={booking} onCancelled={onCancelled} />
    </li>
  );
}
