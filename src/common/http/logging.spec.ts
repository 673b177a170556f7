import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { serializeError } from './logging.js';

describe('serializeError', () => {
  it('writes a failed query by its facts and frames, without parameters, message or detail', () => {
    const driverError = Object.assign(new DatabaseError('duplicate key value', 0, 'error'), {
      code: '23505',
      constraint: 'UQ_users_email',
      table: 'users',
      detail: 'Key (email)=(ana@example.com) already exists.',
    });
    const error = new QueryFailedError(
      'INSERT INTO users VALUES ($1)',
      ['$argon2id$…'],
      driverError,
    );
    const written = JSON.stringify(serializeError(error));
    expect(written).toContain('SQLSTATE 23505, constraint UQ_users_email, table users');
    for (const value of ['ana@example.com', '$argon2id', 'duplicate key value']) {
      expect(written).not.toContain(value);
    }
  });

  it('writes other errors as pino does', () => {
    expect(serializeError(new RangeError('Invalid time value'))).toMatchObject({
      type: 'RangeError',
      message: 'Invalid time value',
    });
  });
});
