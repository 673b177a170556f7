import type { EntityManager } from 'typeorm';
import { certifiedThroughSql } from '../therapists/qualification.sql.js';
import { endOfDay } from '../therapists/qualification.rules.js';
import { IntakeFlag } from './intake-flag.entity.js';
import { Intake } from './intake.entity.js';
import type { GateIntake } from './screening.rules.js';

export type LatestIntake = GateIntake & { id: string; expiresAt: Date };

/** Serialises everything that reads or changes one client's screening (intakes, reviews, bookings). */
export async function lockClientScreening(manager: EntityManager, clientId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `screening:${clientId}`,
  ]);
}

/** The client's latest unexpired intake with its flags: the only one the gate ever judges. */
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
  if (!intake) return null;
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

/**
 * Whether the therapist holds a verified prenatal certification through `endsAt`. Takes the
 * therapist row FOR SHARE: a revocation (FOR UPDATE) is then either fully before or after.
 */
export async function prenatalCertifiedThrough(
  manager: EntityManager,
  therapistId: string,
  endsAt: Date,
): Promise<boolean> {
  const [row]: { through: string | null }[] = await manager.query(
    `SELECT ${certifiedThroughSql('t.id', `'prenatal'`)} AS through
       FROM therapists t WHERE t.id = $1 FOR SHARE`,
    [therapistId],
  );
  return row?.through != null && endOfDay(row.through) >= endsAt.getTime();
}
