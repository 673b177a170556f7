// Plain SQL and its row reader with no Nest imports, so the benchmark's raw baseline and its
// EXPLAIN can load the compiled file and run exactly what the app runs.
import { minuteToClock } from '../../common/time/clock.js';
import type { Interval, WeeklyWindow } from './availability.rules.js';

/** A timestamptz as epoch milliseconds (a float8 that pg reads with parseFloat, not as a Date). */
const epochMs = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;

/** `[[starts…], [ends…]]`, aligned: both aggregates read the same rows in the same order. */
const intervalsJson = (start: string, end: string) =>
  `json_build_array(json_agg(${epochMs(start)}), json_agg(${epochMs(end)}))`;

/**
 * One round trip for any number of therapists: per therapist, its weekly windows, time off and
 * live bookings (with buffers) meeting [from, horizon), each aggregated to JSON. Aggregating in
 * PostgreSQL and reading JSON.parse'd arrays costs the app about a tenth of the CPU of reading
 * one row (and two Dates) per booking — matching reads 200 therapists' fortnights (bench/README.md).
 * The busy intervals are found as the overlap the exclusion constraint's GiST index answers, so
 * only the window's bookings are read, not every booking the therapist ever had.
 */
export const SLOT_FACTS_SQL = `
  SELECT t.id AS therapist_id,
         (SELECT json_agg(json_build_array(w.weekday, w.start_minute, w.end_minute, w.location_id))
            FROM availability_windows w WHERE w.therapist_id = t.id) AS windows,
         (SELECT ${intervalsJson('o.starts_at', 'o.ends_at')}
            FROM time_off o
           WHERE o.therapist_id = t.id AND o.starts_at < $3 AND o.ends_at > $2) AS time_off,
         (SELECT ${intervalsJson('b.starts_at', 'b.occupied_until')}
            FROM bookings b
           WHERE b.therapist_id = t.id AND b.status NOT IN ('cancelled', 'rescheduled')
             AND tstzrange(b.starts_at, b.occupied_until, '[)') && tstzrange($2, $3, '[)')) AS busy
    FROM unnest($1::uuid[]) AS t(id)`;

/** A row of SLOT_FACTS_SQL, as pg hands it over (json columns already parsed). */
export interface SlotFactsRow {
  therapist_id: string;
  windows: [number, number, number, string | null][] | null;
  time_off: [number[] | null, number[] | null];
  busy: [number[] | null, number[] | null];
}

export interface SlotFacts {
  windows: WeeklyWindow[];
  timeOff: Interval[];
  busy: Interval[];
}

function toIntervals([starts, ends]: [number[] | null, number[] | null]): Interval[] {
  return (starts ?? []).map((start, i) => ({ start, end: ends![i] }));
}

/** One therapist's windows, time off and busy intervals, in the slot rules' terms. */
export function readSlotFacts(row: SlotFactsRow): SlotFacts {
  return {
    windows: (row.windows ?? []).map(([weekday, start, end, locationId]) => ({
      weekday,
      start: minuteToClock(start),
      end: minuteToClock(end),
      locationId,
    })),
    timeOff: toIntervals(row.time_off),
    busy: toIntervals(row.busy),
  };
}
