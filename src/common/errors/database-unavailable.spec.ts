import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** A Node socket error, shaped as net.Socket reports it. */
const socketError = (syscall: string, code: string) =>
  Object.assign(new Error(`${syscall} ${code}`), { code, syscall, errno: -1 });

/** A PostgreSQL error, as pg builds it from the server's ErrorResponse. */
const serverError = (code: string, message: string) =>
  Object.assign(new DatabaseError(message, 0, 'error'), { code });

const viaTypeorm = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a backend terminated by an operator', serverError('57P01', 'terminating connection')],
    ['a crash shutdown', serverError('57P02', 'crash shutdown')],
    ['a server still starting', serverError('57P03', 'the database system is starting up')],
    ['too many connections', serverError('53300', 'too many clients already')],
    // A query written to a socket whose backend was just terminated: seen under load in CI.
    ['a socket reset under a query', socketError('read', 'ECONNRESET')],
    ['a write to a closed socket', socketError('write', 'EPIPE')],
    ['a refused connection', socketError('connect', 'ECONNREFUSED')],
    ['a lost connection (pg)', new Error('Connection terminated unexpectedly')],
    ['a pool timeout (pg-pool)', new Error('timeout exceeded when trying to connect')],
  ])('is true for %s, bare or wrapped by TypeORM', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(viaTypeorm(error))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: error }))).toBe(true);
  });

  it.each([
    ['a syntax error', serverError('42601', 'syntax error at or near "SELEC"')],
    ['an exclusion violation', serverError('23P01', 'conflicting key value')],
    ['a unique violation', serverError('23505', 'duplicate key value')],
    ['a bug of ours', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('is false for %s, which stays a 500 or a domain answer', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(viaTypeorm(error))).toBe(false);
  });

  it('is false for values that are not errors', () => {
    for (const value of [undefined, null, 'ECONNRESET', 57, {}]) {
      expect(isDatabaseUnavailable(value)).toBe(false);
    }
  });

  it('stops on a cause cycle', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
