import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { inTransaction, toJobInserts, type QueuedJob } from './job-insert.js';

/** Where a job stands in its retries: `retryCount` 0 is the first attempt. */
export interface JobAttempt {
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (data: T, attempt: JobAttempt) => Promise<void>;

export interface QueueOptions<T> {
  /** Jobs claimed per poll, worked concurrently; each succeeds or fails on its own. */
  batchSize?: number;
  /** Retries after the first attempt (default 5), the first one after `retryDelaySeconds`, doubling. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An attempt running longer than this is taken as lost and retried. */
  expireInSeconds?: number;
  /** `short`: at most one waiting job per singleton key (a re-sent job is not doubled). */
  policy?: 'standard' | 'short';
  /** Also run on this cron schedule (pg-boss keeps one schedule across instances). */
  cron?: string;
  /** Also run once when an instance starts, with this data. */
  atStartUp?: T;
}

/** How long a stopping instance lets a job in flight finish before pg-boss releases it. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * Work that must happen later, on PostgreSQL (pg-boss): a job is a row written in the same
 * transaction as its cause (`send` with the caller's manager), so a rolled-back change schedules
 * nothing and a committed one is never lost. Every instance works every queue; pg-boss claims each
 * job with SKIP LOCKED, so one instance runs it, and retries it with backoff when it throws.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly stopHooks: (() => Promise<void>)[] = [];
  private readonly queues = new Map<
    string,
    { handler: JobHandler<never>; options: QueueOptions<object> }
  >();

  constructor(private readonly config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: 'pgboss',
      application_name: 'unknot-jobs',
      max: 3,
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
    });
    // pg-boss reports failed polls and maintenance here; a thrown handler is retried, not lost.
    this.boss.on('error', (error) =>
      this.logger.error(
        `Job queue error: ${error.name} ${(error as { code?: string }).code ?? ''}`,
      ),
    );
  }

  /** Runs after the queue stopped (its graceful wait is over), before any provider shuts down. */
  onStop(hook: () => Promise<void>): void {
    this.stopHooks.push(hook);
  }

  /** Registers the worker of a queue; call from a provider's constructor or onModuleInit. */
  handle<T extends object>(
    queue: string,
    handler: JobHandler<T>,
    options: QueueOptions<T> = {},
  ): void {
    this.queues.set(queue, { handler: handler as JobHandler<never>, options });
  }

  /**
   * Schedules a job inside the caller's transaction; it runs at or after `startAfter`. On a
   * `short` queue a job with the same `singletonKey` still waiting is not doubled.
   */
  async send(
    manager: EntityManager,
    queue: string,
    data: object,
    startAfter: Date,
    singletonKey?: string,
  ): Promise<void> {
    if (!this.queues.has(queue)) throw new Error(`No worker handles the job queue ${queue}`);
    const id = await this.boss.send(queue, data, {
      startAfter,
      singletonKey,
      db: inTransaction(manager),
    });
    if (id === null && singletonKey === undefined) {
      throw new Error(`The job queue ${queue} refused a job`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const [queue, { handler, options }] of this.queues) {
      // pg-boss refuses keys set to undefined: only the options given.
      const retry = Object.fromEntries(
        Object.entries({
          retryLimit: options.retryLimit,
          retryDelay: options.retryDelaySeconds,
          retryBackoff: options.retryDelaySeconds === undefined ? undefined : true,
          expireInSeconds: options.expireInSeconds,
        }).filter(([, value]) => value !== undefined),
      );
      const queueOptions = { name: queue, policy: options.policy ?? 'standard', ...retry };
      if (await this.boss.getQueue(queue)) await this.boss.updateQueue(queue, queueOptions);
      else await this.boss.createQueue(queue, queueOptions);
      await this.boss.work<object>(
        queue,
        {
          pollingIntervalSeconds: this.config.jobPollSeconds,
          batchSize: options.batchSize ?? 1,
          includeMetadata: true,
        },
        // pg-boss completes the whole batch when this resolves; a job that failed is marked
        // failed (and retried) first, which a completion no longer touches.
        async (jobs) => {
          await Promise.all(
            jobs.map(async (job) => {
              try {
                await handler(job.data as never, job);
              } catch (error) {
                // After a stop pg-boss has already failed the jobs in flight (and closed its pool).
                await this.boss
                  .fail(queue, job.id, { message: errorSummary(error) })
                  .catch(() => undefined);
              }
            }),
          );
        },
      );
      if (options.cron) await this.boss.schedule(queue, options.cron, {});
      if (options.atStartUp) await this.boss.send(queue, options.atStartUp);
    }
  }

  /** Schedules several jobs, of any queues, in one statement inside the caller's transaction. */
  async sendMany(manager: EntityManager, jobs: readonly QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    for (const job of jobs) {
      if (!this.queues.has(job.queue))
        throw new Error(`No worker handles the job queue ${job.queue}`);
    }
    await this.boss.insert(toJobInserts(jobs), { db: inTransaction(manager) });
  }

  /**
   * Deletes a queue's jobs whose data contains `match` (waiting, done or archived), inside the
   * caller's transaction: an erased account's address must not outlive it in a job.
   */
  async discard(manager: EntityManager, queue: string, match: object): Promise<void> {
    for (const table of ['job', 'archive']) {
      await manager.query(`DELETE FROM pgboss.${table} WHERE name = $1 AND data @> $2::jsonb`, [
        queue,
        JSON.stringify(match),
      ]);
    }
  }

  /**
   * Before any provider shuts down (the SMTP pool, the database pool): stop polling and let the
   * jobs in flight finish, up to STOP_TIMEOUT_MS; pg-boss then fails what is left, to be retried.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
    for (const hook of this.stopHooks) await hook();
  }
}

/** What a failed job records: the error's name and code, never a message that may hold data. */
function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return 'Job failed';
  const code =
    (error as { code?: unknown; responseCode?: unknown }).responseCode ??
    (error as { code?: unknown }).code;
  return code === undefined ? error.name : `${error.name} ${String(code)}`;
}
