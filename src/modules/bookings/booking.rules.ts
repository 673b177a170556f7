import { DAY_MS } from '../../common/time/duration.js';
import type { BookingStatus } from './booking.entity.js';

export type BookingAction = 'cancel' | 'complete' | 'no-show';

const TARGET: Record<BookingAction, BookingStatus> = {
  cancel: 'cancelled',
  complete: 'completed',
  'no-show': 'no-show',
};

export const LATE_CANCELLATION_MS = DAY_MS;

/**
 * The booking state machine: only a confirmed booking moves, and only once. A cancellation must
 * come before the start; completed and no-show only after it.
 */
export function transition(
  status: BookingStatus,
  action: BookingAction,
  startsAt: number,
  now: number,
):
  | { ok: true; status: BookingStatus }
  | { ok: false; reason: 'invalid' | 'not-started' | 'started' } {
  if (status !== 'confirmed') return { ok: false, reason: 'invalid' };
  if (action === 'cancel' && now >= startsAt) return { ok: false, reason: 'started' };
  if (action !== 'cancel' && now < startsAt) return { ok: false, reason: 'not-started' };
  return { ok: true, status: TARGET[action] };
}

/** A client's cancellation within 24 hours of the start is allowed but marked late. */
export function isLateCancellation(byClient: boolean, startsAt: number, now: number): boolean {
  return byClient && startsAt - now < LATE_CANCELLATION_MS;
}

/** The latest start a booking may have: `horizonDays` (BOOKING_HORIZON_DAYS) ahead of now. */
export function horizonEnd(now: number, horizonDays: number): number {
  return now + horizonDays * DAY_MS;
}
