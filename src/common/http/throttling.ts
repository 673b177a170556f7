import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config.js';
import { HitLogStorage } from './hit-log-storage.js';

const LOGIN_ROUTE = 'unknot:loginRoute';

/** Marks the login route: it gets the per-IP login limit instead of the general ceiling. */
export const LoginRateLimit = () => SetMetadata(LOGIN_ROUTE, true);

const isLoginRoute = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(LOGIN_ROUTE, context.getHandler()) === true;

/** Per-IP limits (README, API section): logins per minute, and a ceiling on everything else. */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const { loginPerMinute, perMinute } = config.rateLimits;
  return {
    errorMessage: 'Too many requests; slow down and retry later.',
    storage: new HitLogStorage(),
    throttlers: [
      { name: 'general', ttl: 60_000, limit: perMinute, skipIf: isLoginRoute },
      {
        name: 'login',
        ttl: 60_000,
        limit: loginPerMinute,
        skipIf: (context) => !isLoginRoute(context),
      },
    ],
  };
}
