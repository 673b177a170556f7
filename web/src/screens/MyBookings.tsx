import { useState } from 'react';
import { answer, client } from '../api/client';
import { BookingCard } from '../components/BookingCard';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { Pager, usePager } from '../components/Pager';
import { useResource } from '../hooks';
import { href } from '../router';

const PAGE = 20;

/** The client's upcoming bookings, with the therapists' names, why any was cancelled, and cancelling. */
export function MyBookings() {
  const pager = usePager();
  const [message, setMessage] = useState('');
  const bookings = useResource(async () => {
    const page = await answer(
      client.GET('/api/v1/bookings', {
        params: { query: { from: new Date().toISOString(), limit: PAGE, cursor: pager.cursor } },
      }),
    );
    const ids = [...new Set(page.items.map((b) => b.therapistId))];
    const therapists = await Promise.all(
      ids.map((id) =>
        answer(client.GET('/api/v1/therapists/{id}', { params: { path: { id } } })).catch(
          () => null,
        ),
      ),
    );
    const names = new Map(therapists.flatMap((t) => (t ? [[t.id, t.name] as const] : [])));
    const located = page.items.some((b) => b.locationId);
    const locations = located ? await answer(client.GET('/api/v1/locations')) : [];
    const places = new Map(locations.map((l) => [l.id, l.name]));
    return { ...page, names, places };
  }, [pager.cursor]);

  return (
    <section>
      <h1>My bookings</h1>
      <Status message={message} />
      {bookings.loading && !bookings.data && <Loading what="your bookings" />}
      <ErrorNotice error={bookings.error} />
      {bookings.data?.items.length === 0 && (
        <Empty>
          You have no upcoming bookings. <a href={href('intake')}>Start a check-in</a> to find a
          therapist.
        </Empty>
      )}
      <ul className="booking-list">
        {bookings.data?.items.map((booking) => (
          <BookingCard
            key={booking.id}
            booking={booking}
            therapist={bookings.data?.names.get(booking.therapistId)}
            place={booking.locationId ? bookings.data?.places.get(booking.locationId) : undefined}
            onCancelled={(late) => {
              setMessage(
                late
                  ? 'Booking cancelled. It was inside the notice period, so it counts as a late cancellation.'
                  : 'Booking cancelled. The time is free again.',
              );
              bookings.reload();
            }}
          />
        ))}
      </ul>
      <Pager
        pager={pager}
        nextCursor={bookings.data?.nextCursor}
        backLabel="Earlier"
        forwardLabel="Later"
      />
    </section>
  );
}
