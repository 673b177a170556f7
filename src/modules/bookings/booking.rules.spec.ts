import { isInsideNotice, isLateCancellation, transition } from './booking.rules.js';

const HOUR = 3_600_000;
const start = Date.UTC(2030, 0, 10, 15);

describe('booking transitions', () => {
  it('cancels a confirmed booking before it starts', () => {
    expect(transition('confirmed', 'cancel', start, start - HOUR)).toEqual({
      ok: true,
      status: 'cancelled',
    });
  });

  it('refuses to cancel once the session has started', () => {
    expect(transition('confirmed', 'cancel', start, start)).toEqual({
      ok: false,
      reason: 'started',
    });
  });

  it.each(['complete', 'no-show'] as const)('allows %s only from the start time', (action) => {
    expect(transition('confirmed', action, start, start - 1)).toEqual({
      ok: false,
      reason: 'not-started',
    });
    expect(transition('confirmed', action, start, start)).toEqual({
      ok: true,
      status: action === 'complete' ? 'completed' : 'no-show',
    });
  });

  it.each(['cancelled', 'completed', 'no-show'] as const)('never moves a %s booking', (status) => {
    for (const action of ['cancel', 'complete', 'no-show'] as const) {
      for (const now of [start - HOUR, start + HOUR]) {
        expect(transition(status, action, start, now)).toEqual({ ok: false, reason: 'invalid' });
      }
    }
  });
});

describe('late cancellation', () => {
  it('marks a client cancellation inside 24 hours as late', () => {
    expect(isLateCancellation(true, start, start - 23 * HOUR, 24)).toBe(true);
    expect(isLateCancellation(true, start, start - 24 * HOUR, 24)).toBe(false);
    expect(isLateCancellation(true, start, start - 47 * HOUR, 48)).toBe(true);
  });

  it('never marks a therapist or admin cancellation as late', () => {
    expect(isLateCancellation(false, start, start - HOUR, 24)).toBe(false);
  });

  it('refuses to move a rescheduled booking again, like any booking that is not confirmed', () => {
    expect(transition('rescheduled', 'cancel', start, start - 48 * HOUR)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});

describe('the notice window', () => {
  it('covers the last CANCELLATION_NOTICE_HOURS before the start', () => {
    expect(isInsideNotice(start, start - 24 * HOUR + 1, 24)).toBe(true);
    expect(isInsideNotice(start, start - 24 * HOUR, 24)).toBe(false);
    expect(isInsideNotice(start, start - HOUR, 0)).toBe(false);
  });
});
