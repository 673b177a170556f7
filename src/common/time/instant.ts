/**
 * An ISO 8601 instant with an explicit offset (`2026-12-01T15:00:00Z`), as the API requires (README), that
 * names a real moment PostgreSQL accepts: the day exists in its month, the hour is 00–23 and the
 * offset is a real-world one.
 */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](\d{2}):([0-5]\d))$/;
/** Real-world UTC offsets run from -12:00 to +14:00; PostgreSQL refuses beyond ±15:59. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** Instants outside these years are typos or probes; PostgreSQL would refuse some of them. */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2030-02-30 over to 2 March; PostgreSQL refuses it. So do we.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    return false;
  }
  if (match[8] !== undefined && Number(match[8]) * 60 + Number(match[9]) > MAX_OFFSET_MINUTES) {
    return false;
  }
  const time = Date.parse(value);
  return time >= EARLIEST && time < LATEST;
}
