import { DAY_MS, HOUR_MS } from '../../common/time/duration.js';
import type { BookingRowStatus, BookingStatus } from './booking.entity.js';

export type BookingAction = 'cancel' | 'complete' | 'no-show';

const TARGET: Record<BookingAction, BookingStatus> = {
  cancel: 'cancelled',
  complete: 'completed',
  'no-show': 'no-show',
};

/**
 * The booking state machine: only a confirmed booking moves, and only once. A cancellation must
 * come before the start; completed and no-show only after it.
 */
export function transition(
  status: BookingRowStatus,
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

/**
 * Within the notice window (CANCELLATION_NOTICE_HOURS before the start): a client's cancellation
 * is allowed but marked late, and a client's reschedule is refused.
 */
export function isInsideNotice(startsAt: number, now: number, noticeHours: number): boolean {
  return startsAt - now < noticeHours * HOUR_MS;
}

/** A client's cancellation inside the notice window is allowed but marked late. */
export function isLateCancellation(
  byClient: boolean,
  startsAt: number,
  now: number,
  noticeHours: number,
): boolean {
  return byClient && isInsideNotice(startsAt, now, noticeHours);
}

/** The latest start a booking may have: `horizonDays` (BOOKING_HORIZON_DAYS) ahead of now. */
export function horizonEnd(now: number, horizonDays: number): number {
  return now + horizonDays * DAY_MS;
}
