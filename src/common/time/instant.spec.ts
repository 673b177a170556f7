import { isInstant } from './instant.js';

describe('isInstant', () => {
  it.each([
    '2026-12-01T15:00:00Z',
    '2026-12-01T15:00Z',
    '2026-12-01T15:00:00.123+05:30',
    '2028-02-29T23:59:59-12:00',
    '2026-12-01T00:00:00+14:00',
  ])('accepts %s', (value) => expect(isInstant(value)).toBe(true));

  it.each([
    // Date.parse accepts these (rolling over to March or May); PostgreSQL refuses them.
    ['a 30 February', '2030-02-30T10:00Z'],
    ['a 29 February outside a leap year', '2027-02-29T10:00:00Z'],
    ['a 31 April', '2030-04-31T00:00:00Z'],
    ['an offset PostgreSQL refuses', '2030-01-01T10:00+23:59'],
    ['an offset no place uses', '2030-01-01T10:00+15:00'],
    ['hour 24', '2030-01-01T24:00Z'],
    ['minute 60', '2030-01-01T10:60Z'],
    ['second 60', '2030-01-01T10:00:60Z'],
    ['month 13', '2030-13-01T10:00Z'],
    ['day 0', '2030-01-00T10:00Z'],
    ['no offset', '2030-01-01T10:00:00'],
    ['a date alone', '2030-01-01'],
    ['a year before 1900', '1899-12-31T23:59:59Z'],
    ['a year from 2200', '2200-01-01T00:00:00Z'],
    ['a number', 1893405660000],
  ])('refuses %s', (_name, value) => expect(isInstant(value)).toBe(false));
});
