import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashOf, looksLikeSecretToken, newSecretToken } from '../../common/auth/secret-token.js';
import { AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { invalidCredentials, setupLinkInvalid } from './auth.errors.js';
import { AuthService, type SignedIn } from './auth.service.js';
import type { SetupDto } from './dto/auth.dto.js';
import { EmailVerification } from './email-verification.service.js';
import { PasswordHasher } from './password-hasher.js';

/** Every setup takes this lock first, so two links used at once cannot make two first admins. */
const FIRST_ADMIN_LOCK = 'unknot:first-admin';

/**
 * The first run: a spa without an administrator (and without ADMIN_EMAIL) logs a one-time link
 * at start-up; whoever opens it creates the first administrator, and the link is spent.
 */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstRun');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly verification: EmailVerification,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.admin) return;
    if ((await this.users.adminCount(this.dataSource.manager)) > 0) {
      await this.dataSource.query(`DELETE FROM setup_tokens`);
      return;
    }
    const { token, hash } = newSecretToken();
    await this.dataSource.query(`INSERT INTO setup_tokens (token_hash) VALUES ($1)`, [hash]);
    const base = this.config.publicUrl ?? `http://localhost:${this.config.port}`;
    this.logger.warn(
      `This spa has no administrator yet. Open this link to create the first one (it works until an administrator exists): ${base}/#/setup?token=${token}`,
    );
  }

  /** Creates the first administrator, signed in; 404 for any link once one exists. */
  async setUp(dto: SetupDto): Promise<SignedIn> {
    // The password is hashed (slow on purpose) only for a link that could work.
    if (!(await this.usable(dto.token))) throw setupLinkInvalid();
    const passwordHash = await this.hasher.hash(dto.password);
    const { user, session } = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        FIRST_ADMIN_LOCK,
      ]);
      if ((await this.users.adminCount(manager)) > 0) throw setupLinkInvalid();
      const [, claimed]: [unknown, number] = await manager.query(
        `DELETE FROM setup_tokens WHERE token_hash = $1`,
        [hashOf(dto.token)],
      );
      if (claimed === 0) throw setupLinkInvalid();
      await manager.query(`DELETE FROM setup_tokens`);
      const created: User = await this.users.create(manager, {
        email: dto.email,
        name: dto.name,
        role: 'admin',
        passwordHash,
      });
      await this.verification.send(manager, created.id);
      await this.audit.record(
        {
          actorId: created.id,
          action: 'account.first-admin',
          subjectType: 'user',
          subjectId: created.id,
        },
        manager,
      );
      return {
        user: created,
        session: await this.sessions.start(created.id, passwordHash, manager),
      };
    });
    if (!session) throw invalidCredentials();
    return this.auth.signedIn(user, session);
  }

  private async usable(token: string): Promise<boolean> {
    if (!looksLikeSecretToken(token)) return false;
    const [row] = await this.dataSource.query(`SELECT 1 FROM setup_tokens WHERE token_hash = $1`, [
      hashOf(token),
    ]);
    return row !== undefined;
  }
}
