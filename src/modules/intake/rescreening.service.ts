import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BookingLedger, LedgerBooking } from '../bookings/booking-ledger.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import type { AffectedBookingResponse } from './dto/intake.dto.js';
import type { TechniqueSlug } from './intake.types.js';
import { intakeForBooking, latestIntake, lockClientScreening } from './screening-facts.js';
import { isPrenatal, rescreen } from './screening.rules.js';

/** Re-screens a client's bookings when a kept booking's clot-review deadline passes. */
export const SCREENING_DEADLINE_QUEUE = 'screening-deadline';
/**
 * Every five minutes, and once when an instance starts: re-screens every client with a booking
 * whose review deadline has passed — a backstop for a deadline job that failed or was lost — and,
 * at start-up, every client with upcoming bookings (those made before this gate existed too).
 */
export const SCREENING_SWEEP_QUEUE = 'screening-sweep';

/**
 * Judges a client's upcoming bookings again — after a new intake, a flag decision, or a clot-review
 * deadline — in the caller's transaction, under the client's screening lock. A booking the gate
 * would now refuse is cancelled by the system; one that only waits for a clot review is kept as
 * `pending-review` until 24 hours before its start.
 */
@Injectable()
export class RescreeningService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: BookingLedger,
    private readonly jobs: JobQueue,
    private readonly therapists: TherapistsService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<{ clientId: string }>(
      SCREENING_DEADLINE_QUEUE,
      ({ clientId }) => this.rescreenInOwnTransaction(clientId),
      { policy: 'short' },
    );
    this.jobs.handle<{ all?: boolean }>(
      SCREENING_SWEEP_QUEUE,
      async ({ all }) => {
        const clients = await this.ledger.clientsToRescreen(this.dataSource.manager, all === true);
        for (const clientId of clients) await this.rescreenInOwnTransaction(clientId);
      },
      { cron: '*/5 * * * *', atStartUp: { all: true } },
    );
  }

  private async rescreenInOwnTransaction(clientId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockClientScreening(manager, clientId);
      await this.rescreenClient(manager, clientId);
    });
  }

  /** The caller holds the client's screening lock. Answers the bookings whose state changed. */
  async rescreenClient(
    manager: EntityManager,
    clientId: string,
  ): Promise<AffectedBookingResponse[]> {
    // The database's clock: the one that decides when a deadline job may start.
    const [{ now }]: { now: Date }[] = await manager.query(`SELECT now() AS now`);
    const latest = await latestIntake(manager, clientId, now);
    const bookings = await this.ledger.upcomingForClient(manager, clientId, now);
    const affected: AffectedBookingResponse[] = [];
    for (const booking of bookings) {
      const intake = await intakeForBooking(manager, latest, booking.intakeId);
      const technique = booking.technique as TechniqueSlug;
      const prenatalCertified =
        !isPrenatal(intake, technique) ||
        (await this.therapists.prenatalCertifiedThrough(
          manager,
          booking.therapistId,
          booking.endsAt,
        ));
      const verdict = rescreen(
        intake,
        { technique, prenatalCertified, startsAt: booking.startsAt.getTime() },
        now.getTime(),
      );
      if (verdict.action === 'cancel') {
        await this.ledger.cancelBySystem(manager, [booking.id], verdict.code);
        affected.push(affectedOf(booking, 'cancelled', 'clear', verdict.code));
        continue;
      }
      const deadline = verdict.action === 'await-review' ? new Date(verdict.deadline) : null;
      const screening = deadline ? 'pending-review' : 'clear';
      const intakeId = intake?.id ?? booking.intakeId;
      const unchanged =
        booking.screening === screening &&
        booking.screeningDeadline?.getTime() === deadline?.getTime() &&
        booking.intakeId === intakeId;
      // A kept booking is written only when what it rests on changed.
      if (unchanged) continue;
      if (deadline) {
        // One waiting job per booking and deadline, however often the booking is re-screened.
        await this.jobs.send(
          manager,
          SCREENING_DEADLINE_QUEUE,
          { clientId },
          deadline,
          `${booking.id}@${deadline.toISOString()}`,
        );
      }
      await this.ledger.setScreening(manager, booking.id, screening, deadline, intakeId);
      if (booking.screening !== screening) {
        affected.push(affectedOf(booking, 'confirmed', screening, null));
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
    screening,
    startsAt: booking.startsAt.toISOString(),
    technique: booking.technique,
  };
}
