import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { databaseErrorFacts, describeDatabaseError, loggableStack } from './database-error.js';

const pgError = (fields: Record<string, unknown>) =>
  Object.assign(new DatabaseError('value "secret-value" is refused', 0, 'error'), fields);

describe('databaseErrorFacts', () => {
  it('reads the SQLSTATE, constraint and table of a pg error, bare or wrapped by TypeORM', () => {
    const error = pgError({ code: '23514', constraint: 'CHK_bookings_price', table: 'bookings' });
    const facts = { code: '23514', constraint: 'CHK_bookings_price', table: 'bookings' };
    expect(databaseErrorFacts(error)).toEqual(facts);
    expect(databaseErrorFacts(new QueryFailedError('SELECT 1', ['x'], error))).toEqual(facts);
  });

  it('drops anything in those fields that is not a plain name', () => {
    const error = pgError({ code: '23505', constraint: 'secret value', table: 'a"b' });
    expect(databaseErrorFacts(error)).toEqual({ code: '23505' });
  });

  it('is undefined for errors that did not come from the database', () => {
    expect(databaseErrorFacts(new Error('boom'))).toBeUndefined();
    expect(databaseErrorFacts(undefined)).toBeUndefined();
  });

  it('describes the facts in one line', () => {
    expect(
      describeDatabaseError({ code: '23505', constraint: 'UQ_users_email', table: 'users' }),
    ).toBe('SQLSTATE 23505, constraint UQ_users_email, table users');
    expect(describeDatabaseError({})).toBe('SQLSTATE unknown');
  });
});

describe('loggableStack', () => {
  it('keeps the frames of a failed query and replaces its message by its facts', () => {
    const error = new QueryFailedError('SELECT $1', ['secret-value'], pgError({ code: '22P02' }));
    const stack = loggableStack(error);
    expect(stack.split('\n')[0]).toBe('QueryFailedError: SQLSTATE 22P02');
    expect(stack).toMatch(/\n\s+at /);
    expect(stack).not.toContain('secret-value');
  });

  it('keeps the whole stack of other errors', () => {
    const error = new RangeError('Invalid time value');
    expect(loggableStack(error)).toBe(error.stack);
  });
});
