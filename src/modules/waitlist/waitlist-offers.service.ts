import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import { AppConfig } from '../../config/app-config.js';
import { BookingLedger } from '../bookings/booking-ledger.service.js';
import { BookingWriter } from '../bookings/booking-writer.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { Outbox } from '../notifications/outbox.service.js';
import { locatedSlotStarts } from '../schedules/resource.rules.js';
import { SlotsService } from '../schedules/slots.service.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { FREED_TIME_QUEUE, freedTimeJob, type FreedTime } from './freed-time.js';
import {
  CANDIDATE_ENTRIES_SQL,
  type CandidateEntry,
  INSERT_OFFER_SQL,
  OFFER_NOTICE_FACTS_SQL,
  type OfferNoticeFacts,
  OVERDUE_OFFERS_SQL,
  PAST_OFFER_STARTS_SQL,
} from './waitlist.sql.js';

/** The job that ends an offer nobody claimed in time. */
export const OFFER_EXPIRY_QUEUE = 'waitlist-offer-expiry';
/** Expires offers whose job was lost (every five minutes and at start-up). */
const SWEEP_QUEUE = 'waitlist-sweep';
/** Entries looked at per freed time: the rest wait for the next freed time. */
const CANDIDATES_PER_RUN = 20;
/** Starts tried per entry before moving to the next one. */
const STARTS_PER_ENTRY = 3;

/**
 * Offers freed time to the waitlist. For each freed time (a job, see freed-time.ts) the entries
 * that could use it are taken longest-waiting first; the first start that suits an entry is
 * booked for its client by BookingWriter — every booking rule, the latest intake's gate and the
 * therapist's qualification on that date included — and turned into a hold, so a client who may
 * not book it is skipped, and the exclusion constraint keeps any other booking (or offer) off it.
 * The client is emailed; the hold lapses after WAITLIST_HOLD_MINUTES and passes on.
 */
