import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BookingScreening, BookingScreeningRequest } from '../bookings/screening-policy.js';
import { Intake } from './intake.entity.js';
import { intakeErrors } from './intake.errors.js';
import { latestIntake, lockClientScreening } from './screening-facts.js';
import { gateRefusal } from './screening.rules.js';

/**
 * The screening gate (README, API section), run inside the booking transaction under the client's screening
 * lock, so a concurrent intake or flag decision is either fully before or fully after it. It
 * judges the client's latest unexpired intake only, whatever intake the request names.
 */
@Injectable()
export class ScreeningService implements BookingScreening {
  lockClient(manager: EntityManager, clientId: string): Promise<void> {
    return lockClientScreening(manager, clientId);
  }

  async screen(
    manager: EntityManager,
    request: BookingScreeningRequest,
  ): Promise<{ intakeId: string | null }> {
    const { clientId, technique, now } = request;
    await lockClientScreening(manager, clientId);
    const latest = await latestIntake(manager, clientId, now);
    if (request.intakeId && request.intakeId !== latest?.id) {
      const named = await manager.findOneBy(Intake, { id: request.intakeId, clientId });
      if (!named) throw intakeErrors.notFound();
      throw latest ? intakeErrors.supersededForBooking() : intakeErrors.expired();
    }
    const refusal = gateRefusal(latest, {
      technique,
      prenatalCertified: request.prenatalCertified,
    });
    if (refusal) throw intakeErrors.gateRefused(refusal);
    return { intakeId: latest?.id ?? null };
  }
}
