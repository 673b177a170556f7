// The offerings statements a booking's hot path shares with the benchmark baseline.
import type { TechniqueSlug } from '../intake/intake.types.js';

/** What a booking or a slot search needs of a bookable (not archived) offering. */
export interface LiveOfferingRow {
  id: string;
  technique_slug: TechniqueSlug;
  duration_minutes: number;
  buffer_minutes: number;
  price_cents: number;
}

const LIVE_OFFERING = `SELECT id, technique_slug, duration_minutes, buffer_minutes, price_cents
  FROM offerings WHERE id = $1 AND archived_at IS NULL`;

export const LIVE_OFFERING_SQL = LIVE_OFFERING;

/**
 * The same row, locked against archiving or editing until the transaction ends. One statement is
 * safe here: after waiting for a concurrent change, FOR SHARE re-checks `archived_at IS NULL` on
 * the row's newest version (and returns that version), so an offering archived meanwhile is gone.
 */
export const LIVE_OFFERING_FOR_SHARE_SQL = `${LIVE_OFFERING} FOR SHARE`;
