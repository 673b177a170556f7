import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hashOf, looksLikeSecretToken, newSecretToken } from '../../common/auth/secret-token.js';
import type { AccountTokenPurpose } from './account-token.entity.js';

/** The single-use links sent by email (owns `account_tokens`). */
@Injectable()
export class AccountTokens {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A new link's secret, valid `minutes`. With `replacing`, the user's earlier unused links of
   * this purpose stop working (only the newest reset link may be used).
   */
  async issue(
    manager: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
    minutes: number,
    replacing = false,
  ): Promise<string> {
    if (replacing) {
      await manager.query(
        `UPDATE account_tokens SET used_at = now()
          WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
        [userId, purpose],
      );
    }
    const { token, hash } = newSecretToken();
    await manager.query(
      `INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [hash, userId, purpose, minutes],
    );
    return token;
  }

  /** Uses the link once: its user, or null for a link unknown, used or expired. */
  async claim(
    manager: EntityManager,
    token: string,
    purpose: AccountTokenPurpose,
  ): Promise<string | null> {
    if (!looksLikeSecretToken(token)) return null;
    const [[row]]: [{ user_id: string }[], number] = await manager.query(
      `UPDATE account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [hashOf(token), purpose],
    );
    return row?.user_id ?? null;
  }

  /** Whether the link could be used now (checked before a costly step, then claimed). */
  async isUsable(token: string, purpose: AccountTokenPurpose): Promise<boolean> {
    if (!looksLikeSecretToken(token)) return false;
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM account_tokens
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [hashOf(token), purpose],
    );
    return row !== undefined;
  }

  /** The user a link was sent to, used or not (a second click on a verification link). */
  async ownerOf(token: string, purpose: AccountTokenPurpose): Promise<string | null> {
    if (!looksLikeSecretToken(token)) return null;
    const [row]: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2`,
      [hashOf(token), purpose],
    );
    return row?.user_id ?? null;
  }

  /** The user's links, for their export: when and what for, never the secret's hash. */
  exportOf(manager: EntityManager, userId: string): Promise<unknown[]> {
    return manager.query(
      `SELECT purpose, created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt"
         FROM account_tokens WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM account_tokens WHERE user_id = $1`, [userId]);
  }
}
