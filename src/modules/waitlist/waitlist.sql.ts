// The waitlist's statements. Holds are rows of `bookings` (status 'held', naming their entry),
// written and deleted through BookingLedger; these only read them.
import type { OfferingRequirements } from '../offerings/offering.entity.js';
import { qualifiedForSql } from '../therapists/qualification.sql.js';

/** An entry that might use a freed time, with its offering. */
export interface CandidateEntry {
  id: string;
  client_id: string;
  offering_id: string;
  technique: string;
  duration_minutes: number;
  buffer_minutes: number;
  requires: OfferingRequirements;
  window_from: Date;
  window_to: Date;
}

/**
 * Entries that could use time freed on therapist $1 in [$2, $3), longest waiting first: still
 * waiting, holding no offer now, for a live offering the therapist may give, wanting this
 * therapist or any, with a window that meets the freed time (a session may start before it) and
 * the future ($4 now). At most $5.
 */
export const CANDIDATE_ENTRIES_SQL = `SELECT e.id, e.client_id, e.offering_id, o.technique_slug AS technique, o.duration_minutes,
         o.buffer_minutes, o.requires, e.window_from, e.window_to
    FROM waitlist_entries e
    JOIN offerings o ON o.id = e.offering_id AND o.archived_at IS NULL
   WHERE e.fulfilled_at IS NULL
     AND (e.therapist_id = $1::uuid OR e.therapist_id IS NULL)
     AND e.window_from < $3::timestamptz
     AND e.window_to > greatest($2::timestamptz - make_interval(mins => o.duration_minutes + o.buffer_minutes),
                                $4::timestamptz)
     AND NOT EXISTS (SELECT 1 FROM bookings h WHERE h.waitlist_entry_id = e.id)
     AND ${qualifiedForSql('$1::uuid', 'o.technique_slug')}
   ORDER BY e.created_at, e.id
   LIMIT $5`;

/** Starts this entry ($1) was offered with therapist $2 and let pass (not to be offered again). */
export const PAST_OFFER_STARTS_SQL = `SELECT starts_at FROM waitlist_offers
   WHERE entry_id = $1 AND therapist_id = $2 AND status IN ('declined', 'expired', 'withdrawn')`;

/** $1 entry, $2 therapist, $3 start, $4 end, $5 expiry, $6 the hold. */
export const INSERT_OFFER_SQL = `INSERT INTO waitlist_offers (entry_id, therapist_id, starts_at, ends_at, expires_at, hold_id)
  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;

/** What an offer's email says: the client, the session and the therapist ($1 offer). */
export interface OfferNoticeFacts {
  client_id: string;
  client_email: string;
  client_name: string;
  client_timezone: string | null;
  technique_slug: string;
  offering_name: string;
  therapist_id: string;
  therapist_name: string;
  therapist_timezone: string;
  starts_at: Date;
  ends_at: Date;
}

export const OFFER_NOTICE_FACTS_SQL = `SELECT e.client_id, c.email AS client_email, c.name AS client_name, cp.timezone AS client_timezone,
         o.technique_slug, o.name AS offering_name, w.therapist_id, tu.name AS therapist_name,
         t.timezone AS therapist_timezone, w.starts_at, w.ends_at
    FROM waitlist_offers w
    JOIN waitlist_entries e ON e.id = w.entry_id
    JOIN users c ON c.id = e.client_id
    LEFT JOIN notification_preferences cp ON cp.user_id = e.client_id
    JOIN offerings o ON o.id = e.offering_id
    JOIN therapists t ON t.id = w.therapist_id
    JOIN users tu ON tu.id = w.therapist_id
   WHERE w.id = $1`;

/** Open offers past their expiry by a minute: their expiry job was lost. */
export const OVERDUE_OFFERS_SQL = `SELECT id FROM waitlist_offers
   WHERE status = 'open' AND expires_at < now() - interval '1 minute'`;
