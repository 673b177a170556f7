import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccessTokenService,
  type AccessTokenSubject,
} from '../../common/auth/access-token.service.js';
import { AppConfig } from '../../config/app-config.js';
import { type IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { invalidCredentials, tooManyFailures } from './auth.errors.js';
import { AuthResponse, LoginDto, RegisterDto, UserResponse } from './dto/auth.dto.js';
import { EmailVerification } from './email-verification.service.js';
import { LoginLimiterService } from './login-limiter.service.js';
import { PasswordHasher } from './password-hasher.js';

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    phone: user.phone,
  };
}

/** What signing in hands out: the answer, and the refresh token's cookie lifetime. */
export interface SignedIn {
  response: AuthResponse;
  refreshExpiresAt: Date;
}

/** Registration, sign-in, refresh and sign-out: each sign-in is a session (SessionsService). */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiterService,
    private readonly verification: EmailVerification,
    private readonly config: AppConfig,
  ) {}

  /**
   * Ensures the operator's admin account from ADMIN_EMAIL / ADMIN_PASSWORD. When the password
   * (or the role) changed, every session of the account ends: the old password's tokens stop.
   */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    const existing = await this.users.findByEmail(admin.email);
    if (
      existing?.role === 'admin' &&
      (await this.hasher.verify(existing.passwordHash, admin.password))
    ) {
      return;
    }
    const hash = await this.hasher.hash(admin.password);
    await this.dataSource.transaction(async (manager) => {
      const id = await this.users.ensureAdmin(manager, admin.email, 'Administrator', hash);
      await this.sessions.endAllOf(manager, id, 'admin-password');
    });
    this.logger.log('Admin account ensured from ADMIN_EMAIL');
  }

  /** A new account, signed in, with a link to confirm its address on the way. */
  async register(dto: RegisterDto): Promise<SignedIn> {
    const passwordHash = await this.hasher.hash(dto.password);
    const { user, session } = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.create(manager, {
        email: dto.email,
        name: dto.name,
        role: dto.role ?? 'client',
        passwordHash,
      });
      await this.verification.send(manager, created.id);
      return {
        user: created,
        session: await this.sessions.start(created.id, passwordHash, manager),
      };
    });
    if (!session) throw invalidCredentials();
    return this.signedIn(user, session);
  }

  async login(dto: LoginDto): Promise<SignedIn> {
    if (!(await this.limiter.admit(dto.email))) throw tooManyFailures();
    const user = await this.users.findByEmail(dto.email);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, dto.password)
      : await this.hasher.verifyAgainstNothing(dto.password);
    if (!user || !valid) throw invalidCredentials();
    await this.limiter.clear(dto.email);
    const session = await this.sessions.start(user.id, user.passwordHash);
    if (!session) throw invalidCredentials();
    return this.signedIn(user, session);
  }

  /** The next pair for a refresh token (which then stops working). */
  async refresh(refreshToken: string | undefined): Promise<SignedIn> {
    const session = await this.sessions.refresh(refreshToken);
    const user = await this.users.findById(session.userId);
    if (!user) throw invalidCredentials();
    return this.signedIn(user, session);
  }

  /**
   * Ends the session named by the access token or, when that has expired, by the refresh token.
   * Answers the same whatever was presented: signing out always succeeds.
   */
  async logout(subject: AccessTokenSubject | null, refreshToken: string | undefined) {
    const sessionId =
      subject?.sessionId ?? (await this.sessions.sessionOfRefreshToken(refreshToken));
    if (!sessionId) return;
    await this.sessions.end(this.dataSource.manager, [sessionId], 'logout');
  }

  private async signedIn(user: User, session: IssuedSession): Promise<SignedIn> {
    return {
      response: {
        user: toUserResponse(user),
        accessToken: await this.tokens.issue({ userId: user.id, sessionId: session.sessionId }),
        tokenType: 'Bearer',
        expiresIn: this.config.jwtTtlSeconds,
        refreshToken: session.refreshToken,
      },
      refreshExpiresAt: session.refreshExpiresAt,
    };
  }
}
