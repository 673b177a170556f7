// The offerings statements other modules run on their hot paths (booking, slots, matching), and
// the benchmark baseline with them.
import type { TechniqueSlug } from '../intake/intake.types.js';
import type { OfferingRequirements } from './offering.entity.js';
import { qualifiedForSql, validCertificationSql } from '../therapists/qualification.sql.js';

/** What a booking or a slot search needs of a bookable (not archived) offering. */
export interface LiveOfferingRow {
  id: string;
  technique_slug: TechniqueSlug;
  duration_minutes: number;
  buffer_minutes: number;
  price_cents: number;
  /** What a session needs at a location that manages rooms or equipment. */
  requires: OfferingRequirements;
}

const LIVE_OFFERING = `SELECT id, technique_slug, duration_minutes, buffer_minutes, price_cents, requires
  FROM offerings WHERE id = $1 AND archived_at IS NULL`;

export const LIVE_OFFERING_SQL = LIVE_OFFERING;

/**
 * The same row, locked against archiving or editing until the transaction ends. One statement is
 * safe here: after waiting for a concurrent change, FOR SHARE re-checks `archived_at IS NULL` on
 * the row's newest version (and returns that version), so an offering archived meanwhile is gone.
 */
export const LIVE_OFFERING_FOR_SHARE_SQL = `${LIVE_OFFERING} FOR SHARE`;

/**
 * Techniques the menu offers now with a therapist qualified for them today — prenatal-certified
 * too when $1 (the client is pregnant).
 */
export const MENU_TECHNIQUES_SQL = `SELECT DISTINCT o.technique_slug FROM offerings o
        WHERE o.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM therapists t
                       WHERE ${qualifiedForSql('t.id', 'o.technique_slug')}
                         AND (NOT $1 OR ${validCertificationSql('t.id', `'prenatal'`)}))`;

/** Per technique of $1, its shortest live offering (the one matches show slots for). */
export const SHORTEST_LIVE_OFFERINGS_SQL = `SELECT DISTINCT ON (technique_slug) id, technique_slug, duration_minutes, buffer_minutes,
                  requires
           FROM offerings WHERE archived_at IS NULL AND technique_slug = ANY($1::text[])
          ORDER BY technique_slug, duration_minutes, price_cents, id`;
