import { AppError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const ID = '6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f';

/** The field errors a cursor is refused with, or null when it is accepted. */
function refusal(cursor: string): unknown {
  try {
    decodeCursor(cursor, ['timestamp', 'uuid']);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.errors : error;
  }
}

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    const instant = new Date('2030-01-02T03:04:05.678Z').toISOString();
    expect(decodeCursor(encodeCursor([instant, ID]), ['timestamp', 'uuid'])).toEqual([instant, ID]);
    expect(decodeCursor(encodeCursor(['2030-01-02T03:04:05Z', ID]), ['timestamp', 'uuid'])).toEqual(
      ['2030-01-02T03:04:05Z', ID],
    );
  });

  it('is null without a cursor', () => {
    expect(decodeCursor(undefined, ['timestamp', 'uuid'])).toBeNull();
  });

  it.each([
    ['a bare year Date.parse accepts', '2030'],
    ['a year with a comment Date.parse ignores', '2030 (anything)'],
    ['a day that does not exist', '2030-02-30T10:00:00.000Z'],
    ['an hour past 23', '2030-01-01T24:00:00.000Z'],
    ['an offset instead of Z', '2030-01-01T10:00:00+01:00'],
    ['no zone at all', '2030-01-01T10:00:00'],
    ['a date only', '2030-01-01'],
    ['a year PostgreSQL refuses', '0000-01-01T00:00:00.000Z'],
    ['an expanded year', '+275760-09-13T00:00:00.000Z'],
    ['microseconds', '2030-01-01T10:00:00.000001Z'],
    ['a number', 1893456000000],
  ])('refuses %s on the cursor field', (_name, instant) => {
    expect(refusal(encodeCursor([instant, ID]))).toEqual([
      { field: 'cursor', message: 'cursor is not a valid page cursor' },
    ]);
  });

  it('refuses a cursor that is not base64url JSON of the right shape', () => {
    for (const cursor of [
      'garbage',
      encodeCursor([ID]),
      encodeCursor(['2030-01-01T00:00:00Z', 'x']),
    ]) {
      expect(refusal(cursor)).toEqual([
        { field: 'cursor', message: 'cursor is not a valid page cursor' },
      ]);
    }
  });
});
