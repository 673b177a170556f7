import { useEffect, useRef, useState } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { BookingActions } from '../components/BookingActions';
import { cancellationText, STATUS_LABEL } from '../components/BookingCard';
import { ErrorNotice, Loading, Status } from '../components/Notices';
import {
  formatDateTime,
  formatMoney,
  formatTime,
  humanize,
  localTimeZone,
  zoneName,
} from '../format';
import { useResource } from '../hooks';
import { downloadIcs } from '../ics';
import { confirmationSentence, pendingReviewSentence } from '../messages';
import { policySentence, usePolicy } from '../policy';
import { href } from '../router';
import { useSession } from '../session';

type Booking = Schemas['BookingResponse'];

const bookingById = (id: string) =>
  answer(client.GET('/api/v1/bookings/{id}', { params: { path: { id } } }));

/**
 * Everything about one booking: the therapist, what and when, the place, the price, the policy,
 * and what the client can do (add it to a calendar, change its time, cancel it).
 */
async function loadBooking(id: string) {
  const booking = await bookingById(id);
  const [therapist, offerings, locations, firstId] = await Promise.all([
    answer(
      client.GET('/api/v1/therapists/{id}', { params: { path: { id: booking.therapistId } } }),
    ).catch(() => null),
    answer(client.GET('/api/v1/offerings', { params: { query: { limit: 100 } } })).catch(
      () => null,
    ),
    booking.locationId ? answer(client.GET('/api/v1/locations')) : Promise.resolve([]),
    seriesStart(booking),
  ]);
  return {
    booking,
    therapist: therapist?.name,
    offering: offerings?.items.find((o) => o.id === booking.offeringId)?.name,
    place: locations.find((l) => l.id === booking.locationId),
    calendarUid: `${firstId}@unknot`,
  };
}

/** The first booking of a chain of reschedules: the emailed invitation's event is named after it. */
async function seriesStart(booking: Booking): Promise<string> {
  let current = booking;
  for (let step = 0; current.rescheduledFromId && step < 20; step++) {
    current = await bookingById(current.rescheduledFromId);
  }
  return current.id;
}

export function BookingPage({ bookingId, just }: { bookingId: string; just?: 'booked' | 'moved' }) {
  const { user } = useSession();
  const policy = usePolicy();
  const data = useResource(() => loadBooking(bookingId), [bookingId]);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [data.data?.booking.id]);

  if (data.loading && !data.data) return <Loading what="your booking" />;
  if (!data.data) {
    return (
      <section>
        <h1>Your booking</h1>
        <ErrorNotice error={data.error}>
          <p>
            <a href={href('bookings')}>See all your bookings</a>
          </p>
        </ErrorNotice>
      </section>
    );
  }
  const { booking, therapist, offering, place, calendarUid } = data.data;
  const what = offering ?? `${humanize(booking.technique)}, ${booking.durationMinutes} min`;
  const fresh = just && booking.status === 'confirmed';
  const cancellation = cancellationText(booking);
  const title = fresh
    ? just === 'moved'
      ? 'Your session has moved'
      : 'You’re booked'
    : 'Your booking';

  return (
    <section className={fresh ? 'booking-page confirmation card' : 'booking-page card'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">
        {what}
        {therapist && ` with ${therapist}`}
      </p>
      <p>
        <strong>
          {formatDateTime(booking.startsAt)} – {formatTime(booking.endsAt)}
        </strong>{' '}
        ({zoneName(localTimeZone())}, your time)
      </p>
      {(place || booking.room) && (
        <p>
          {[place && `At ${place.name}, ${place.address}`, booking.room?.name]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      <p>Price: {formatMoney(booking.priceCents)}</p>
      <p>
        <span className={`badge badge-${booking.status}`}>{STATUS_LABEL[booking.status]}</span>
      </p>
      {cancellation && <p className="booking-reason">{cancellation}</p>}
      {booking.status === 'rescheduled' && booking.rescheduledToId && (
        <p>
          This session moved.{' '}
          <a href={href(`bookings/${booking.rescheduledToId}`)}>See the new time</a>
        </p>
      )}
      {booking.status === 'confirmed' && booking.screening === 'pending-review' && (
        <div className="notice notice-warning">
          <p>{pendingReviewSentence(booking.screeningDeadline)}</p>
        </div>
      )}
      {fresh && (
        <p>
          {just === 'moved'
            ? `We sent the new time to ${user.email}, with an update for your calendar.`
            : confirmationSentence(user.email)}
        </p>
      )}
      {booking.notes && <p>Your note: “{booking.notes}”</p>}
      {policy && booking.status === 'confirmed' && (
        <p className="policy">{policySentence(policy)}</p>
      )}
      <Status message={message} />
      <BookingActions
        booking={booking}
        onCancelled={(late) => {
          setMessage(
            late
              ? 'Booking cancelled. It was inside the notice period, so it counts as a late cancellation.'
              : 'Booking cancelled. The time is free again.',
          );
          data.reload();
        }}
      >
        <button
          type="button"
          className="secondary"
          onClick={() =>
            downloadIcs({
              uid: calendarUid,
              startsAt: booking.startsAt,
              endsAt: booking.endsAt,
              title: `${what}${therapist ? ` with ${therapist}` : ''}`,
              location: place ? `${place.name}, ${place.address}` : undefined,
              description: 'Booked with Unknot.',
            })
          }
        >
          Add to calendar
        </button>
      </BookingActions>
      <p>
        <a href={href('bookings')}>All my bookings</a>
      </p>
    </section>
  );
}
