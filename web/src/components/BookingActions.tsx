import type { ReactNode } from 'react';
import { answer, client, type Schemas } from '../api/client';
import { useAction } from '../hooks';
import { cancelQuestion, insideNotice, usePolicy } from '../policy';
import { href } from '../router';
import { ConfirmButton } from './ConfirmButton';
import { ErrorNotice } from './Notices';

type Booking = Schemas['BookingResponse'];

/** "Change time" (until the notice period) and "Cancel booking" for a confirmed booking. */
export function BookingActions({
  booking,
  onCancelled,
  children,
}: {
  booking: Booking;
  onCancelled: (late: boolean) => void;
  /** Other actions first in the row (the booking page's "Add to calendar"). */
  children?: ReactNode;
}) {
  const action = useAction();
  const policy = usePolicy();
  if (booking.status !== 'confirmed') return <ErrorNotice error={action.error} />;
  const movable = policy !== undefined && !insideNotice(booking.startsAt, policy);
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
  return (
    <>
      <ErrorNotice error={action.error} />
      <div className="actions">
        {children}
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
      {policy && !movable && (
        <p className="hint">It is too close to the session to change its time online.</p>
      )}
    </>
  );
}
