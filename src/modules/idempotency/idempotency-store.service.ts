import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode, statusOf } from '../../common/errors/error-code.js';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';
import { DAY_MS } from '../../common/time/duration.js';
import { idempotencyKeyReused } from './idempotency.errors.js';
import {
  DELETE_ANSWER_SQL,
  FIND_ANSWER_SQL,
  LOCK_KEY_SQL,
  STORE_ANSWER_SQL,
} from './idempotency.sql.js';

const TTL_MS = DAY_MS;

/** A write made retry-safe: its first answer for (user, key) is stored and replayed. */
export interface IdempotentWork<T extends object> {
  /**
   * Runs inside the key's transaction. An AppError it throws is a refusal: stored and replayed
   * (its writes roll back to a savepoint); CONCURRENT_UPDATE and any other error are not answers,
   * so the whole attempt rolls back and nothing is stored.
   */
  attempt(manager: EntityManager): Promise<T>;
  /** A stored success as it is now (a booking may have been cancelled since the first answer). */
  replay(manager: EntityManager, stored: T): Promise<T>;
  /** The status a success answers with; 201 unless said. */
  successStatus?: number;
}

interface StoredAnswer {
  status_code: number;
  response_body: Record<string, unknown>;
  request_hash: string;
  created_at: Date;
}

interface StoredRefusal {
  code: ErrorCode;
  detail: string;
  errors: AppError['errors'] | null;
}

/**
 * Idempotency-Key semantics (Stripe's): the first answer to (user, key) is kept for 24 hours and
 * replayed to retries with the same request hash; another request under the key is refused.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T extends object>(
    userId: string,
    key: string,
    requestHash: string,
    work: IdempotentWork<T>,
  ): Promise<T> {
    const successStatus = work.successStatus ?? 201;
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Concurrent retries of one key queue here; the later ones then see the stored answer.
      await manager.query(LOCK_KEY_SQL, [`${userId}:${key}`]);
      const [stored]: StoredAnswer[] = await manager.query(FIND_ANSWER_SQL, [userId, key]);
      if (stored && Date.now() - stored.created_at.getTime() < TTL_MS) {
        if (stored.request_hash !== requestHash) throw idempotencyKeyReused();
        if (stored.status_code === successStatus) {
          return { ok: true as const, body: await work.replay(manager, stored.response_body as T) };
        }
        return { ok: false as const, body: stored.response_body as unknown as StoredRefusal };
      }
      if (stored) await manager.query(DELETE_ANSWER_SQL, [userId, key]);
      await manager.query('SAVEPOINT idempotent_attempt');
      let answer: { ok: true; body: T } | { ok: false; body: StoredRefusal };
      try {
        answer = { ok: true, body: await work.attempt(manager) };
      } catch (error) {
        // A transient failure is not an answer to remember: the whole attempt rolls back.
        if (!(error instanceof AppError) || error.code === ErrorCode.ConcurrentUpdate) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT idempotent_attempt');
        answer = {
          ok: false,
          body: { code: error.code, detail: error.detail, errors: error.errors ?? null },
        };
      }
      await manager.query(STORE_ANSWER_SQL, [
        userId,
        key,
        requestHash,
        answer.ok ? successStatus : statusOfRefusal(answer.body),
        answer.body,
      ]);
      return answer;
    });
    if (outcome.ok) return outcome.body;
    const { code, detail, errors } = outcome.body;
    throw new AppError(code, detail, errors ?? undefined);
  }
}

/** A person's stored answers (they may quote what they wrote in a booking): exported, erased. */
@Injectable()
export class IdempotencyPersonalData implements PersonalDataHolder {
  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT key, status_code, response_body, created_at FROM idempotency_keys
        WHERE user_id = $1 ORDER BY created_at`,
      [subject.id],
    );
    return { idempotencyKeys: asRecords(rows) };
  }

  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await manager.query(`DELETE FROM idempotency_keys WHERE user_id = $1`, [subject.id]);
  }
}

const statusOfRefusal = (refusal: StoredRefusal) => statusOf(refusal.code);
