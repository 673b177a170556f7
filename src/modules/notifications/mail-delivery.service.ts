import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.service.js';
import { messageIdOf } from './mail-address.js';
import { MailTransport } from './mail-transport.service.js';
import { renderMessage } from './message-renderer.js';
import type { OutboxMessage } from './outbox-message.entity.js';
import { CLAIM_MESSAGE_SQL, MAIL_QUEUE, type OutboxRow } from './outbox.sql.js';

/** Messages one instance claims per poll of the queue (sent concurrently over the SMTP pool). */
const BATCH_SIZE = 10;

/**
 * Works the `mail` queue: one job per outbox message (the job's id is the message's). Each
 * attempt first claims the row — a committed `queued → sending` update — so however many
 * instances see the job, one sends it; a claim whose instance died is taken over after the lease.
 * A failed attempt puts the row back to `queued` and pg-boss retries it with exponential backoff;
 * after the last retry the row is `failed`, for admins to see.
 */
@Injectable()
export class MailDelivery implements OnModuleInit {
  private readonly logger = new Logger('Mail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const { retryLimit, retryDelaySeconds } = this.config.mail;
    this.jobs.handle<{ messageId: string }>(
      MAIL_QUEUE,
      (job, attempt) => this.deliver(job.messageId, attempt),
      { batchSize: BATCH_SIZE, retryLimit, retryDelaySeconds, expireInSeconds: 60 },
    );
  }

  async deliver(messageId: string, attempt: JobAttempt): Promise<void> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [OutboxRow[], number] = await this.dataSource.query(CLAIM_MESSAGE_SQL, [
      messageId,
    ]);
    if (!row) return; // Sent, failed, or being sent by another instance.
    const message = toMessage(row);
    try {
      const rendered = await renderMessage(message, {
        spaName: this.config.spaName,
        from: this.config.mail.from,
        publicUrl: this.config.publicUrl ?? `http://localhost:${this.config.port}`,
      });
      await this.transport.send({
        ...rendered,
        to: message.recipientEmail,
        messageId: messageIdOf(message.id, this.config.mail.from),
      });
    } catch (error) {
      const last = attempt.retryCount >= attempt.retryLimit;
      const reason = failureOf(error);
      await this.dataSource.query(
        `UPDATE outbox_messages SET status = $2, last_error = $3, claimed_at = NULL, updated_at = now()
          WHERE id = $1 AND status = 'sending'`,
        [message.id, last ? 'failed' : 'queued', reason],
      );
      if (last) this.logger.warn(`Message ${message.id} failed for good: ${reason}`);
      if (!last) throw error;
      return;
    }
    await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
        WHERE id = $1`,
      [message.id],
    );
  }
}

/** What an admin may read about a failure: the SMTP reply or the error's kind, short. */
function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return 'Unknown error';
  const { responseCode, response, code } = error as {
    responseCode?: number;
    response?: string;
    code?: string;
  };
  // nodemailer's `response` is the server's reply line, code first ("451 Mailbox busy").
  if (response) return response.slice(0, 500);
  const text = `${error.name}${code ? ` ${code}` : ''}`;
  return (responseCode ? `${responseCode} ${text}` : text).slice(0, 500);
}

function toMessage(
  row: OutboxRow,
): Pick<
  OutboxMessage,
  'id' | 'kind' | 'subject' | 'payload' | 'recipientEmail' | 'calendarUid' | 'calendarSequence'
> {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    payload: row.payload,
    recipientEmail: row.recipient_email,
    calendarUid: row.calendar_uid,
    calendarSequence: row.calendar_sequence,
  };
}
