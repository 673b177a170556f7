import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from './environment.js';

/** Typed, validated settings. Read them here, never from process.env. */
@Injectable()
export class AppConfig {
  private readonly env: Environment;

  constructor(config: ConfigService) {
    this.env = config.getOrThrow<Environment>('app');
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
  get port(): number {
    return this.env.PORT;
  }
  get databaseUrl(): string {
    if (!this.env.DATABASE_URL) throw new Error('DATABASE_URL was not resolved before start-up');
    return this.env.DATABASE_URL;
  }
  get databasePoolSize(): number {
    return this.env.DATABASE_POOL_SIZE;
  }
  get jwtSecret(): string {
    if (!this.env.JWT_SECRET) throw new Error('JWT_SECRET was not resolved before start-up');
    return this.env.JWT_SECRET;
  }
  get jwtTtlSeconds(): number {
    return this.env.JWT_TTL;
  }
  get admin(): { email: string; password: string } | null {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.env;
    return email && password ? { email, password } : null;
  }
  get logLevel(): Environment['LOG_LEVEL'] {
    return this.env.LOG_LEVEL;
  }
  get corsOrigins(): string[] | true | false {
    const value = this.env.CORS_ORIGINS;
    if (!value) return false;
    if (value === '*') return true;
    return value.split(',').map((origin) => origin.trim());
  }
  get redisUrl(): string | null {
    return this.env.REDIS_URL ?? null;
  }
  /** Days a refresh token lives (idle) and a session lasts at most. */
  get sessions(): { idleDays: number; maxDays: number } {
    return { idleDays: this.env.SESSION_IDLE_DAYS, maxDays: this.env.SESSION_MAX_DAYS };
  }
  get publicUrl(): string | undefined {
    return this.env.PUBLIC_URL?.replace(/\/$/, '');
  }
  get bookingHorizonDays(): number {
    return this.env.BOOKING_HORIZON_DAYS;
  }
  get cancellationNoticeHours(): number {
    return this.env.CANCELLATION_NOTICE_HOURS;
  }
  get waitlistHoldMinutes(): number {
    return this.env.WAITLIST_HOLD_MINUTES;
  }
  get jobPollSeconds(): number {
    return this.env.JOB_POLL_SECONDS;
  }
  get spaName(): string {
    return this.env.SPA_NAME;
  }
  /** Mail settings; `smtpUrl` null means messages are written to `directory`. */
  get mail(): {
    smtpUrl: string | null;
    from: string;
    directory: string;
    retryLimit: number;
    retryDelaySeconds: number;
  } {
    return {
      smtpUrl: this.env.SMTP_URL ?? null,
      from: this.env.MAIL_FROM,
      directory: this.env.MAIL_DIR,
      retryLimit: this.env.MAIL_RETRY_LIMIT,
      retryDelaySeconds: this.env.MAIL_RETRY_DELAY_SECONDS,
    };
  }
  get reminderLeadMinutes(): number {
    return this.env.REMINDER_LEAD_MINUTES;
  }
  get rateLimits(): {
    loginFailures: number;
    loginPerMinute: number;
    perMinute: number;
    registerPerHour: number;
  } {
    return {
      loginFailures: this.env.RATE_LIMIT_LOGIN_FAILURES,
      loginPerMinute: this.env.RATE_LIMIT_LOGIN_PER_MINUTE,
      perMinute: this.env.RATE_LIMIT_PER_MINUTE,
      registerPerHour: this.env.RATE_LIMIT_REGISTER_PER_HOUR,
    };
  }
}
