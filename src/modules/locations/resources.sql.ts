// A location's resource calendars: its rooms (their sessions, from the bookings module's
// roomBusyJsonSql) and equipment units (this module's claims, booking_units), read for slots and
// for booking.
import { roomBusyJsonSql } from '../bookings/booking.sql.js';

/** Epoch milliseconds of a timestamptz, as the slot rules count time. */
const epochMs = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;

/**
 * Each calendar is read by overlap through its exclusion constraint's GiST index, as a
 * therapist's is (slot-facts.sql.ts): the window's sessions only, not the room's whole history.
 * One round trip answers everything a session needs at location $1:
 * - what it manages: rooms when it has any, equipment when it has any units (a location with no
 *   rooms books as if it had none to manage, no room is taken; likewise for equipment), on every
 *   row — and on a lone row of NULLs when nothing below matches;
 * - its rooms with every feature of $4 (text[]), plainest first (fewest features, so a plain
 *   session leaves the special rooms free), and its units of the kinds $5 (text[]), each with its
 *   live sessions' [start, occupied until) meeting [$2, $3), as epoch-ms pairs.
 */
export const RESOURCE_CALENDARS_SQL = `
  WITH manages AS (
    SELECT EXISTS (SELECT 1 FROM rooms WHERE location_id = $1) AS rooms,
           EXISTS (SELECT 1 FROM equipment_units WHERE location_id = $1) AS equipment)
  SELECT m.rooms AS manages_rooms, m.equipment AS manages_equipment,
         c.type, c.id, c.name, c.kind, c.busy
    FROM manages m
    LEFT JOIN (
      SELECT 'room' AS type, r.id, r.name, NULL AS kind,
             ${roomBusyJsonSql('r.id', '$2', '$3')} AS busy,
             cardinality(r.features) AS plainness
        FROM rooms r
       WHERE r.location_id = $1 AND r.features @> $4::text[]
      UNION ALL
      SELECT 'unit', u.id, u.name, u.kind,
             coalesce((SELECT json_agg(json_build_array(${epochMs('c.starts_at')}, ${epochMs('c.occupied_until')}))
                         FROM booking_units c
                        WHERE c.unit_id = u.id AND c.live
                          AND tstzrange(c.starts_at, c.occupied_until, '[)') && tstzrange($2, $3, '[)')),
                      '[]'),
             0
        FROM equipment_units u
       WHERE u.location_id = $1 AND u.kind = ANY($5::text[])) c ON true
   ORDER BY c.type, c.plainness, c.name, c.id`;

export interface ResourceRow {
  manages_rooms: boolean;
  manages_equipment: boolean;
  /** Null on the lone row of a location where nothing matches. */
  type: 'room' | 'unit' | null;
  id: string;
  name: string;
  kind: string | null;
  busy: [number, number][];
}

/**
 * Claims unit $2 for booking $1 over [$3, $4); nothing when a live claim of the unit overlaps
 * (EXC_booking_units_no_overlap decides, waiting for a concurrent claim to commit or roll back).
 */
export const CLAIM_UNIT_SQL = `INSERT INTO booking_units (booking_id, unit_id, starts_at, occupied_until)
  VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING unit_id`;
