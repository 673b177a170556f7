import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { messageIdOf } from './mail-address.js';
import { MailTransport } from './mail-transport.service.js';
import { renderMessage } from './message-renderer.js';
import type { OutboxMessage } from './outbox-message.entity.js';
import {
  CLAIM_MESSAGE_SQL,
  MAIL_QUEUE,
  mailJobs,
  type OutboxRow,
  STRANDED_MESSAGES_SQL,
} from './outbox.sql.js';

/** Messages one instance claims per poll of the queue (sent concurrently over the SMTP pool). */
const BATCH_SIZE = 10;
/** One send's time limit, whatever the server does (a trickling reply defeats socket timeouts). */
const SEND_TIMEOUT_MS = 30_000;
/** A job running longer than this is taken as lost by pg-boss: a batch's sends end well before. */
const JOB_EXPIRY_SECONDS = 300;
/** The queue that finds messages whose job was lost. */
const SWEEP_QUEUE = 'mail-sweep';

type InFlight = { controller: AbortController; done: Promise<void> };

/**
 * Works the `mail` queue: one job per outbox message. Each attempt first claims the row under a
 * fresh token — a committed `queued → sending` update — so however many instances (or repeated
 * jobs) see the message, one sends it, and only that claim's owner records the outcome. A failed
 * attempt puts the row back to `queued` and pg-boss retries it with exponential backoff; after
 * MAIL_RETRY_LIMIT retries (counted on the row), or a permanent refusal (5xx), it is `failed`.
 * A sweep re-sends the jobs of messages stranded by a dead instance. On shutdown, sends still in
 * flight after the queue's graceful wait are aborted and their messages released to `queued`.
 */
@Injectable()
export class MailDelivery implements OnModuleInit {
  private readonly logger = new Logger('Mail');
  private readonly inFlight = new Map<string, InFlight>();
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const { retryLimit, retryDelaySeconds } = this.config.mail;
    this.jobs.handle<{ messageId: string }>(MAIL_QUEUE, (job) => this.deliver(job.messageId), {
      batchSize: BATCH_SIZE,
      // The row counts attempts; pg-boss retries once more than it, so the row decides the end.
      retryLimit: retryLimit + 1,
      retryDelaySeconds,
      expireInSeconds: JOB_EXPIRY_SECONDS,
    });
    this.jobs.handle(SWEEP_QUEUE, () => this.sweep(), { cron: '*/5 * * * *', atStartUp: {} });
    this.jobs.onStop(() => this.release());
  }

  async deliver(messageId: string): Promise<void> {
    if (this.stopping) throw new Error('Stopping');
    const token = randomUUID();
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [OutboxRow[], number] = await this.dataSource.query(CLAIM_MESSAGE_SQL, [
      messageId,
      token,
    ]);
    if (!row) return; // Sent, failed, superseded, or held by a live claim.
    const controller = new AbortController();
    const done = this.attempt(row, token, controller.signal);
    this.inFlight.set(row.id, {
      controller,
      done: done.then(
        () => undefined,
        () => undefined,
      ),
    });
    try {
      await done;
    } finally {
      this.inFlight.delete(row.id);
    }
  }

  private async attempt(row: OutboxRow, token: string, abort: AbortSignal): Promise<void> {
    try {
      const message = toMessage(row);
      const rendered = await renderMessage(message, {
        spaName: this.config.spaName,
        from: this.config.mail.from,
        publicUrl: this.config.publicUrl ?? `http://localhost:${this.config.port}`,
      });
      await this.transport.send({
        ...rendered,
        to: message.recipientEmail,
        messageId: messageIdOf(message.id, this.config.mail.from),
        signal: AbortSignal.any([abort, AbortSignal.timeout(SEND_TIMEOUT_MS)]),
      });
    } catch (error) {
      if (abort.aborted) {
        // Shutting down: not the message's fault; another instance (or this one, restarted) sends it.
        await this.record(row.id, token, 'queued', 'Released at shutdown', -1);
        return;
      }
      const permanent = (error as { responseCode?: number }).responseCode ?? 0;
      const last = permanent >= 500 || row.attempts > this.config.mail.retryLimit;
      const reason = failureOf(error);
      await this.record(row.id, token, last ? 'failed' : 'queued', reason);
      if (last) this.logger.warn(`Message ${row.id} failed for good: ${reason}`);
      else throw error;
      return;
    }
    // Sent: record it, retrying a failed write here rather than sending again.
    for (let tries = 1; ; tries++) {
      try {
        await this.record(row.id, token, 'sent', null);
        return;
      } catch (error) {
        if (tries === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * tries));
      }
    }
  }

  /** The outcome of an attempt, written only while this attempt still holds the claim. */
  private async record(
    id: string,
    token: string,
    status: 'queued' | 'sent' | 'failed',
    lastError: string | null,
    attemptsDelta = 0,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_messages
          SET status = $3, last_error = COALESCE($4, CASE WHEN $3 = 'sent' THEN NULL ELSE last_error END),
              sent_at = CASE WHEN $3 = 'sent' THEN now() END,
              -- A link's secret is needed only to render the message: once it is out, it goes.
              payload = CASE WHEN $3 = 'queued' THEN payload ELSE payload - 'token' END,
              attempts = attempts + $5, claim_token = NULL, claimed_at = NULL, updated_at = now()
        WHERE id = $1 AND claim_token = $2`,
      [id, token, status, lastError, attemptsDelta],
    );
  }

  /** New jobs for messages whose job was lost (STRANDED_MESSAGES_SQL). */
  private async sweep(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows]: [{ id: string }[], number] = await manager.query(STRANDED_MESSAGES_SQL);
      if (rows.length === 0) return;
      this.logger.warn(`Re-sending ${rows.length} stranded message(s)`);
      await this.jobs.sendMany(
        manager,
        mailJobs(rows).map(({ queue, data }) => ({ queue, data })),
      );
    });
  }

  /** After the queue's graceful wait: abort what is still sending and release its messages. */
  private async release(): Promise<void> {
    this.stopping = true;
    const left = [...this.inFlight.values()];
    for (const { controller } of left) controller.abort();
    await Promise.all(left.map(({ done }) => done));
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
