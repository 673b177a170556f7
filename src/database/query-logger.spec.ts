import { DatabaseError } from 'pg';
import type { Logger } from 'typeorm';
import { QueryLogger } from './query-logger.js';

function logger() {
  const lines: string[] = [];
  const sink = {
    log: (message: unknown) => lines.push(`log ${String(message)}`),
    warn: (message: unknown) => lines.push(`warn ${String(message)}`),
    verbose: (message: unknown) => lines.push(`verbose ${String(message)}`),
  };
  // Called as TypeORM calls it, with the query and its parameters.
  const queryLogger: Logger = new QueryLogger(sink);
  return { lines, queryLogger };
}

describe('QueryLogger', () => {
  it('logs a failed query by SQLSTATE, constraint and table, never its parameters or message', () => {
    const { lines, queryLogger } = logger();
    const error = Object.assign(
      new DatabaseError('duplicate key value violates unique constraint', 0, 'error'),
      {
        code: '23505',
        constraint: 'UQ_users_email',
        table: 'users',
        detail: 'Key (email)=(ana@example.com) already exists.',
      },
    );
    queryLogger.logQueryError(error, 'INSERT INTO users VALUES ($1, $2)', [
      'ana@example.com',
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    ]);
    expect(lines).toEqual([
      'warn Query failed: SQLSTATE 23505, constraint UQ_users_email, table users',
    ]);
  });

  it('logs a socket error by its code', () => {
    const { lines, queryLogger } = logger();
    queryLogger.logQueryError(
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      'SELECT 1',
    );
    expect(lines).toEqual(['warn Query failed: SQLSTATE ECONNRESET']);
  });

  it('never logs a query, even a slow one, with its parameters', () => {
    const { lines, queryLogger } = logger();
    queryLogger.logQuery('SELECT * FROM intakes WHERE id = $1', ['secret-value']);
    queryLogger.logQuerySlow(1200, 'SELECT $1', ['secret-value']);
    expect(lines).toEqual(['warn A query took 1200 ms']);
  });

  it('still logs migrations', () => {
    const { lines, queryLogger } = logger();
    queryLogger.logMigration('Migration CreateUsers1700000000000 has been executed successfully.');
    expect(lines).toEqual([
      'log Migration CreateUsers1700000000000 has been executed successfully.',
    ]);
  });
});
