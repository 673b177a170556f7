import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hashOf, looksLikeSecretToken, newSecretToken } from '../../common/auth/secret-token.js';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import type { SessionEndReason } from './session.entity.js';
import { sessionEnded } from './sessions.errors.js';

/** A session as sign-in and refresh hand it out: its id (in access tokens) and a refresh token. */
export interface IssuedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** The nightly job that deletes sessions over for a month (their refresh tokens go with them). */
const CLEAN_UP_QUEUE = 'session-clean-up';

/**
 * Sessions and their rotating refresh tokens (owns `sessions` and `refresh_tokens`). A refresh
 * token works once; each refresh hands out the next one. One presented again after use was
 * copied — by whom cannot be told — so the whole session ends.
 */
@Injectable()
export class SessionsService implements PersonalDataHolder, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(CLEAN_UP_QUEUE, () => this.cleanUp(), { cron: '17 3 * * *' });
  }

  /**
   * Sessions ended or expired more than 30 days ago: nothing can use them, and a month keeps
   * them in the person's export for a while after they end.
   */
  private async cleanUp(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM sessions
        WHERE coalesce(revoked_at, expires_at) < now() - interval '30 days'
           OR (revoked_at IS NULL AND last_refreshed_at < now() - make_interval(days => $1 + 30))`,
      [this.config.sessions.idleDays],
    );
  }

  /**
   * A new session for the user whose password hash is still `passwordHash` (the one just
   * checked): a password changed or reset meanwhile, or an erasure, leaves null — a sign-in must
   * not outlive what ended every session. In the caller's transaction when given.
   */
  async start(
    userId: string,
    passwordHash: string,
    manager?: EntityManager,
  ): Promise<IssuedSession | null> {
    const run = async (transaction: EntityManager) => {
      const [session]: { id: string }[] = await transaction.query(
        `INSERT INTO sessions (user_id, expires_at)
         SELECT id, now() + make_interval(days => $3) FROM users
          WHERE id = $1 AND password_hash = $2 AND erased_at IS NULL
         RETURNING id`,
        [userId, passwordHash, this.config.sessions.maxDays],
      );
      return session ? this.issueRefreshToken(transaction, session.id, userId) : null;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Trades a refresh token for the next one. Unknown, expired or ended → 401; a used one → the
   * session ends (committed), then 401.
   */
  async refresh(token: string | undefined): Promise<IssuedSession> {
    if (!looksLikeSecretToken(token)) throw sessionEnded();
    const hash = hashOf(token);
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The UPDATE is the single use: of concurrent refreshes with one token, one row comes back.
      const [[claimed]]: [{ session_id: string }[], number] = await manager.query(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING session_id`,
        [hash],
      );
      if (!claimed) {
        const [reused]: { session_id: string }[] = await manager.query(
          `SELECT session_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL`,
          [hash],
        );
        if (reused) await this.end(manager, [reused.session_id], 'refresh-reuse');
        return null;
      }
      const [[live]]: [{ user_id: string }[], number] = await manager.query(
        `UPDATE sessions s SET last_refreshed_at = now()
           FROM users u
          WHERE s.id = $1 AND u.id = s.user_id AND s.revoked_at IS NULL
            AND s.expires_at > now() AND u.erased_at IS NULL
          RETURNING s.user_id`,
        [claimed.session_id],
      );
      if (!live) return null;
      return this.issueRefreshToken(manager, claimed.session_id, live.user_id);
    });
    if (!outcome) throw sessionEnded();
    return outcome;
  }

  /** The session the refresh token belongs to, used or not (logout by cookie). */
  async sessionOfRefreshToken(token: string | undefined): Promise<string | null> {
    if (!looksLikeSecretToken(token)) return null;
    const [row]: { session_id: string }[] = await this.dataSource.query(
      `SELECT session_id FROM refresh_tokens WHERE token_hash = $1`,
      [hashOf(token)],
    );
    return row?.session_id ?? null;
  }

  /** Ends these sessions (already ended ones keep their first reason). */
  async end(
    manager: EntityManager,
    sessionIds: readonly string[],
    reason: SessionEndReason,
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [sessionIds, reason],
    );
  }

  /** Ends every session of the user but `keep` (the one that changed the password). */
  async endAllOf(
    manager: EntityManager,
    userId: string,
    reason: SessionEndReason,
    keep: string | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keep],
    );
  }

  /** The user's sessions with their refresh tokens' dates, for their export (never a hash). */
  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT s.*, coalesce(
                (SELECT jsonb_agg(jsonb_build_object('createdAt', r.created_at,
                                                     'expiresAt', r.expires_at, 'usedAt', r.used_at)
                                  ORDER BY r.created_at)
                   FROM refresh_tokens r WHERE r.session_id = s.id), '[]') AS refresh_tokens
         FROM sessions s WHERE s.user_id = $1 ORDER BY s.created_at`,
      [subject.id],
    );
    return { sessions: asRecords(rows) };
  }

  /** Erasure ends every session; the rows name no one. */
  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await this.endAllOf(manager, subject.id, 'erasure');
  }

  private async issueRefreshToken(
    manager: EntityManager,
    sessionId: string,
    userId: string,
  ): Promise<IssuedSession> {
    const { token, hash } = newSecretToken();
    // A refresh token lives SESSION_IDLE_DAYS, never past the session's absolute end.
    const [{ expires_at }]: { expires_at: Date }[] = await manager.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
       SELECT $1, s.id, least(now() + make_interval(days => $3), s.expires_at)
         FROM sessions s WHERE s.id = $2
       RETURNING expires_at`,
      [hash, sessionId, this.config.sessions.idleDays],
    );
    return { sessionId, userId, refreshToken: token, refreshExpiresAt: expires_at };
  }
}
