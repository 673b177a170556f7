import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';
import { sendProblem, toProblem } from './problem-details.filter.js';

/** A refusal by PostgreSQL as TypeORM throws it, with values in its message and detail. */
function refusal(code: string, message = 'invalid input syntax for type uuid: "secret-value"') {
  const driverError = Object.assign(new DatabaseError(message, 0, 'error'), {
    code,
    detail: 'Key (email)=(secret-value) already exists.',
    constraint: 'UQ_users_email',
    table: 'users',
  });
  return new QueryFailedError('INSERT INTO users VALUES ($1)', ['secret-value'], driverError);
}

describe('toProblem for PostgreSQL refusals', () => {
  it.each(['22P02', '22007', '22003', '22001', '22023'])(
    'answers a data exception (%s) 400 with a plain detail',
    (code) => {
      expect(toProblem(refusal(code))).toMatchObject({
        status: 400,
        code: ErrorCode.ValidationFailed,
        detail: 'A value in the request is malformed or out of range.',
      });
    },
  );

  it.each(['23505', '23503', '23514', '23P01', '23502'])(
    'answers an integrity violation (%s) 409 CONFLICT',
    (code) => {
      expect(toProblem(refusal(code))).toMatchObject({ status: 409, code: ErrorCode.Conflict });
    },
  );

  it.each(['40P01', '40001'])('answers a lost race (%s) 409 CONCURRENT_UPDATE', (code) => {
    expect(toProblem(refusal(code))).toMatchObject({
      status: 409,
      code: ErrorCode.ConcurrentUpdate,
      detail: 'Another change happened at the same moment; please try again.',
    });
  });

  it('keeps a lost database 503', () => {
    expect(toProblem(refusal('57P01', 'terminating connection'))).toMatchObject({
      status: 503,
      code: ErrorCode.ServiceUnavailable,
    });
  });

  it('keeps our own SQL mistakes 500', () => {
    expect(toProblem(refusal('42601'))).toMatchObject({
      status: 500,
      code: ErrorCode.InternalError,
    });
  });

  it('never quotes the driver', () => {
    for (const code of ['22P02', '23505', '40P01', '42601']) {
      expect(JSON.stringify(toProblem(refusal(code)))).not.toContain('secret-value');
    }
  });

  it('leaves a feature’s own mapping of a constraint first', () => {
    const mapped = new AppError(ErrorCode.EmailTaken, 'An account with this email already exists.');
    expect(toProblem(mapped)).toMatchObject({ status: 409, code: ErrorCode.EmailTaken });
  });
});

describe('sendProblem', () => {
  function send(error: unknown) {
    const logged: string[] = [];
    const reply = {
      status: () => reply,
      header: () => reply,
      send: () => reply,
    };
    const request = { id: 'r-1', method: 'POST', routeOptions: { url: '/api/v1/bookings' } };
    sendProblem(request as never, reply as never, error, {
      error: (...parts: unknown[]) => logged.push(parts.join('\n')),
      warn: (...parts: unknown[]) => logged.push(parts.join('\n')),
    });
    return logged.join('\n');
  }

  it('logs a failed query by SQLSTATE, constraint and frames, never its message or detail', () => {
    const logged = send(refusal('42601', 'syntax error near "secret-value"'));
    expect(logged).toContain('SQLSTATE 42601, constraint UQ_users_email, table users');
    expect(logged).toMatch(/\n\s+at /);
    expect(logged).not.toContain('secret-value');
  });

  it('logs other faults with their whole stack', () => {
    expect(send(new TypeError('Cannot read properties of undefined'))).toContain(
      'TypeError: Cannot read properties of undefined',
    );
  });
});
