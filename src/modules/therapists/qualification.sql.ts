/** Today's date in UTC: a certification's last valid day is a UTC date. */
const TODAY_UTC_SQL = `(now() AT TIME ZONE 'UTC')::date`;

/**
 * SQL for "this certification counts": verified by an admin and not past its last valid day (UTC).
 * The one definition used by listings, booking checks and matching.
 */
export const validCertificationSql = (therapistIdSql: string, kindSql: string) =>
  `EXISTS (SELECT 1 FROM certifications valid_cert
     WHERE valid_cert.therapist_id = ${therapistIdSql} AND valid_cert.kind = ${kindSql}
       AND valid_cert.status = 'verified'
       AND valid_cert.expires_on >= ${TODAY_UTC_SQL})`;

/** Bookable at all: a valid massage-license. */
export const bookableSql = (therapistIdSql: string) =>
  validCertificationSql(therapistIdSql, `'massage-license'`);

/**
 * Qualified for a technique today: bookable, offers it in the profile, and for `prenatal` also
 * holds a valid prenatal certification. Whether that lasts until a session is certifiedThroughSql.
 */
export const qualifiedForSql = (therapistIdSql: string, techniqueSql: string) =>
  `(${bookableSql(therapistIdSql)}
    AND EXISTS (SELECT 1 FROM therapist_techniques profile_technique
                WHERE profile_technique.therapist_id = ${therapistIdSql}
                  AND profile_technique.technique_slug = ${techniqueSql})
    AND (${techniqueSql} <> 'prenatal' OR ${validCertificationSql(therapistIdSql, `'prenatal'`)}))`;

/**
 * The last day (UTC, as 'YYYY-MM-DD' text) through which a verified certification of `kind` holds,
 * or NULL. A renewal is a second verified row, so the latest expiry counts.
 */
export const certifiedThroughSql = (therapistIdSql: string, kindSql: string) =>
  `(SELECT to_char(max(through_cert.expires_on), 'YYYY-MM-DD') FROM certifications through_cert
     WHERE through_cert.therapist_id = ${therapistIdSql} AND through_cert.kind = ${kindSql}
       AND through_cert.status = 'verified')`;

/** The columns QualificationFacts reads, for a therapist and a technique. */
export const qualificationFactsSql = (therapistIdSql: string, techniqueSql: string) =>
  `${certifiedThroughSql(therapistIdSql, `'massage-license'`)} AS license_through,
   ${certifiedThroughSql(therapistIdSql, `'prenatal'`)} AS prenatal_through,
   EXISTS (SELECT 1 FROM therapist_techniques offered
            WHERE offered.therapist_id = ${therapistIdSql}
              AND offered.technique_slug = ${techniqueSql}) AS offers_technique`;

export interface QualificationFactsRow {
  license_through: string | null;
  prenatal_through: string | null;
  offers_technique: boolean;
}

/** Holds a therapist's row FOR SHARE: a profile change or a revocation waits for the booking. */
export const LOCK_THERAPIST_FOR_SHARE_SQL = `SELECT 1 FROM therapists WHERE id = $1 FOR SHARE`;

/** Holds it FOR UPDATE: a change to what bookings rest on (hours, time off) waits for them. */
export const LOCK_THERAPIST_FOR_UPDATE_SQL = `SELECT 1 FROM therapists WHERE id = $1 FOR UPDATE`;

/** The last day of the therapist's verified prenatal certification, as 'YYYY-MM-DD', or NULL. */
export const PRENATAL_THROUGH_SQL = `SELECT ${certifiedThroughSql('t.id', `'prenatal'`)} AS through
  FROM therapists t WHERE t.id = $1`;

/**
 * A therapist's time zone and what their qualification for a technique ($2) rests on. Run after
 * the lock, in its own statement: a statement that waited for a lock still reads with the
 * snapshot it took before waiting, and would miss the change it waited for.
 */
export const THERAPIST_BOOKING_FACTS_SQL = `SELECT t.timezone, t.location_id, ${qualificationFactsSql('t.id', '$2::text')}
  FROM therapists t WHERE t.id = $1`;

export interface TherapistBookingFactsRow extends QualificationFactsRow {
  timezone: string;
  /** The home location (weekly windows may name another). */
  location_id: string | null;
}

/**
 * Matching's candidates, a page at a time: for each technique $1[i], the therapists qualified for
 * it today (prenatal-certified too when $3, a pregnant client), most experienced first, then by
 * id, skipping the first $2[i] and keeping $4. In that order matching's score bound never rises,
 * so it reads only as far as its answer needs. IDX_therapists_experience serves the order and
 * every test is an index probe per therapist read (the certifications through a lateral, which
 * PostgreSQL cannot turn into a scan of the whole table as it may an EXISTS under OR), so a page
 * costs its own rows, not the table. A certification counts today when its latest verified
 * expiry is today or later: validCertificationSql's rule. `wanted` is the row's technique's
 * position in $1 (from 1). With $5 (a location), only therapists who work there: their home, or
 * a weekly window that names it.
 */
export const MATCH_CANDIDATES_SQL = `
  SELECT wanted.position AS wanted, page.id, u.name, page.years_experience, page.timezone,
         page.location_id,
         coalesce(page.prenatal_through >= ${TODAY_UTC_SQL}, false) AS prenatal,
         to_char(page.license_through, 'YYYY-MM-DD') AS license_through,
         to_char(page.prenatal_through, 'YYYY-MM-DD') AS prenatal_through
    FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS wanted(technique, skip, position)
   CROSS JOIN LATERAL (
         SELECT t.id, t.years_experience, t.timezone, t.location_id, held.license_through,
                held.prenatal_through
           FROM therapists t
          CROSS JOIN LATERAL (
                SELECT max(c.expires_on) FILTER (WHERE c.kind = 'massage-license') AS license_through,
                       max(c.expires_on) FILTER (WHERE c.kind = 'prenatal') AS prenatal_through
                  FROM certifications c
                 WHERE c.therapist_id = t.id AND c.status = 'verified') AS held
          WHERE held.license_through >= ${TODAY_UTC_SQL}
            AND EXISTS (SELECT 1 FROM therapist_techniques tt
                         WHERE tt.therapist_id = t.id AND tt.technique_slug = wanted.technique)
            AND (held.prenatal_through >= ${TODAY_UTC_SQL}
                 OR (wanted.technique <> 'prenatal' AND NOT $3::boolean))
            AND ($5::uuid IS NULL OR t.location_id = $5::uuid
                 OR EXISTS (SELECT 1 FROM availability_windows w
                             WHERE w.therapist_id = t.id AND w.location_id = $5::uuid))
          ORDER BY t.years_experience DESC, t.id
         OFFSET wanted.skip LIMIT $4) AS page
    JOIN users u ON u.id = page.id
   ORDER BY wanted.position, page.years_experience DESC, page.id`;

export interface MatchCandidateRow {
  wanted: string;
  id: string;
  name: string;
  years_experience: number;
  timezone: string;
  location_id: string | null;
  prenatal: boolean;
  license_through: string | null;
  prenatal_through: string | null;
}
