// The statements a booking runs, in order, shared by BookingsService and the benchmark baseline
// (bench/baseline-server.mjs loads the compiled file). Plain strings: no Nest, no TypeORM.
// The offering and the therapist are read through their owners' statements, re-exported here so
// the baseline finds the whole sequence in one place.
import { MINUTE_MS } from '../../common/time/duration.js';

export { LIVE_OFFERING_FOR_SHARE_SQL, LIVE_OFFERING_SQL } from '../offerings/offering.sql.js';
export {
  LOCK_THERAPIST_FOR_SHARE_SQL,
  THERAPIST_BOOKING_FACTS_SQL,
} from '../therapists/qualification.sql.js';

/**
 * The exclusion constraint is the last word on overlaps. ON CONFLICT DO NOTHING makes the insert
 * speculative: it waits for a racing, uncommitted overlap to commit or roll back before it writes
 * its own index entry, so racers never wait on each other's entries and cannot deadlock (a plain
 * INSERT did, each cycle costing deadlock_timeout; bench/results/candidate-fixes.md). Only the
 * exclusion constraint can conflict here (the id is generated), so no row means a racer won.
 * Parameters: insertBookingParams.
 */
export const INSERT_BOOKING_SQL = `INSERT INTO bookings (client_id, therapist_id, offering_id, technique_slug, starts_at, ends_at,
                      occupied_until, price_cents, notes, intake_id, rescheduled_from_id, series_id,
                      location_id, room_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
  ON CONFLICT DO NOTHING
  RETURNING *`;

/** What a booking copies from its offering: technique, length, buffer and price. */
export interface BookedOffering {
  id: string;
  technique_slug: string;
  duration_minutes: number;
  buffer_minutes: number;
  price_cents: number;
}

/** The parameters of INSERT_BOOKING_SQL, in order; `startsAt` in epoch milliseconds. */
export function insertBookingParams(booking: {
  clientId: string;
  therapistId: string;
  offering: BookedOffering;
  startsAt: number;
  notes: string | null;
  intakeId: string | null;
  /** A reschedule: the booking replaced, and the first of its chain (one calendar event). */
  replaces?: { id: string; seriesId: string | null };
  /** Where it happens, and the room it takes there (none without rooms to manage). */
  locationId?: string | null;
  roomId?: string | null;
}): unknown[] {
  const { offering, startsAt } = booking;
  const endsAt = startsAt + offering.duration_minutes * MINUTE_MS;
  return [
    booking.clientId,
    booking.therapistId,
    offering.id,
    offering.technique_slug,
    new Date(startsAt),
    new Date(endsAt),
    new Date(endsAt + offering.buffer_minutes * MINUTE_MS),
    offering.price_cents,
    booking.notes,
    booking.intakeId,
    booking.replaces?.id ?? null,
    booking.replaces ? (booking.replaces.seriesId ?? booking.replaces.id) : null,
    booking.locationId ?? null,
    booking.roomId ?? null,
  ];
}

/**
 * What the messages about bookings say, for the bookings $1 (uuid[]): the session, both parties'
 * names and addresses, and the time zones they read times in. Joins the users, therapists,
 * offerings and notification preferences for speed; the notifications module renders the rest.
 */
export const BOOKING_NOTICE_FACTS_SQL = `SELECT b.id, b.client_id, b.therapist_id, b.technique_slug, b.starts_at, b.ends_at,
         b.occupied_until, b.series_id, previous.starts_at AS previous_starts_at,
         b.status, b.canceller_role, b.late_cancellation, o.name AS offering_name,
         o.duration_minutes, c.name AS client_name, c.email AS client_email,
         cp.timezone AS client_timezone, cp.reminders AS client_reminders,
         tu.name AS therapist_name, tu.email AS therapist_email, t.timezone AS therapist_timezone
    FROM bookings b
    JOIN offerings o ON o.id = b.offering_id
    JOIN users c ON c.id = b.client_id
    LEFT JOIN notification_preferences cp ON cp.user_id = b.client_id
    JOIN therapists t ON t.id = b.therapist_id
    JOIN users tu ON tu.id = b.therapist_id
    LEFT JOIN bookings previous ON previous.id = b.rescheduled_from_id
   WHERE b.id = ANY($1::uuid[])
   ORDER BY b.starts_at, b.id`;

/** The job queue of reminders; each job names the booking and the start it reminds of. */
export const REMINDER_QUEUE = 'booking-reminder';

/**
 * Room $room's live sessions (holds included) meeting [$from, $to), as JSON epoch-ms pairs
 * `[[start, occupied until]…]`, read by overlap through the room's exclusion constraint's index.
 * The locations module's calendars embed it by name, beside the equipment claims they own.
 */
export const roomBusyJsonSql = (room: string, from: string, to: string) =>
  `coalesce((SELECT json_agg(json_build_array(round(date_part('epoch', b.starts_at) * 1000),
                                              round(date_part('epoch', b.occupied_until) * 1000)))
               FROM bookings b
              WHERE b.room_id = ${room} AND b.status NOT IN ('cancelled', 'rescheduled')
                AND tstzrange(b.starts_at, b.occupied_until, '[)') && tstzrange(${from}, ${to}, '[)')),
            '[]')`;

/**
 * A location's sessions by room ($1 location, $2–$3 the window): live ones (holds included, as
 * they take the room), for the admin's day view. The locations module runs it by name.
 */
export const ROOM_SESSIONS_SQL = `SELECT b.room_id, b.id, b.starts_at, b.ends_at, b.status, b.therapist_id,
         u.name AS therapist_name, o.name AS session_name
    FROM bookings b
    JOIN users u ON u.id = b.therapist_id
    JOIN offerings o ON o.id = b.offering_id
   WHERE b.location_id = $1 AND b.room_id IS NOT NULL
     AND b.status NOT IN ('cancelled', 'rescheduled')
     AND b.starts_at < $3 AND b.occupied_until > $2
   ORDER BY b.starts_at, b.id`;

/** Whether therapist $1 has a live booking (or hold) meeting [$2, $3): a failed insert's cause. */
export const THERAPIST_TAKEN_SQL = `SELECT EXISTS (
    SELECT 1 FROM bookings
     WHERE therapist_id = $1 AND status NOT IN ('cancelled', 'rescheduled')
       AND starts_at < $3 AND occupied_until > $2) AS taken`;
