import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { MINUTE_MS } from '../../common/time/duration.js';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { bookingEventUid } from '../notifications/invitation.rules.js';
import type { MessageDraft, SessionNotice } from '../notifications/notification.types.js';
import type { MessageKind } from '../notifications/outbox-message.entity.js';
import { Outbox } from '../notifications/outbox.service.js';
import type { CancellerRole } from './booking.entity.js';
import { BOOKING_NOTICE_FACTS_SQL, REMINDER_QUEUE } from './booking.sql.js';

type SessionKind = Extract<
  MessageKind,
  'booking.confirmed' | 'booking.cancelled' | 'booking.completed' | 'booking.reminder'
>;

interface NoticeFactsRow {
  id: string;
  client_id: string;
  therapist_id: string;
  technique_slug: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  canceller_role: CancellerRole | null;
  late_cancellation: boolean;
  offering_name: string;
  duration_minutes: number;
  client_name: string;
  client_email: string;
  client_timezone: string | null;
  client_reminders: boolean | null;
  therapist_name: string;
  therapist_email: string;
  therapist_timezone: string;
}

/** Techniques whose name says something about the client's health: messages say "Massage session". */
const SENSITIVE_TECHNIQUES = new Set(['prenatal']);

/** Who hears of each change: both parties of a booking or a cancellation, the client otherwise. */
const RECIPIENTS: Record<SessionKind, ('client' | 'therapist')[]> = {
  'booking.confirmed': ['client', 'therapist'],
  'booking.cancelled': ['client', 'therapist'],
  'booking.completed': ['client'],
  'booking.reminder': ['client'],
};

/**
 * What bookings tell people, written to the outbox in the transaction of the change: a
 * confirmation (and a reminder job for later), a cancellation by anyone — the system included —,
 * thanks after the session. The reminder job checks, when it falls due, that the booking is still
 * confirmed at the same start and that the client still wants reminders.
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
    await this.outbox.enqueue(manager, this.drafts('booking.confirmed', facts));
    const remindAt = facts.starts_at.getTime() - this.config.reminderLeadMinutes * MINUTE_MS;
    if (remindAt > now.getTime()) {
      await this.jobs.sendMany(manager, [
        {
          queue: REMINDER_QUEUE,
          data: { bookingId, startsAt: facts.starts_at.toISOString() },
          startAfter: new Date(remindAt),
        },
      ]);
    }
  }

  /** Cancelled or completed bookings, already updated in this transaction. */
  async changed(
    manager: EntityManager,
    kind: 'booking.cancelled' | 'booking.completed',
    bookingIds: readonly string[],
  ): Promise<void> {
    if (bookingIds.length === 0) return;
    const facts = await this.facts(manager, bookingIds);
    await this.outbox.enqueue(
      manager,
      facts.flatMap((row) => this.drafts(kind, row)),
    );
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
        this.drafts('booking.reminder', facts).map((draft) => ({
          ...draft,
          dedupeKey: `reminder:${bookingId}:${startsAt}`,
        })),
      );
    });
  }

  private facts(manager: EntityManager, ids: readonly string[]): Promise<NoticeFactsRow[]> {
    return manager.query(BOOKING_NOTICE_FACTS_SQL, [ids]);
  }

  private drafts(kind: SessionKind, row: NoticeFactsRow): MessageDraft[] {
    const carriesInvitation = kind === 'booking.confirmed' || kind === 'booking.cancelled';
    return RECIPIENTS[kind].map((role) => ({
      kind,
      recipientId: role === 'client' ? row.client_id : row.therapist_id,
      recipientEmail: role === 'client' ? row.client_email : row.therapist_email,
      payload: noticeOf(row, role, kind),
      ...(carriesInvitation ? { calendarUid: bookingEventUid(row.id) } : {}),
    }));
  }
}

function noticeOf(
  row: NoticeFactsRow,
  recipientRole: 'client' | 'therapist',
  kind: SessionKind,
): SessionNotice {
  return {
    bookingId: row.id,
    recipientRole,
    sessionName: SENSITIVE_TECHNIQUES.has(row.technique_slug)
      ? 'Massage session'
      : row.offering_name,
    durationMinutes: row.duration_minutes,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    client: { name: row.client_name, timezone: row.client_timezone },
    therapist: { name: row.therapist_name, timezone: row.therapist_timezone },
    ...(kind === 'booking.cancelled'
      ? {
          cancelledBy: row.canceller_role ?? 'system',
          lateCancellation: row.late_cancellation,
        }
      : {}),
  };
}
