import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { BookingScreening, BookingScreeningRequest } from '../bookings/screening-policy.js';
import { Intake } from './intake.entity.js';
import { latestIntake, lockClientScreening, prenatalCertifiedThrough } from './screening-facts.js';
import { gateRefusal, GateRefusalCode, isPrenatal } from './screening.rules.js';

export const GATE_ERROR: Record<GateRefusalCode, ErrorCode> = {
  INTAKE_BLOCKED: ErrorCode.IntakeBlocked,
  TECHNIQUE_CONTRAINDICATED: ErrorCode.TechniqueContraindicated,
  PRENATAL_SCREENING_REQUIRED: ErrorCode.PrenatalScreeningRequired,
  CLOT_REVIEW_PENDING: ErrorCode.ClotReviewPending,
  THERAPIST_NOT_QUALIFIED: ErrorCode.TherapistNotQualified,
};

/**
 * The screening gate of API.md, run inside the booking transaction under the client's screening
 * lock, so a concurrent intake or flag decision is either fully before or fully after it. It
 * judges the client's latest unexpired intake only, whatever intake the request names.
 */
@Injectable()
export class ScreeningService implements BookingScreening {
  async screen(
    manager: EntityManager,
    request: BookingScreeningRequest,
  ): Promise<{ intakeId: string | null }> {
    const { clientId, technique, now } = request;
    await lockClientScreening(manager, clientId);
    const latest = await latestIntake(manager, clientId, now);
    if (request.intakeId && request.intakeId !== latest?.id) {
      const named = await manager.findOneBy(Intake, { id: request.intakeId, clientId });
      if (!named) throw new NotFoundError(ErrorCode.IntakeNotFound, 'The intake');
      if (latest) {
        throw new AppError(
          ErrorCode.IntakeSuperseded,
          'A newer check-in replaced this one; bookings follow your latest check-in.',
        );
      }
      throw new AppError(
        ErrorCode.IntakeExpired,
        'This intake has expired; please fill in a new one.',
      );
    }
    const prenatalCertified =
      !isPrenatal(latest, technique) ||
      (await prenatalCertifiedThrough(manager, request.therapistId, request.endsAt));
    const refusal = gateRefusal(latest, { technique, prenatalCertified });
    if (refusal) throw new AppError(GATE_ERROR[refusal.code], refusal.detail);
    return { intakeId: latest?.id ?? null };
  }
}
