import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Params } from 'nestjs-pino';
import { type Logger, stdSerializers } from 'pino';
import { AppConfig } from '../../config/app-config.js';
import { databaseErrorFacts, loggableStack } from '../errors/database-error.js';

/** Calendar feed URLs carry a secret; logs keep only the path shape. */
export const redactUrl = (url: string | undefined) =>
  (url ?? '').replace(/\/calendar\/[^/?]+/, '/calendar/[redacted]');

/**
 * A logged error as pino writes it, except a database error: its message and fields (the query's
 * parameters, the driver's detail) quote values, so only its facts and frames are written.
 */
export function serializeError(error: Error): object {
  return databaseErrorFacts(error)
    ? { type: error.name, stack: loggableStack(error) }
    : stdSerializers.err(error);
}

/** The request line's level: an error for a 5xx answer, a warning for a 4xx one. */
export function requestLogLevel(statusCode: number): 'error' | 'warn' | 'info' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * The app's pino logger. Only method, path and status of a request are logged: never headers
 * (tokens), bodies (passwords, intake answers) or query strings. No per-request middleware:
 * nestjs-pino's (a child logger and an async context per request, whether or not anything is
 * logged) cost the read routes about a tenth of their CPU; logRequests writes the request lines.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [],
    pinoHttp: {
      level: config.logLevel,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: redactUrl(req.url?.split('?')[0]),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
      redact: ['req.headers', 'res.headers', 'req.body'],
    },
  };
}

/**
 * Fastify onResponse hook: one JSON line per answered request, with its request id, at the level
 * its status calls for; the level test comes first, so a line the level drops costs nothing. Load
 * balancers poll /health; logging each probe would drown the useful lines. `rootLogger` is read
 * per request: nestjs-pino sets it when the app initialises, after the hooks are added.
 */
export function logRequests(rootLogger: () => Logger) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const logger = rootLogger();
    const level = requestLogLevel(reply.statusCode);
    if (logger.isLevelEnabled(level) && request.routeOptions.url !== '/health') {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: request.url },
          // pino-http's serializers, which the custom ones wrap, read a sent response's status.
          res: reply.raw,
          responseTime: Math.round(reply.elapsedTime),
        },
        level === 'error' ? 'request errored' : 'request completed',
      );
    }
    done();
  };
}
