import { plainToInstance, Transform } from 'class-transformer';
import { parseTrustProxy } from './trust-proxy.js';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/** The one schema of the environment. The app refuses to start when a variable breaks it. */
export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Access token lifetime in seconds: short, since a refresh token renews it. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(60 * 60 * 24)
  JWT_TTL = 900;

  /** A refresh token's life (days): a session unused this long is over. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_IDLE_DAYS = 14;

  /** A session's absolute life (days) from sign-in, however often it is refreshed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_MAX_DAYS = 60;

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,]+(,\s*https?:\/\/[^\s,]+)*)$/, {
    message: 'CORS_ORIGINS must be * or a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** Proxies in front of the app whose X-Forwarded-For is trusted: a hop count or IPs/CIDRs. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Redis for the per-IP limits shared by every instance; unset: each instance counts its own. */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  /** The externally visible base URL, used for absolute links such as calendar feeds. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Registrations, password-reset requests and verification resends per IP per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_PER_HOUR = 20;

  /** How far ahead (days) a session may be booked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3660)
  BOOKING_HORIZON_DAYS = 180;

  /** Within this many hours of the start a client's cancellation is late and a reschedule refused. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 14)
  CANCELLATION_NOTICE_HOURS = 24;

  /** How long a waitlist offer holds its time for the client it is offered to. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  WAITLIST_HOLD_MINUTES = 15;

  /** How often (seconds) each instance polls the job queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  JOB_POLL_SECONDS = 2;

  /** The spa's name, as messages and the web app show it. */
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  SPA_NAME = 'Unknot';

  /** Where mail goes (`smtp://user:pass@host:port` or `smtps://…`); unset: written to MAIL_DIR. */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** The sender of every message: an address, or `Name <address>`. */
  @Matches(/^([^<>]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'MAIL_FROM must be an email address or "Name <address>"',
  })
  MAIL_FROM = 'Unknot <no-reply@unknot.invalid>';

  /** Without SMTP_URL, each message is written here as an .eml file. */
  @IsString()
  @MinLength(1)
  MAIL_DIR = '.data/mail';

  /** Attempts after the first before a message is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(20)
  MAIL_RETRY_LIMIT = 6;

  /** The first retry's delay (seconds); each next one doubles it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_RETRY_DELAY_SECONDS = 30;

  /** How long (minutes) before a session its reminder is sent. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 14)
  REMINDER_LEAD_MINUTES = 1440;

  /** Connections in this instance's PostgreSQL pool. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;
}

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EnvironmentError';
  }
}

/** Validates `env`; throws an EnvironmentError naming every bad variable. */
export function parseEnvironment(env: Record<string, string | undefined>): Environment {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const problems = validateSync(parsed, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  const trustProxy = parseTrustProxy(parsed.TRUST_PROXY);
  if ('problem' in trustProxy) problems.push(trustProxy.problem);
  if (parsed.SESSION_IDLE_DAYS > parsed.SESSION_MAX_DAYS) {
    problems.push('SESSION_IDLE_DAYS must not exceed SESSION_MAX_DAYS');
  }
  if (Boolean(parsed.ADMIN_EMAIL) !== Boolean(parsed.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (problems.length > 0) throw new EnvironmentError(problems);
  return parsed;
}
