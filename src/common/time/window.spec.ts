import { ValidationError } from '../errors/app-error.js';
import { parseWindow } from './window.js';
import { DAY_MS } from './duration.js';

const now = Date.UTC(2030, 0, 10, 12);
const options = { defaultFrom: now, notBefore: now, defaultDays: 7, maxDays: 31 };

describe('parseWindow', () => {
  it('defaults to a week from now', () => {
    expect(parseWindow({}, options)).toEqual({ from: now, to: now + 7 * DAY_MS });
  });

  it('clamps a past start to now when searching free time', () => {
    expect(
      parseWindow({ from: '2030-01-01T00:00:00Z', to: '2030-01-12T00:00:00Z' }, options),
    ).toEqual({
      from: now,
      to: Date.UTC(2030, 0, 12),
    });
  });

  it('refuses backwards and too-long windows, naming `to`', () => {
    for (const query of [
      { to: '2030-01-01T00:00:00Z' },
      { from: '2030-01-11T00:00:00Z', to: '2030-02-20T00:00:00Z' },
    ]) {
      expect(() => parseWindow(query, options)).toThrow(ValidationError);
      try {
        parseWindow(query, options);
      } catch (error) {
        expect((error as ValidationError).errors?.[0].field).toBe('to');
      }
    }
  });

  it('keeps a past start when not searching free time (the agenda)', () => {
    const past = { from: '2029-12-01T00:00:00Z' };
    expect(parseWindow(past, { defaultFrom: now, defaultDays: 14, maxDays: 92 }).from).toBe(
      Date.UTC(2029, 11, 1),
    );
  });
});
