import { ExecutionContext, Logger, SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config.js';
import { HitLogStorage } from './hit-log-storage.js';
import { SharedThrottlerStorage } from './throttler-storage.js';

const RATE_LIMIT_GROUP = 'unknot:rateLimitGroup';
type Group = 'login' | 'account';

/** Marks the login route: it gets the per-IP login limit instead of the general ceiling. */
export const LoginRateLimit = () => SetMetadata(RATE_LIMIT_GROUP, 'login');

/**
 * Marks routes that create accounts or send email (register, password reset, verification
 * resend): each costs a password hash or a message, so they get an hourly per-IP limit.
 */
export const AccountRateLimit = () => SetMetadata(RATE_LIMIT_GROUP, 'account');

const groupOf = (context: ExecutionContext): Group | undefined =>
  Reflect.getMetadata(RATE_LIMIT_GROUP, context.getHandler()) as Group | undefined;

/**
 * Per-IP limits (README, API section): logins per minute, account creation and email per hour,
 * and a ceiling on everything else. With REDIS_URL the counts live in Redis and hold for the whole
 * deployment; without it each instance counts its own, in memory.
 */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const { loginPerMinute, perMinute, registerPerHour } = config.rateLimits;
  const redisUrl = config.redisUrl;
  if (!redisUrl) {
    new Logger('RateLimits').log('No REDIS_URL: per-IP limits are counted by each instance');
  }
  return {
    errorMessage: 'Too many requests; slow down and retry later.',
    storage: redisUrl ? new SharedThrottlerStorage(redisUrl) : new HitLogStorage(),
    throttlers: [
      {
        name: 'general',
        ttl: 60_000,
        limit: perMinute,
        skipIf: (context) => groupOf(context) !== undefined,
      },
      {
        name: 'login',
        ttl: 60_000,
        limit: loginPerMinute,
        skipIf: (context) => groupOf(context) !== 'login',
      },
      {
        name: 'account',
        ttl: 3_600_000,
        limit: registerPerHour,
        skipIf: (context) => groupOf(context) !== 'account',
      },
    ],
  };
}
