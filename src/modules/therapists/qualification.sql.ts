/**
 * SQL for "this certification counts": verified by an admin and not past its last valid day (UTC).
 * The one definition used by listings, booking checks and matching.
 */
export const validCertificationSql = (therapistIdSql: string, kindSql: string) =>
  `EXISTS (SELECT 1 FROM certifications valid_cert
     WHERE valid_cert.therapist_id = ${therapistIdSql} AND valid_cert.kind = ${kindSql}
       AND valid_cert.status = 'verified'
       AND valid_cert.expires_on >= (now() AT TIME ZONE 'UTC')::date)`;

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
 * Every bookable therapist with their name, experience, time zone, the techniques of $1 they are
 * qualified for today and what those qualifications rest on: the candidates of a match.
 */
export const MATCH_CANDIDATES_SQL = `SELECT t.id, u.name, t.years_experience, t.timezone,
              ARRAY(SELECT tt.technique_slug FROM therapist_techniques tt
                     WHERE tt.therapist_id = t.id AND tt.technique_slug = ANY($1::text[])
                       AND ${qualifiedForSql('t.id', 'tt.technique_slug')}) AS techniques,
              ${validCertificationSql('t.id', `'prenatal'`)} AS prenatal,
              ${certifiedThroughSql('t.id', `'massage-license'`)} AS license_through,
              ${certifiedThroughSql('t.id', `'prenatal'`)} AS prenatal_through
         FROM therapists t JOIN users u ON u.id = t.id
        WHERE ${bookableSql('t.id')}`;
