import { useState } from 'react';
import { answer, asApiError, client } from './api/client';
import { useAction } from './hooks';
import { href, navigate } from './router';

/** Refusals after which the chosen time cannot be booked at all. */
const GONE = ['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'BOOKING_IN_PAST'];

/** One retry-safe key per booking attempt (crypto.randomUUID needs a secure context). */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * Booking the chosen time (or moving booking `move` to it), once however often it is retried,
 * then showing the booking's own page, which is the confirmation (a reload keeps it).
 */
export function useBookingAction(options: {
  therapistId: string;
  intakeId?: string;
  move?: string;
  /** The time can no longer be had: forget it and read the free times again. */
  onGone: () => void;
}) {
  const action = useAction();
  const [key, setKey] = useState(newIdempotencyKey);
  const book = (offeringId: string, startsAt: string, notes: string) =>
    action.run(async () => {
      const { therapistId, intakeId, move } = options;
      try {
        const body = { therapistId, offeringId, startsAt, intakeId };
        // A retry of this same choice (a lost answer, a double tap) books, or moves, once.
        const header = { 'idempotency-key': key };
        const booked = await answer(
          move
            ? client.POST('/api/v1/bookings/{id}/reschedule', {
                params: { header, path: { id: move } },
                body: { startsAt, offeringId },
              })
            : client.POST('/api/v1/bookings', {
                params: { header },
                body: notes.trim() ? { ...body, notes: notes.trim() } : body,
              }),
        );
        navigate(href(`bookings/${booked.id}`, { [move ? 'moved' : 'booked']: '1' }));
      } catch (error) {
        // The API answered: the next attempt is a new request. (A lost answer keeps its key.)
        const problem = asApiError(error);
        if (problem.status !== 0) setKey(newIdempotencyKey());
        if (GONE.includes(problem.code)) options.onGone();
        throw error;
      }
    });
  /** A new choice is a new attempt. */
  const restart = () => {
    setKey(newIdempotencyKey());
    action.clear();
  };
  return { ...action, book, restart };
}
