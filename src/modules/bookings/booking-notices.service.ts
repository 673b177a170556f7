import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { Outbox } from '../notifications/outbox.service.js';
import { bookingDrafts, reminderJob, type NoticeFactsRow } from './booking-notice.rules.js';
import { freedTimeJob } from '../waitlist/freed-time.js';
import { BOOKING_NOTICE_FACTS_SQL, REMINDER_QUEUE } from './booking.sql.js';

/**
 * What a change to bookings sets off, written in the transaction of the change: what bookings
 * tell people (to the outbox) — a confirmation (and a reminder job for later), a move, a
 * cancellation by anyone, the system included, thanks after the session — and, for time that came
 * free, a job for the waitlist. The reminder job checks, when it falls due, that the booking is
 * still confirmed at the same start and that the client still wants reminders.
 */
@Injectable()
export class BookingNotices implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<{ bookingId: string; startsAt: string }>(REMINDER_QUEUE, (job) =>
      this.remind(job.bookingId, job.startsAt),
    );
  }

  /** A new booking: both parties are told; a reminder is scheduled when there is time for one. */
  async confirmed(manager: EntityManager, bookingId: string, now: Date): Promise<void> {
    const [facts] = await this.facts(manager, [bookingId]);
    if (!facts) return;
    const reminder = reminderJob(facts, this.config.reminderLeadMinutes, now.getTime());
    await this.outbox.enqueue(
      manager,
      bookingDrafts('booking.confirmed', facts),
      reminder ? [reminder] : [],
    );
  }

  /**
   * Cancelled or completed bookings, already updated in this transaction. `notTo`: a party who
   * is not told (an account being erased).
   */
  async changed(
    manager: EntityManager,
    kind: 'booking.cancelled' | 'booking.completed',
    bookingIds: readonly string[],
    notTo?: string,
  ): Promise<void> {
    if (bookingIds.length === 0) return;
    // A confirmation or reminder still waiting would arrive after the cancellation: drop it.
    if (kind === 'booking.cancelled') await this.outbox.supersede(manager, bookingIds);
    const facts = await this.facts(manager, bookingIds);
    await this.outbox.enqueue(
      manager,
      facts
        .flatMap((row) => bookingDrafts(kind, row))
        .filter((draft) => draft.recipientId !== notTo),
      kind === 'booking.cancelled' ? facts.map(freedBy) : [],
    );
  }

  /**
   * A booking moved (`from` is now rescheduled, `to` booked): both parties get the new time with
   * an invitation update of the same event; the old time goes to the waitlist; the old booking's
   * unsent confirmation and reminder are dropped, the new one's reminder scheduled.
   */
  async rescheduled(manager: EntityManager, from: string, to: string, now: Date): Promise<void> {
    await this.outbox.supersede(manager, [from]);
    const [[old], [moved]] = await Promise.all([
      this.facts(manager, [from]),
      this.facts(manager, [to]),
    ]);
    const reminder = reminderJob(moved, this.config.reminderLeadMinutes, now.getTime());
    await this.outbox.enqueue(manager, bookingDrafts('booking.rescheduled', moved), [
      freedBy(old),
      ...(reminder ? [reminder] : []),
    ]);
  }

  /** The reminder job: sent once, and only for a booking still confirmed at the start it names. */
  private async remind(bookingId: string, startsAt: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // FOR SHARE: a cancellation waits for this reminder's outbox row, or this sees it cancelled.
      const [live]: { id: string }[] = await manager.query(
        `SELECT id FROM bookings WHERE id = $1 AND status = 'confirmed' AND starts_at = $2
            AND starts_at > now() FOR SHARE`,
        [bookingId, startsAt],
      );
      if (!live) return;
      const [facts] = await this.facts(manager, [bookingId]);
      if (!facts || facts.client_reminders === false) return;
      await this.outbox.enqueue(
        manager,
        bookingDrafts('booking.reminder', facts).map((draft) => ({
          ...draft,
          dedupeKey: `reminder:${bookingId}:${startsAt}`,
        })),
      );
    });
  }

  private facts(manager: EntityManager, ids: readonly string[]): Promise<NoticeFactsRow[]> {
    return manager.query(BOOKING_NOTICE_FACTS_SQL, [ids]);
  }
}

/** The time a booking no longer holds, for the waitlist (its buffer included). */
const freedBy = (row: NoticeFactsRow) =>
  freedTimeJob(row.therapist_id, row.starts_at, row.occupied_until);
