import fc from 'fast-check';
import { toIsoInstant } from './iso.js';

const reference = (ms: number) => new Date(ms).toISOString();

describe('toIsoInstant', () => {
  it('formats any instant exactly as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(toIsoInstant(ms)).toBe(reference(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('formats runs of nearby instants (the cached day) exactly, across midnight and years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { maxLength: 50 }),
        (base, steps) => {
          for (const step of [0, ...steps])
            expect(toIsoInstant(base + step)).toBe(reference(base + step));
        },
      ),
    );
    for (const ms of [
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 0, 1),
      Date.UTC(2028, 1, 29, 12),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      0,
    ]) {
      expect(toIsoInstant(ms)).toBe(reference(ms));
    }
  });

  it('falls back to Date for fractions and years outside 0000–9999', () => {
    for (const ms of [1.5, -0.5, 8.64e15, -8.64e15, 253_402_300_800_000]) {
      expect(toIsoInstant(ms)).toBe(reference(ms));
    }
  });
});
