import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { IntakeFlag } from './intake-flag.entity.js';
import { Intake } from './intake.entity.js';
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

/** The client's latest unexpired intake with its flags: the only one the gate judges a new booking by. */
export async function latestIntake(
  manager: EntityManager,
  clientId: string,
  now: Date,
): Promise<LatestIntake | null> {
  const intake = await manager
    .createQueryBuilder(Intake, 'i')
    .where('i.client_id = :clientId AND i.expires_at > :now', { clientId, now })
    .orderBy('i.created_at', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .getOne();
  return intake ? withFlags(manager, intake) : null;
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
  const intake = await manager.findOneBy(Intake, { id: bookingIntakeId });
  return intake ? withFlags(manager, intake) : null;
}

async function withFlags(manager: EntityManager, intake: Intake): Promise<LatestIntake> {
  const flags = await manager.find(IntakeFlag, { where: { intakeId: intake.id } });
  return {
    id: intake.id,
    expiresAt: intake.expiresAt,
    status: intake.status,
    pregnant: intake.pregnant,
    clotScreened: intake.clotScreened,
    answers: intake.answers,
    flags: flags.map(({ code, status }) => ({ code, status })),
  };
}
