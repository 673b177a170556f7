import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';

export type JobHandler<T> = (data: T) => Promise<void>;

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
  private readonly handlers = new Map<string, JobHandler<never>>();

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
  handle<T>(queue: string, handler: JobHandler<T>): void {
    this.handlers.set(queue, handler as JobHandler<never>);
  }

  /** Schedules a job inside the caller's transaction; it runs at or after `startAfter`. */
  async send(manager: EntityManager, queue: string, data: object, startAfter: Date): Promise<void> {
    await this.boss.send(queue, data, {
      startAfter,
      db: { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const [queue, handler] of this.handlers) {
      await this.boss.createQueue(queue);
      await this.boss.work<object>(
        queue,
        { pollingIntervalSeconds: this.config.jobPollSeconds },
        async (jobs) => {
          for (const job of jobs) await handler(job.data as never);
        },
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }
}
