import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import type { QueuedJob } from '../jobs/job-insert.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import type { OutboxListQueryDto, OutboxMessageResponse } from './dto/notifications.dto.js';
import type { MessageDraft } from './notification.types.js';
import {
  INSERT_MESSAGES_SQL,
  mailJobs,
  outboxRows,
  type OutboxRow,
  SUPERSEDE_MESSAGES_SQL,
} from './outbox.sql.js';

/**
 * The outbox: every message is a row written in the transaction of the change that causes it,
 * with its delivery job beside it — a rolled-back change sends nothing, a committed one is never
 * lost. MailDelivery works the jobs.
 */
@Injectable()
export class Outbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Writes the messages and their delivery jobs inside the caller's transaction; `alongside`
   * are the caller's own jobs (a reminder), written in the same statement as the delivery jobs.
   */
  async enqueue(
    manager: EntityManager,
    drafts: readonly MessageDraft[],
    alongside: QueuedJob[] = [],
  ): Promise<void> {
    if (drafts.length === 0) return this.jobs.sendMany(manager, alongside);
    const written: { id: string }[] = await manager.query(INSERT_MESSAGES_SQL, [
      outboxRows(drafts, this.config.spaName),
    ]);
    await this.jobs.sendMany(manager, [...mailJobs(written), ...alongside]);
  }

  /** Marks the unsent confirmations and reminders of these bookings superseded (cancelled). */
  async supersede(manager: EntityManager, bookingIds: readonly string[]): Promise<void> {
    await manager.query(SUPERSEDE_MESSAGES_SQL, [bookingIds]);
  }

  /** Newest first; `status` narrows it (admins watch `failed`). */
  async list(query: OutboxListQueryDto): Promise<Page<OutboxMessageResponse>> {
    const before = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT * FROM outbox_messages
        WHERE ($1::text IS NULL OR status = $1 OR ($1 = 'queued' AND status = 'sending'))
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [query.status ?? null, before?.[0] ?? null, before?.[1] ?? null, query.limit + 1],
    );
    return toPage(rows, query.limit, toOutboxResponse, (row) => [
      row.created_at.toISOString(),
      row.id,
    ]);
  }
}

function toOutboxResponse(row: OutboxRow): OutboxMessageResponse {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient_email,
    subject: row.subject,
    // `sending` is a moment inside an attempt; to an admin the message is still on its way.
    status: row.status === 'sending' ? 'queued' : row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}
