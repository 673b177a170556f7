import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error.js';
import { loggableStack } from './database-error.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { ErrorCode } from './error-code.js';
import { makeProblem, Problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/** Codes for errors that come from the framework rather than from our features. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  405: ErrorCode.MethodNotAllowed,
  413: ErrorCode.PayloadTooLarge,
  414: ErrorCode.UriTooLong,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

const SAFE_DETAIL: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.Unauthenticated]: 'A valid bearer token is required.',
  [ErrorCode.Forbidden]: 'Your role may not use this route.',
  [ErrorCode.RouteNotFound]: 'No route matches this method and path.',
  [ErrorCode.PayloadTooLarge]: 'The request body is larger than the server accepts.',
  [ErrorCode.UriTooLong]: 'A path parameter is longer than the server accepts.',
  [ErrorCode.RateLimited]: 'Too many requests; slow down and retry later.',
  [ErrorCode.MalformedJson]: 'The request body is not valid JSON.',
  [ErrorCode.UnsupportedMediaType]: 'Send request bodies as application/json.',
  [ErrorCode.ServiceUnavailable]: 'The service is temporarily unavailable; retry shortly.',
  [ErrorCode.InternalError]: 'Something went wrong on our side. It has been logged.',
  [ErrorCode.Conflict]: 'The change conflicts with data already stored.',
  [ErrorCode.ConcurrentUpdate]: 'Another change happened at the same moment; please try again.',
};

/**
 * What a refusal by PostgreSQL says to the client, by SQLSTATE: the fallback for the refusals no
 * feature maps to its own code. The driver's message is never sent: it quotes the values.
 */
function databaseRefusal(sqlState: unknown): Problem | undefined {
  if (typeof sqlState !== 'string') return undefined;
  // Class 22, data exception: a value PostgreSQL cannot take (bad syntax, out of range…).
  if (sqlState.startsWith('22')) {
    return makeProblem(
      400,
      ErrorCode.ValidationFailed,
      'A value in the request is malformed or out of range.',
    );
  }
  // Class 23, integrity constraint violation: unique, foreign key, check, exclusion.
  if (sqlState.startsWith('23')) {
    return makeProblem(409, ErrorCode.Conflict, SAFE_DETAIL[ErrorCode.Conflict]!);
  }
  // Deadlock and serialization failure: another transaction won; retrying is safe.
  if (sqlState === '40P01' || sqlState === '40001') {
    return makeProblem(409, ErrorCode.ConcurrentUpdate, SAFE_DETAIL[ErrorCode.ConcurrentUpdate]!);
  }
  return undefined;
}

interface ErrorLike {
  statusCode?: unknown;
}

const MALFORMED_BODY_CODES = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
]);

/** A client error raised by Fastify itself (4xx only: its 5xx are our faults). */
function isFastifyError(
  error: unknown,
): error is Error & { statusCode: number; code: string; message: string } {
  const e = error as ErrorLike | undefined;
  return (
    error instanceof Error &&
    error.name === 'FastifyError' &&
    typeof e?.statusCode === 'number' &&
    e.statusCode >= 400 &&
    e.statusCode < 500
  );
}

/** Turns any error into problem details; clients never see stack traces or SQL. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    return makeProblem(error.status, error.code, error.detail, error.errors);
  }
  // Nest wraps Fastify's own 4xx errors (bad JSON, body too large) in an HttpException.
  if (error instanceof HttpException && isFastifyError(error.cause)) return toProblem(error.cause);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      CODE_BY_STATUS[status] ??
      (status >= 500 ? ErrorCode.InternalError : ErrorCode.ValidationFailed);
    return makeProblem(status, code, SAFE_DETAIL[code] ?? httpDetail(error));
  }
  if (isDatabaseUnavailable(error)) {
    return makeProblem(
      503,
      ErrorCode.ServiceUnavailable,
      SAFE_DETAIL[ErrorCode.ServiceUnavailable]!,
    );
  }
  if (error instanceof QueryFailedError) {
    const refusal = databaseRefusal((error.driverError as { code?: unknown }).code);
    if (refusal) return refusal;
  }
  if (isFastifyError(error)) {
    const status = error.statusCode;
    const code = MALFORMED_BODY_CODES.has(error.code)
      ? ErrorCode.MalformedJson
      : (CODE_BY_STATUS[status] ?? ErrorCode.ValidationFailed);
    return makeProblem(status, code, SAFE_DETAIL[code] ?? error.message);
  }
  return makeProblem(500, ErrorCode.InternalError, SAFE_DETAIL[ErrorCode.InternalError]!);
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(request, reply, error, this.logger);
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Pick<Logger, 'error' | 'warn'>,
): void {
  const problem = toProblem(error);
  if (problem.status >= 500) {
    problem.requestId = String(request.id);
    const message = `${request.method} ${request.routeOptions?.url ?? 'unknown route'} failed (request ${request.id})`;
    if (problem.status === 503) logger.warn(`${message}: database unavailable`);
    else logger.error(message, loggableStack(error));
  }
  if (problem.status === 429) void reply.header('retry-after', '60');
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
