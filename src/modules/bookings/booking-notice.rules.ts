// What the messages about a booking say and to whom: pure, shared by BookingNotices and the
// benchmark baseline (which writes the same outbox rows in its booking transaction).
import { bookingEventUid } from '../notifications/invitation.rules.js';
import type { MessageDraft, SessionNotice } from '../notifications/notification.types.js';
import type { MessageKind } from '../notifications/outbox-message.entity.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import type { CancellerRole } from './booking.entity.js';
import { REMINDER_QUEUE } from './booking.sql.js';

export type SessionKind = Extract<
  MessageKind,
  | 'booking.confirmed'
  | 'booking.cancelled'
  | 'booking.completed'
  | 'booking.reminder'
  | 'booking.rescheduled'
>;

/** A row of BOOKING_NOTICE_FACTS_SQL. */
export interface NoticeFactsRow {
  id: string;
  client_id: string;
  therapist_id: string;
  technique_slug: string;
  starts_at: Date;
  ends_at: Date;
  occupied_until: Date;
  /** The first booking of its chain of reschedules (null: itself). */
  series_id: string | null;
  /** Where the session was before its last reschedule. */
  previous_starts_at: Date | null;
  status: string;
  canceller_role: CancellerRole | null;
  late_cancellation: boolean;
  offering_name: string;
  duration_minutes: number;
  client_name: string;
  client_email: string;
  client_timezone: string | null;
  client_reminders: boolean | null;
  therapist_name: string;
  therapist_email: string;
  therapist_timezone: string;
}

/** Techniques whose name says something about the client's health: messages say "Massage session". */
const SENSITIVE_TECHNIQUES = new Set(['prenatal']);

/** Who hears of each change: both parties of a booking or a cancellation, the client otherwise. */
const RECIPIENTS: Record<SessionKind, ('client' | 'therapist')[]> = {
  'booking.confirmed': ['client', 'therapist'],
  'booking.cancelled': ['client', 'therapist'],
  'booking.completed': ['client'],
  'booking.reminder': ['client'],
  'booking.rescheduled': ['client', 'therapist'],
};

/** The outbox drafts of one change of a booking. */
export function bookingDrafts(kind: SessionKind, row: NoticeFactsRow): MessageDraft[] {
  const carriesInvitation = kind !== 'booking.completed' && kind !== 'booking.reminder';
  return RECIPIENTS[kind].map((role) => ({
    kind,
    recipientId: role === 'client' ? row.client_id : row.therapist_id,
    recipientEmail: role === 'client' ? row.client_email : row.therapist_email,
    payload: noticeOf(row, role, kind),
    bookingId: row.id,
    // One calendar event follows the session through its reschedules: the series' UID.
    ...(carriesInvitation ? { calendarUid: bookingEventUid(row.series_id ?? row.id) } : {}),
  }));
}

/** The reminder job of a new booking, due `leadMinutes` before it; none when that has passed. */
export function reminderJob(row: NoticeFactsRow, leadMinutes: number, nowMs: number) {
  const remindAt = row.starts_at.getTime() - leadMinutes * MINUTE_MS;
  if (remindAt <= nowMs) return null;
  return {
    queue: REMINDER_QUEUE,
    data: { bookingId: row.id, startsAt: row.starts_at.toISOString() },
    startAfter: new Date(remindAt),
  };
}

function noticeOf(
  row: NoticeFactsRow,
  recipientRole: 'client' | 'therapist',
  kind: SessionKind,
): SessionNotice {
  return {
    bookingId: row.id,
    recipientRole,
    sessionName: SENSITIVE_TECHNIQUES.has(row.technique_slug)
      ? 'Massage session'
      : row.offering_name,
    durationMinutes: row.duration_minutes,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    client: { name: row.client_name, timezone: row.client_timezone },
    therapist: { name: row.therapist_name, timezone: row.therapist_timezone },
    ...(kind === 'booking.cancelled'
      ? {
          cancelledBy: row.canceller_role ?? 'system',
          lateCancellation: row.late_cancellation,
        }
      : {}),
    ...(kind === 'booking.rescheduled' && row.previous_starts_at
      ? { previousStartsAt: row.previous_starts_at.toISOString() }
      : {}),
  };
}
