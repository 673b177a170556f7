import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';

export type JobHandler<T> = (data: T) => Promise<void>;

export interface QueueOptions<T> {
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
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
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
      db: { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) },
    });
    if (id === null && singletonKey === undefined) {
      throw new Error(`The job queue ${queue} refused a job`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const [queue, { handler, options }] of this.queues) {
      await this.boss.createQueue(queue, { name: queue, policy: options.policy ?? 'standard' });
      await this.boss.work<object>(
        queue,
        { pollingIntervalSeconds: this.config.jobPollSeconds },
        async (jobs) => {
          for (const job of jobs) await handler(job.data as never);
        },
      );
      if (options.cron) await this.boss.schedule(queue, options.cron, {});
      if (options.atStartUp) await this.boss.send(queue, options.atStartUp);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }
}
