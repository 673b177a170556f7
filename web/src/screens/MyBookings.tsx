import { useState } from 'react';
import { api, query } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { Empty, ErrorNotice, Loading, Status } from '../components/Notices';
import { Pager, usePager } from '../components/Pager';
import { formatDateTime, formatMoney, formatTime, humanize } from '../format';
import { useAction, useResource } from '../hooks';
import { href } from '../router';
import type { Booking, Page, PublicTherapist } from '../types';

const PAGE = 20;

const STATUS_LABEL: Record<Booking['status'], string> = {
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  'no-show': 'Missed',
};

/** The client's upcoming bookings, with the therapists' names, and cancelling. */
export function MyBookings() {
  const pager = usePager();
  const [message, setMessage] = useState('');
  const bookings = useResource(async () => {
    const page = await api.get<Page<Booking>>(
      `/bookings${query({ from: new Date().toISOString(), limit: PAGE, cursor: pager.cursor })}`,
    );
    const ids = [...new Set(page.items.map((b) => b.therapistId))];
    const therapists = await Promise.all(
      ids.map((id) => api.get<PublicTherapist>(`/therapists/${id}`).catch(() => null)),
    );
    const names = new Map(therapists.flatMap((t) => (t ? [[t.id, t.name] as const] : [])));
    return { ...page, names };
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
            therapist={bookings.data?.names.get(booking.therapistId) ?? 'Your therapist'}
            onCancelled={(late) => {
              setMessage(
                late
                  ? 'Booking cancelled. It was less than a day before the session, so it counts as a late cancellation.'
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

function BookingCard({
  booking,
  therapist,
  onCancelled,
}: {
  booking: Booking;
  therapist: string;
  onCancelled: (late: boolean) => void;
}) {
  const action = useAction();
  const cancel = () =>
    action.run(async () => {
      const cancelled = await api.post<Booking>(`/bookings/${booking.id}/cancel`);
      onCancelled(cancelled.lateCancellation);
    });

  return (
    <li className={`card booking booking-${booking.status}`}>
      <h2>
        {formatDateTime(booking.startsAt)} – {formatTime(booking.endsAt)}
      </h2>
      <p>
        {humanize(booking.technique)} with {therapist} · {booking.durationMinutes} min ·{' '}
        {formatMoney(booking.priceCents)}
      </p>
      <p>
        <span className={`badge badge-${booking.status}`}>{STATUS_LABEL[booking.status]}</span>
      </p>
      <ErrorNotice error={action.error} />
      {booking.status === 'confirmed' && (
        <ConfirmButton
          label="Cancel booking"
          question="Cancel this booking?"
          confirmLabel="Yes, cancel it"
          busy={action.busy}
          onConfirm={cancel}
        />
      )}
    </li>
  );
}
