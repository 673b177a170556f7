import type { Pool } from 'pg';

/**
 * An oracle for the gate, written apart from the app's rules: the upcoming live bookings that the
 * client's latest intake or the therapist's qualification on the session's date forbids now, each
 * with the reason. Race tests assert it is empty after the dust settles.
 */
export async function gateViolations(db: Pool): Promise<{ id: string; reason: string }[]> {
  const { rows } = await db.query(`
    SELECT b.id, b.technique_slug AS technique, b.screening, b.screening_deadline <= now() AS overdue,
           li.id IS NOT NULL AS has_intake, li.status AS intake_status,
           coalesce(li.pregnant, false) AS pregnant, coalesce(li.clot_screened, false) AS clot_screened,
           coalesce(li.answers->'clotScreening' @> '{"historyOfClots": true}'
                 OR li.answers->'clotScreening' @> '{"legSwellingOrPain": true}'
                 OR li.answers->'clotScreening' @> '{"clottingDisorder": true}'
                 OR li.answers->'clotScreening' @> '{"anticoagulants": true}'
                 OR li.answers->'clotScreening' @> '{"recentSurgeryOrBedRest": true}', false) AS clot_answer,
           EXISTS (SELECT 1 FROM intake_flags f WHERE f.intake_id = li.id AND f.code = 'CLOT_RISK'
                      AND f.status <> 'approved') AS clot_unreviewed,
           EXISTS (SELECT 1 FROM intake_flags f WHERE f.intake_id = li.id AND f.code = 'RED_FLAG_RETRACTED'
                      AND f.status <> 'approved') AS retraction_unreviewed,
           EXISTS (SELECT 1 FROM therapist_techniques tt
                    WHERE tt.therapist_id = b.therapist_id AND tt.technique_slug = b.technique_slug) AS offered,
           EXISTS (SELECT 1 FROM certifications c
                    WHERE c.therapist_id = b.therapist_id AND c.kind = 'massage-license' AND c.status = 'verified'
                      AND ((c.expires_on + 1)::timestamp AT TIME ZONE 'UTC') >= b.ends_at) AS licensed,
           EXISTS (SELECT 1 FROM certifications c
                    WHERE c.therapist_id = b.therapist_id AND c.kind = 'prenatal' AND c.status = 'verified'
                      AND ((c.expires_on + 1)::timestamp AT TIME ZONE 'UTC') >= b.ends_at) AS prenatal_certified
      FROM bookings b
      -- The client's latest unexpired intake, else the one the booking rests on, expired or not.
      LEFT JOIN LATERAL (
        SELECT * FROM (
          (SELECT i.*, 0 AS pick FROM intakes i WHERE i.client_id = b.client_id AND i.expires_at > now()
            ORDER BY i.created_at DESC, i.id DESC LIMIT 1)
          UNION ALL
          (SELECT own.*, 1 AS pick FROM intakes own WHERE own.id = b.intake_id)) candidates
         ORDER BY pick LIMIT 1) li ON true
     WHERE b.status IN ('confirmed', 'held') AND b.starts_at > now()`);
  const violations: { id: string; reason: string }[] = [];
  for (const row of rows) {
    const prenatal = row.technique === 'prenatal' || row.pregnant;
    const reasons = [
      (row.intake_status === 'blocked' || row.retraction_unreviewed) && 'intake blocked',
      (row.pregnant || row.clot_answer) &&
        ['deep-tissue', 'hot-stone'].includes(row.technique) &&
        'technique contraindicated',
      prenatal && !row.clot_screened && 'prenatal without clot screening',
      row.clot_unreviewed && row.screening === 'clear' && 'clot risk not reviewed',
      row.screening === 'pending-review' && row.overdue && 'clot review overdue',
      !row.offered && 'technique not in the profile',
      !row.licensed && 'no licence through the session',
      prenatal && !row.prenatal_certified && 'no prenatal certification through the session',
    ].filter((reason): reason is string => typeof reason === 'string');
    for (const reason of reasons) violations.push({ id: row.id, reason });
  }
  return violations;
}

/** Fires every request at once; answers their statuses, and fails loudly on any 5xx. */
export async function fireTogether(
  requests: (() => PromiseLike<{ status: number; body: { code?: string } }>)[],
): Promise<{ status: number; code?: string }[]> {
  const answers = await Promise.all(requests.map((send) => send()));
  const failures = answers.filter((answer) => answer.status >= 500);
  if (failures.length > 0) {
    throw new Error(`server errors in a race: ${JSON.stringify(failures.map((f) => f.body))}`);
  }
  return answers.map((answer) => ({ status: answer.status, code: answer.body?.code }));
}

/**
 * The change: on even rounds sent before the bookings, on odd rounds 5, 15 or 25 ms after them —
 * so it lands first, amid them or after them, and every interleaving gets tried.
 */
export const staggered =
  <T>(round: number, send: () => PromiseLike<T>) =>
  () =>
    round % 2 === 0
      ? send()
      : new Promise<T>((resolve, reject) =>
          setTimeout(() => Promise.resolve(send()).then(resolve, reject), 5 + (round % 3) * 10),
        );

/** Rounds per race; RACE_ROUNDS raises it for a longer hunt by hand. */
export const RACE_ROUNDS = Number(process.env.RACE_ROUNDS ?? 8);
export const BOOKINGS_PER_ROUND = 20;
