import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { AccountNotices } from '../notifications/account-notices.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersService } from '../users/users.service.js';
import { AccountTokens } from './account-tokens.service.js';
import { passwordIncorrect, resetTokenInvalid, tooManyFailures } from './auth.errors.js';
import type { ChangePasswordDto, PasswordResetConfirmDto } from './dto/auth.dto.js';
import { LoginLimiterService } from './login-limiter.service.js';
import { PasswordHasher } from './password-hasher.js';

/** The queue that looks up a reset request's address and sends the link. */
export const PASSWORD_RESET_QUEUE = 'password-reset';
const RESET_LINK_MINUTES = 60;

/**
 * Changing a password (the current one required; the user's other sessions end) and resetting a
 * forgotten one by a single-use, one-hour link sent by email (every session ends).
 */
@Injectable()
export class PasswordsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiterService,
    private readonly sessions: SessionsService,
    private readonly tokens: AccountTokens,
    private readonly notices: AccountNotices,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<{ email: string }>(PASSWORD_RESET_QUEUE, (job) =>
      this.sendResetLink(job.email),
    );
  }

  async change(caller: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findById(caller.id);
    if (!user) throw passwordIncorrect();
    // Guessing the current password counts against the same limit as guessing it at login.
    if (!(await this.limiter.admit(user.email))) throw tooManyFailures();
    if (!(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
      throw passwordIncorrect();
    }
    await this.limiter.clear(user.email);
    const hash = await this.hasher.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(manager, user.id, hash);
      await this.sessions.endAllOf(manager, user.id, 'password-change', caller.sessionId);
      await this.notices.passwordChanged(manager, user.id, 'change');
    });
  }

  /**
   * Queues the request and answers at once, the same for every address: whether an account has
   * it is looked up later, by the job, so neither the answer nor its timing tells.
   */
  async requestReset(email: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.jobs.sendMany(manager, [{ queue: PASSWORD_RESET_QUEUE, data: { email } }]),
    );
  }

  async confirmReset(dto: PasswordResetConfirmDto): Promise<void> {
    // A cheap look first: an unknown link costs no password hash.
    if (!(await this.tokens.isUsable(dto.token, 'password-reset'))) throw resetTokenInvalid();
    const hash = await this.hasher.hash(dto.newPassword);
    const email = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.claim(manager, dto.token, 'password-reset');
      if (!userId) return null;
      await this.users.setPassword(manager, userId, hash);
      // The link reached the mailbox: the address is proven too.
      await this.users.markEmailVerified(manager, userId);
      await this.sessions.endAllOf(manager, userId, 'password-reset');
      await this.notices.passwordChanged(manager, userId, 'reset');
      return (await this.users.contactOf(manager, userId))?.email ?? null;
    });
    if (email === null) throw resetTokenInvalid();
    await this.limiter.clear(email);
  }

  /** The reset job: a link for an account with this address; nothing for an unknown one. */
  private async sendResetLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.erasedAt) return;
    await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.issue(
        manager,
        user.id,
        'password-reset',
        RESET_LINK_MINUTES,
        true,
      );
      await this.notices.link(manager, user.id, 'account.password-reset', token);
    });
  }
}
