import { useState } from 'react';
import { answer, client } from '../api/client';
import type { operations } from '../api/schema';
import { BookingCard } from '../components/BookingCard';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { Pager, usePager } from '../components/Pager';
import { StatusTabs } from '../components/StatusTabs';
import { useResource } from '../hooks';
import { href } from '../router';

const PAGE = 20;

type Query = NonNullable<operations['BookingsController_list']['parameters']['query']>;

/** Upcoming, past and cancelled sessions are separate lists; a moved session shows at its new time. */
const VIEWS = {
  upcoming: {
    tab: 'Upcoming',
    query: (): Query => ({ status: 'confirmed', from: new Date().toISOString() }),
    empty: 'You have no upcoming sessions.',
  },
  past: {
    tab: 'Past',
    query: (): Query => ({ to: new Date().toISOString() }),
    empty: 'No past sessions yet.',
  },
  cancelled: {
    tab: 'Cancelled',
    query: (): Query => ({ status: 'cancelled' }),
    empty: 'Nothing cancelled.',
  },
};
export type BookingsView = keyof typeof VIEWS;
export const isBookingsView = (show: string | null): show is BookingsView =>
  show !== null && show in VIEWS;

/** The client's bookings by tab, with the therapists' names, why any was cancelled, and cancelling. */
export function MyBookings({ view = 'upcoming' }: { view?: BookingsView }) {
  const pager = usePager();
  const [message, setMessage] = useState('');
  const bookings = useResource(async () => {
    const page = await answer(
      client.GET('/api/v1/bookings', {
        params: { query: { ...VIEWS[view].query(), limit: PAGE, cursor: pager.cursor } },
      }),
    );
    if (view === 'past') {
      page.items = page.items.filter((b) => b.status !== 'cancelled' && b.status !== 'rescheduled');
    }
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
  }, [pager.cursor, view]);

  return (
    <section>
      <h1>My bookings</h1>
      <StatusTabs label="Which bookings" path="bookings" views={VIEWS} current={view} />
      <Status message={message} />
      {bookings.loading && !bookings.data && <Loading what="your bookings" />}
      <ErrorNotice error={bookings.error} />
      {bookings.data?.items.length === 0 && (
        <Empty>
          {VIEWS[view].empty} <a href={href('intake')}>Start a check-in</a> to find a therapist.
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
