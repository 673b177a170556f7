// The jobs a transaction writes, as pg-boss inserts them: shared by JobQueue.sendMany and the
// benchmark baseline (which loads the compiled file). Plain data: no Nest.
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/** A job to write: its queue, optional id (pg-boss's), data and earliest start. */
export interface QueuedJob {
  queue: string;
  id?: string;
  data: object;
  startAfter?: Date;
  singletonKey?: string;
}

/** pg-boss's `insert` rows for these jobs. */
export const toJobInserts = (jobs: readonly QueuedJob[]): PgBoss.JobInsert[] =>
  jobs.map((job) => ({
    id: job.id,
    name: job.queue,
    data: job.data,
    startAfter: job.startAfter,
    singletonKey: job.singletonKey,
  }));

/** pg-boss's `db` option: run its statement on the caller's transaction. */
export const inTransaction = (manager: EntityManager) => ({
  executeSql: async (text: string, values?: unknown[]) => ({
    rows: await manager.query(text, values),
  }),
});
