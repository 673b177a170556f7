import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { GateIntake } from './screening.rules.js';

export type LatestIntake = GateIntake & { id: string; expiresAt: Date };

/**
 * Serialises everything that reads or changes one client's screening (intakes, reviews, bookings,
 * waitlist offers, erasure). An erasure holds this lock too: a request that was already past
 * sign-in when the account was erased waits here, then finds the account gone and stops (401)
 * instead of booking or filing health data for it.
 */
export async function lockClientScreening(manager: EntityManager, clientId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `screening:${clientId}`,
  ]);
  const [account]: { erased: boolean }[] = await manager.query(
    `SELECT erased_at IS NOT NULL AS erased FROM users WHERE id = $1`,
    [clientId],
  );
  if (!account || account.erased) {
    throw new AppError(ErrorCode.Unauthenticated, 'This account no longer exists.');
  }
}

/**
 * What the gate judges an intake by, its flags aggregated: one lean read inside every booking's
 * transaction, where loading the entity and then its flags' entities cost a query and a good
 * share of the app's CPU per booking.
 */
const GATE_INTAKE_COLUMNS = `i.id, i.expires_at, i.status, i.pregnant, i.clot_screened, i.answers,
  COALESCE((SELECT json_agg(json_build_object('code', f.code, 'status', f.status))
              FROM intake_flags f WHERE f.intake_id = i.id), '[]') AS flags`;

export const LATEST_INTAKE_SQL = `SELECT ${GATE_INTAKE_COLUMNS} FROM intakes i
  WHERE i.client_id = $1 AND i.expires_at > $2 ORDER BY i.created_at DESC, i.id DESC LIMIT 1`;

const INTAKE_BY_ID_SQL = `SELECT ${GATE_INTAKE_COLUMNS} FROM intakes i WHERE i.id = $1`;

interface GateIntakeRow {
  id: string;
  expires_at: Date;
  status: GateIntake['status'];
  pregnant: boolean;
  clot_screened: boolean;
  answers: GateIntake['answers'];
  flags: GateIntake['flags'];
}

function toLatestIntake(row: GateIntakeRow | undefined): LatestIntake | null {
  if (!row) return null;
  return {
    id: row.id,
    expiresAt: row.expires_at,
    status: row.status,
    pregnant: row.pregnant,
    clotScreened: row.clot_screened,
    answers: row.answers,
    flags: row.flags,
  };
}

/** The client's latest unexpired intake with its flags: the only one the gate judges a new booking by. */
export async function latestIntake(
  manager: EntityManager,
  clientId: string,
  now: Date,
): Promise<LatestIntake | null> {
  const [row]: GateIntakeRow[] = await manager.query(LATEST_INTAKE_SQL, [clientId, now]);
  return toLatestIntake(row);
}

/**
 * The intake a booking already made is re-judged by: the client's latest unexpired one, or else
 * the one the booking rests on, expired or not — an intake that expired before its clot risk was
 * reviewed clears nothing.
 */
export async function intakeForBooking(
  manager: EntityManager,
  latest: LatestIntake | null,
  bookingIntakeId: string | null,
): Promise<LatestIntake | null> {
  if (latest || !bookingIntakeId) return latest;
  const [row]: GateIntakeRow[] = await manager.query(INTAKE_BY_ID_SQL, [bookingIntakeId]);
  return toLatestIntake(row);
}
