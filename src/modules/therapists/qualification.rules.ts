import type { QualificationFactsRow } from './qualification.sql.js';
import { DAY_MS } from '../../common/time/duration.js';

/** The instant a certificate stops counting: the end (UTC) of its last valid day. */
export function endOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) + DAY_MS;
}

/**
 * Until when (epoch ms) a therapist may hold sessions of a technique: a session must END by then.
 * Null when not qualified at all: no verified licence, the technique not in the profile, or a
 * needed prenatal certification missing. Prenatal certification is needed for the `prenatal`
 * technique and for every session of a pregnant client.
 */
export function qualifiedUntil(
  facts: QualificationFactsRow,
  needsPrenatal: boolean,
): number | null {
  if (!facts.offers_technique || facts.license_through === null) return null;
  const licence = endOfDay(facts.license_through);
  if (!needsPrenatal) return licence;
  if (facts.prenatal_through === null) return null;
  return Math.min(licence, endOfDay(facts.prenatal_through));
}