@Injectable()
export class WaitlistOffers implements OnModuleInit {
  private readonly logger = new Logger('Waitlist');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BookingWriter,
    private readonly ledger: BookingLedger,
    private readonly therapists: TherapistsService,
    private readonly slots: SlotsService,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<FreedTime>(FREED_TIME_QUEUE, (freed) => this.offerFreedTime(freed));
    this.jobs.handle<{ offerId: string }>(OFFER_EXPIRY_QUEUE, (job) => this.expire(job.offerId));
    this.jobs.handle(SWEEP_QUEUE, () => this.sweep(), { cron: '*/5 * * * *', atStartUp: {} });
  }

  /**
   * Offers what became free in [from, to) of one therapist's time: each candidate entry in its
   * own short transaction, so no run holds many clients' locks at once.
   */
  async offerFreedTime(freed: FreedTime): Promise<void> {
    const from = Date.parse(freed.from);
    const to = Date.parse(freed.to);
    if (to <= Date.now()) return;
    const entries: CandidateEntry[] = await this.dataSource.query(CANDIDATE_ENTRIES_SQL, [
      freed.therapistId,
      new Date(from),
      new Date(to),
      new Date(),
      CANDIDATES_PER_RUN,
    ]);
    for (const entry of entries) {
      await this.dataSource.transaction((manager) =>
        this.offerTo(manager, entry, freed.therapistId, from, to, new Date()),
      );
    }
  }

  private async offerTo(
    manager: EntityManager,
    entry: CandidateEntry,
    therapistId: string,
    freedFrom: number,
    freedTo: number,
    now: Date,
  ): Promise<void> {
    // A booking's locks in its order, then the entry (as a claim takes them): is it still
    // waiting, holding nothing? It may have been served or left since it was read.
    await this.writer.lockForBooking(manager, entry.offering_id, [therapistId], entry.client_id);
    const [waiting] = await manager.query(
      `SELECT 1 FROM waitlist_entries e
        WHERE e.id = $1 AND e.fulfilled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM bookings h WHERE h.waitlist_entry_id = e.id)
        FOR UPDATE`,
      [entry.id],
    );
    if (!waiting) return;
    const starts = await this.startsFor(manager, entry, therapistId, freedFrom, freedTo, now);
    for (const start of starts) {
      await manager.query('SAVEPOINT waitlist_offer');
      try {
        const booking = await this.writer.book(
          manager,
          entry.client_id,
          { therapistId, offeringId: entry.offering_id, startsAt: new Date(start).toISOString() },
          now,
        );
        const expiresAt = new Date(now.getTime() + this.config.waitlistHoldMinutes * MINUTE_MS);
        await this.ledger.makeHold(manager, booking.id, entry.id);
        const [{ id }]: { id: string }[] = await manager.query(INSERT_OFFER_SQL, [
          entry.id,
          therapistId,
          booking.startsAt,
          booking.endsAt,
          expiresAt,
          booking.id,
        ]);
        await this.tell(manager, id, expiresAt);
        await manager.query('RELEASE SAVEPOINT waitlist_offer');
        return;
      } catch (error) {
        // A client who may not book this (the gate, a qualification, the time just taken):
        // skipped, and nothing of the attempt stays.
        await manager.query('ROLLBACK TO SAVEPOINT waitlist_offer');
        if (!(error instanceof AppError) && !isConstraintRefusal(error)) throw error;
      }
    }
  }

  /**
   * The first starts (at most STARTS_PER_ENTRY) at which the entry's offering fits the therapist
   * inside the entry's window and overlapping the freed time, by the one free-slot rule, leaving
   * out times this entry was already offered and let pass.
   */
  private async startsFor(
    manager: EntityManager,
    entry: CandidateEntry,
    therapistId: string,
    freedFrom: number,
    freedTo: number,
    now: Date,
  ): Promise<number[]> {
    const length = (entry.duration_minutes + entry.buffer_minutes) * MINUTE_MS;
    // The whole session inside the client's window, and meeting the freed time.
    const from = Math.max(entry.window_from.getTime(), freedFrom - length, now.getTime());
    const to = Math.min(
      entry.window_to.getTime() - entry.duration_minutes * MINUTE_MS + 1,
      freedTo,
    );
    if (to <= from) return [];
    const therapist = await this.therapists.bookingFacts(manager, therapistId, entry.technique);
    const query = await this.slots.slotQuery(
      manager,
      {
        therapistId,
        timezone: therapist.timezone,
        durationMinutes: entry.duration_minutes,
        bufferMinutes: entry.buffer_minutes,
        bookableUntil: qualifiedUntil(therapist, entry.technique === 'prenatal'),
      },
      from,
      to,
      now.getTime(),
    );
    const passed: { starts_at: Date }[] = await manager.query(PAST_OFFER_STARTS_SQL, [
      entry.id,
      therapistId,
    ]);
    const refused = new Set(passed.map((row) => row.starts_at.getTime()));
    const located = await this.slots.locate(manager, query, therapist.location_id, entry.requires);
    return locatedSlotStarts(located)
      .filter((start) => start + length > freedFrom && !refused.has(start))
      .slice(0, STARTS_PER_ENTRY);
  }

  /** The offer's email to its client, and the job that ends it when the hold lapses. */
  private async tell(manager: EntityManager, offerId: string, expiresAt: Date): Promise<void> {
    const [facts]: OfferNoticeFacts[] = await manager.query(OFFER_NOTICE_FACTS_SQL, [offerId]);
    await this.outbox.enqueue(
      manager,
      [
        {
          kind: 'waitlist.offer',
          recipientId: facts.client_id,
          recipientEmail: facts.client_email,
          payload: {
            recipientName: facts.client_name,
            offerId,
            sessionName:
              facts.technique_slug === 'prenatal' ? 'Massage session' : facts.offering_name,
            therapistId: facts.therapist_id,
            therapistName: facts.therapist_name,
            startsAt: facts.starts_at.toISOString(),
            endsAt: facts.ends_at.toISOString(),
            expiresAt: expiresAt.toISOString(),
            clientTimezone: facts.client_timezone,
            therapistTimezone: facts.therapist_timezone,
          },
        },
      ],
      [{ queue: OFFER_EXPIRY_QUEUE, data: { offerId }, startAfter: expiresAt }],
    );
  }

  /**
   * Ends an open offer whose hold lapsed: the time is freed and offered on. Run on every instance
   * alike: the row lock and the status decide that one of them does it.
   */
  async expire(offerId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [offer]: { status: string; expires_at: Date }[] = await manager.query(
        `SELECT status, expires_at FROM waitlist_offers WHERE id = $1 FOR UPDATE`,
        [offerId],
      );
      if (offer?.status !== 'open') return;
      if (offer.expires_at.getTime() > Date.now()) {
        await this.jobs.sendMany(manager, [
          { queue: OFFER_EXPIRY_QUEUE, data: { offerId }, startAfter: offer.expires_at },
        ]);
        return;
      }
      await this.close(manager, offerId, 'expired');
    });
  }

  /**
   * Ends an offer if it is still open (declined, expired, withdrawn): its hold is deleted and the
   * time it held is offered on, by a job written in the same transaction. False when it had ended
   * already (claimed, or closed by a concurrent change).
   */
  async close(
    manager: EntityManager,
    offerId: string,
    status: 'declined' | 'expired' | 'withdrawn',
  ): Promise<boolean> {
    const [closed]: { hold_id: string | null }[] = await manager.query(
      `SELECT hold_id FROM waitlist_offers WHERE id = $1 AND status = 'open' FOR UPDATE`,
      [offerId],
    );
    if (!closed) return false;
    await manager.query(
      `UPDATE waitlist_offers SET status = $2, hold_id = NULL, closed_at = now() WHERE id = $1`,
      [offerId, status],
    );
    const freed = closed.hold_id ? await this.ledger.releaseHold(manager, closed.hold_id) : null;
    if (freed) {
      await this.jobs.sendMany(manager, [
        freedTimeJob(freed.therapistId, freed.startsAt, freed.occupiedUntil),
      ]);
    }
    return true;
  }

  /** Offers still open after their expiry (their job was lost). */
  private async sweep(): Promise<void> {
    const overdue: { id: string }[] = await this.dataSource.query(OVERDUE_OFFERS_SQL);
    if (overdue.length > 0) this.logger.warn(`Expiring ${overdue.length} overdue offer(s)`);
    for (const { id } of overdue) await this.expire(id);
  }
}

/**
 * An exclusion, unique or foreign-key refusal: the time or the entry was taken by a concurrent
 * offer, or the entry left meanwhile.
 */
function isConstraintRefusal(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } }).driverError?.code;
  return code === '23P01' || code === '23505' || code === '23503';
}
