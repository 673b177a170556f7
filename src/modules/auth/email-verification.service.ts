import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DAY_MS, MINUTE_MS } from '../../common/time/duration.js';
import { AccountNotices } from '../notifications/account-notices.service.js';
import { UsersService } from '../users/users.service.js';
import { AccountTokens } from './account-tokens.service.js';
import { verificationTokenInvalid } from './auth.errors.js';

const LINK_MINUTES = (7 * DAY_MS) / MINUTE_MS;

/** Proves an account's address: a link sent at sign-up (and on request), used once. */
@Injectable()
export class EmailVerification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccountTokens,
    private readonly notices: AccountNotices,
    private readonly users: UsersService,
  ) {}

  /** Sends a confirmation link, in the caller's transaction (registration's). */
  async send(manager: EntityManager, userId: string): Promise<void> {
    const token = await this.tokens.issue(manager, userId, 'email-verification', LINK_MINUTES);
    await this.notices.link(manager, userId, 'account.email-verification', token);
  }

  /** A new link, unless the address is already confirmed. */
  async resend(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockForChange(manager, userId);
      if (!user || user.emailVerifiedAt) return;
      await this.send(manager, userId);
    });
  }

  /**
   * Confirms the address. Opening the same link again after it worked is fine (mail scanners and
   * second clicks do it); an unknown or expired link is refused.
   */
  async verify(token: string): Promise<void> {
    const confirmed = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.claim(manager, token, 'email-verification');
      if (userId) await this.users.markEmailVerified(manager, userId);
      return userId !== null;
    });
    if (confirmed) return;
    const owner = await this.tokens.ownerOf(token, 'email-verification');
    const user = owner ? await this.users.findById(owner) : null;
    if (!user?.emailVerifiedAt) throw verificationTokenInvalid();
  }
}
