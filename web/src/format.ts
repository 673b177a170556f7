/** Dates, times and money in the viewer's own locale and time zone (Intl). */

export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const isoDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (iso: string) => time.format(new Date(iso));
export const formatDay = (date: Date) => day.format(date);
export const formatWeekday = (date: Date) => weekday.format(date);
export const formatShortDay = (date: Date) => shortDay.format(date);
export const formatMoney = (cents: number) => money.format(cents / 100);

/**
 * `YYYY-MM-DD` of an instant in the viewer's time zone (the key to group slots by day), or in
 * `timeZone` (a location's day, whatever the viewer's clock says).
 */
export const dayKey = (date: Date, timeZone?: string) =>
  timeZone
    ? new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(date)
    : isoDay.format(date);

/** Midnight of the viewer's day `offset` days from `date`. */
export function startOfDay(date: Date, offset = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offset);
}

/** A time zone as people say it: `America/New_York` → `New York time`. */
export const zoneName = (timeZone: string) =>
  `${(timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ')} time`;

/** `deep-tissue` → `Deep tissue`. */
export function humanize(slug: string): string {
  const text = slug.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The midnight that starts `date` (YYYY-MM-DD) in `timeZone`, as an instant. Two passes of
 * "what does the zone's clock read at this instant" settle the offset, DST changes included.
 */
export function zonedMidnight(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wanted = Date.UTC(year, month - 1, day);
  const reads = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const clock = (instant: number) => {
    const parts = Object.fromEntries(
      reads.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
    );
    return Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
    );
  };
  let instant = wanted;
  for (let pass = 0; pass < 2; pass++) instant -= clock(instant) - wanted;
  return new Date(instant);
}

/** `date` moved by `days` (YYYY-MM-DD arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
