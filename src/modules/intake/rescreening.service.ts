import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BookingLedger, LedgerBooking } from '../bookings/booking-ledger.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import type { AffectedBookingResponse } from './dto/intake.dto.js';
import type { TechniqueSlug } from './intake.types.js';
import { latestIntake, lockClientScreening, prenatalCertifiedThrough } from './screening-facts.js';
import { isPrenatal, rescreen } from './screening.rules.js';

/** Re-screens a client's bookings when a kept booking's clot-review deadline passes. */
export const SCREENING_DEADLINE_QUEUE = 'screening-deadline';

/**
 * Judges a client's upcoming bookings again by their latest intake — after a new intake, a flag
 * decision, or a clot-review deadline — in the caller's transaction, under the client's screening
 * lock. A booking the gate would now refuse is cancelled by the system; one that only waits for a
 * clot review is kept as `pending-review` until 24 hours before its start.
 */
@Injectable()
export class RescreeningService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: BookingLedger,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<{ clientId: string }>(SCREENING_DEADLINE_QUEUE, ({ clientId }) =>
      this.dataSource.transaction(async (manager) => {
        await lockClientScreening(manager, clientId);
        await this.rescreenClient(manager, clientId);
      }),
    );
  }

  /** The caller holds the client's screening lock. Answers the bookings whose state changed. */
  async rescreenClient(
    manager: EntityManager,
    clientId: string,
  ): Promise<AffectedBookingResponse[]> {
    const now = new Date();
    const intake = await latestIntake(manager, clientId, now);
    const bookings = await this.ledger.upcomingForClient(manager, clientId, now);
    const affected: AffectedBookingResponse[] = [];
    for (const booking of bookings) {
      const technique = booking.technique as TechniqueSlug;
      const prenatalCertified =
        !isPrenatal(intake, technique) ||
        (await prenatalCertifiedThrough(manager, booking.therapistId, booking.endsAt));
      const verdict = rescreen(
        intake,
        { technique, prenatalCertified, startsAt: booking.startsAt.getTime() },
        now.getTime(),
      );
      if (verdict.action === 'cancel') {
        await this.ledger.cancelBySystem(manager, [booking.id], verdict.code);
        affected.push(affectedOf(booking, 'cancelled', 'clear', verdict.code));
      } else if (verdict.action === 'await-review') {
        const deadline = new Date(verdict.deadline);
        if (booking.screeningDeadline?.getTime() !== deadline.getTime()) {
          await this.jobs.send(manager, SCREENING_DEADLINE_QUEUE, { clientId }, deadline);
        }
        await this.ledger.setScreening(manager, booking.id, 'pending-review', deadline, intake!.id);
        if (booking.screening !== 'pending-review') {
          affected.push(affectedOf(booking, 'confirmed', 'pending-review', null));
        }
      } else {
        await this.ledger.setScreening(manager, booking.id, 'clear', null, intake?.id ?? null);
        if (booking.screening !== 'clear')
          affected.push(affectedOf(booking, 'confirmed', 'clear', null));
      }
    }
    return affected;
  }
}

function affectedOf(
  booking: LedgerBooking,
  status: AffectedBookingResponse['status'],
  screening: AffectedBookingResponse['screening'],
  cancellationCode: AffectedBookingResponse['cancellationCode'],
): AffectedBookingResponse {
  return {
    id: booking.id,
    status,
    cancellationCode,
    screening: status === 'cancelled' ? booking.screening : screening,
    startsAt: booking.startsAt.toISOString(),
    technique: booking.technique,
  };
}
