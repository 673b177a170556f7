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
 * Qualified for a technique: bookable, offers it in the profile, and for `prenatal` also holds a
 * valid prenatal certification.
 */
export const qualifiedForSql = (therapistIdSql: string, techniqueSql: string) =>
  `(${bookableSql(therapistIdSql)}
    AND EXISTS (SELECT 1 FROM therapist_techniques profile_technique
                WHERE profile_technique.therapist_id = ${therapistIdSql}
                  AND profile_technique.technique_slug = ${techniqueSql})
    AND (${techniqueSql} <> 'prenatal' OR ${validCertificationSql(therapistIdSql, `'prenatal'`)}))`;
