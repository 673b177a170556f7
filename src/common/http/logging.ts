import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';
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

/**
 * Structured request logs with the request id. Only method, path and status are logged: never
 * headers (tokens), bodies (passwords, intake answers) or query strings.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    // Load balancers poll /health; logging each probe would drown the useful lines.
    exclude: [{ method: RequestMethod.ALL, path: 'health' }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => String(req.headers['x-request-id']),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          path: redactUrl(req.url?.split('?')[0]),
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
      redact: ['req.headers', 'res.headers', 'req.body'],
    },
  };
}
