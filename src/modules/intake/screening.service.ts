import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { BookingScreening, BookingScreeningRequest } from '../bookings/screening-policy.js';
import { validCertificationSql } from '../therapists/qualification.sql.js';
import { Intake } from './intake.entity.js';
import { lockClientScreening } from './intake.service.js';
import { contraindicationFor } from './intake.rules.js';

/**
 * The screening gate of API.md, run inside the booking transaction under the client's screening
 * lock, so a concurrent intake or flag decision is either fully before or fully after it.
 */
@Injectable()
export class ScreeningService implements BookingScreening {
  async screen(
    manager: EntityManager,
    request: BookingScreeningRequest,
  ): Promise<{ intakeId: string | null }> {
    const { clientId, technique, now } = request;
    await lockClientScreening(manager, clientId);
    const latest = await manager
      .createQueryBuilder(Intake, 'i')
      .where('i.client_id = :clientId AND i.expires_at > :now', { clientId, now })
      .orderBy('i.created_at', 'DESC')
      .getOne();
    let intake = latest;
    if (request.intakeId) {
      intake = await manager.findOneBy(Intake, { id: request.intakeId, clientId });
      if (!intake) throw new NotFoundError(ErrorCode.IntakeNotFound, 'The intake');
      if (intake.expiresAt <= now) {
        throw new AppError(
          ErrorCode.IntakeExpired,
          'This intake has expired; please fill in a new one.',
        );
      }
    }

    if (latest?.status === 'blocked' || intake?.status === 'blocked') {
      throw new AppError(
        ErrorCode.IntakeBlocked,
        'Your screening found symptoms that need a doctor first: please call your primary care provider before booking a massage.',
      );
    }
    if (intake) {
      const contraindication = contraindicationFor(intake.answers, technique);
      if (contraindication) {
        throw new AppError(ErrorCode.TechniqueContraindicated, contraindication.reasons.join(' '));
      }
    }
    const prenatal = technique === 'prenatal' || intake?.pregnant === true;
    if (prenatal && !intake?.clotScreened) {
      throw new AppError(
        ErrorCode.PrenatalScreeningRequired,
        'A prenatal booking needs a current intake with the pregnancy and blood-clot questions answered.',
      );
    }
    if (intake) {
      const [{ pending }] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM intake_flags
                         WHERE intake_id = $1 AND code = 'CLOT_RISK' AND status IN ('open', 'rejected')) AS pending`,
        [intake.id],
      );
      if (pending) {
        throw new AppError(
          ErrorCode.ClotReviewPending,
          'Your answers suggest a risk of blood clots, which must never be massaged: a clinician must review your intake before you can book.',
        );
      }
    }
    if (prenatal) {
      const [{ certified }] = await manager.query(
        `SELECT ${validCertificationSql('$1::uuid', `'prenatal'`)} AS certified`,
        [request.therapistId],
      );
      if (!certified) {
        throw new AppError(
          ErrorCode.TherapistNotQualified,
          'A prenatal booking needs a therapist with a verified prenatal certification.',
        );
      }
    }
    return { intakeId: intake?.id ?? null };
  }
}
