import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccessTokenService } from '../../common/auth/access-token.service.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { AppConfig } from '../../config/app-config.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AuthResponse, LoginDto, RegisterDto, UserResponse } from './dto/auth.dto.js';
import { LoginLimiterService } from './login-limiter.service.js';
import { PasswordHasher } from './password-hasher.js';

export function toUserResponse(user: User): UserResponse {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly limiter: LoginLimiterService,
    private readonly config: AppConfig,
  ) {}

  /** Ensures the operator's admin account from ADMIN_EMAIL / ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    await this.users.ensureAdmin(
      admin.email,
      'Administrator',
      await this.hasher.hash(admin.password),
    );
    this.logger.log('Admin account ensured from ADMIN_EMAIL');
  }

  async register(dto: RegisterDto): Promise<AuthResponse> {
    const user = await this.users.create({
      email: dto.email,
      name: dto.name,
      role: dto.role ?? 'client',
      passwordHash: await this.hasher.hash(dto.password),
    });
    return this.session(user);
  }

  async login(dto: LoginDto): Promise<AuthResponse> {
    if (!(await this.limiter.admit(dto.email))) {
      throw new AppError(
        ErrorCode.RateLimited,
        'Too many failed logins for this account; try again in 15 minutes.',
      );
    }
    const user = await this.users.findByEmail(dto.email);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, dto.password)
      : await this.hasher.verifyAgainstNothing(dto.password);
    if (!user || !valid) {
      throw new AppError(ErrorCode.InvalidCredentials, 'The email or password is incorrect.');
    }
    await this.limiter.clear(dto.email);
    return this.session(user);
  }

  async me(userId: string): Promise<UserResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'This account no longer exists.');
    return toUserResponse(user);
  }

  private async session(user: User): Promise<AuthResponse> {
    return {
      user: toUserResponse(user),
      accessToken: await this.tokens.issue({ id: user.id, role: user.role }),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
    };
  }
}
