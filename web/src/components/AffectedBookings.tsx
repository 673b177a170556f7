import { formatDateTime, humanize } from '../format';
import { pendingReviewSentence, SYSTEM_CANCELLATIONS } from '../messages';
import { href } from '../router';
import type { Schemas } from '../api/client';

type AffectedBooking = Schemas['AffectedBookingResponse'];

/** What happened to one booking: cancelled (and why), or kept while a clinician reviews. */
function outcome(booking: AffectedBooking): [string, string, string] {
  if (booking.status === 'cancelled') {
    const why = booking.cancellationCode && SYSTEM_CANCELLATIONS[booking.cancellationCode];
    return ['Cancelled', 'badge-cancelled', why || 'Cancelled by the spa.'];
  }
  // The exact deadline is on My bookings; this answer carries the start only.
  return ['Waiting for review', 'badge-pending', pendingReviewSentence(null)];
}

/** The client's upcoming bookings that a check-in just changed, and what happened to each. */
export function AffectedBookings({ bookings }: { bookings: AffectedBooking[] }) {
  if (bookings.length === 0) return null;
  return (
    <section className="card affected-bookings" aria-labelledby="affected-title">
      <h2 id="affected-title">
        {bookings.length === 1
          ? 'This check-in changed one of your bookings'
          : `This check-in changed ${bookings.length} of your bookings`}
      </h2>
      <ul className="plain-list">
        {bookings.map((booking) => {
          const [state, badge, sentence] = outcome(booking);
          return (
            <li key={booking.id}>
              <strong>
                {formatDateTime(booking.startsAt)} · {humanize(booking.technique)}
              </strong>{' '}
              <span className={`badge ${badge}`}>{state}</span>
              <br />
              {sentence}
            </li>
          );
        })}
      </ul>
      <a href={href('bookings')}>See all my bookings</a>
    </section>
  );
}
