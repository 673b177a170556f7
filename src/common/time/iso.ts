import { MINUTE_MS, HOUR_MS, DAY_MS } from './duration.js';
/**
 * `new Date(ms).toISOString()`, about five times faster for runs of nearby instants: the slot
 * routes format two instants per offered slot (1,068 strings for a 31-day search), and Date
 * allocation plus formatting was 40 % of the /slots route's CPU (bench profile). The date part is
 * cached per UTC day; the time part comes from lookup tables. Same output, byte for byte.
 */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** Years 0000–9999: toISOString switches to ±YYYYYY outside them. */
const FIRST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

let cachedDay = Number.NaN;
let cachedDatePrefix = '';

export function toIsoInstant(ms: number): string {
  if (!Number.isInteger(ms) || ms < FIRST_MS || ms > LAST_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDatePrefix = new Date(day * DAY_MS).toISOString().slice(0, 11); // "YYYY-MM-DDT"
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedDatePrefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}
