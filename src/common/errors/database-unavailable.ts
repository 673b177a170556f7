/**
 * Tells "the database cannot be reached right now" (answered 503, retry shortly) apart from our own
 * faults (500). pg and TypeORM report a lost connection in several shapes: a PostgreSQL SQLSTATE
 * (the server said goodbye), a Node socket error (the socket died under the query — e.g. `read
 * ECONNRESET` when a query is written to a backend that was just terminated), or one of pg-pool's
 * messages. TypeORM's QueryFailedError copies the driver error's fields and keeps it as
 * `driverError`; both are looked at.
 */

/** SQLSTATEs: admin/crash shutdown, cannot connect now, connection exceptions, too many connections. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);

/** Node's socket errors: the connection to PostgreSQL broke or never came up. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code)) return true;
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
  return (
    isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  );
}
