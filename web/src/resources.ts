import { answer, client, type Schemas } from './api/client';
import { humanize } from './format';

type Location = Schemas['LocationResponse'];
type Room = Schemas['RoomResponse'];
type Equipment = Schemas['EquipmentResponse'];

/** Room features most spas have; an admin may add others in their own words. */
export const COMMON_FEATURES: Record<string, string> = {
  table: 'Massage table',
  'prenatal-table': 'Prenatal table',
  'hot-stone-heater': 'Hot-stone heater',
  shower: 'Shower',
};

/** A feature or equipment kind in words: `prenatal-table` → `Prenatal table`. */
export const featureLabel = (slug: string) => COMMON_FEATURES[slug] ?? humanize(slug);

/** What the admin typed (`Hot stones`, `steam room`) as the API's kind of name: `hot-stones`. */
export function toSlug(words: string): string {
  return words
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Comma-separated words → distinct slugs, empty pieces dropped. */
export const toSlugs = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map(toSlug)
      .filter((slug) => slug !== ''),
  ),
];

export interface Place {
  location: Location;
  rooms: Room[];
  equipment: Equipment[];
}

/** Every location with its rooms and equipment (admin only): one round of requests in parallel. */
export async function loadPlaces(): Promise<Place[]> {
  const locations = await answer(client.GET('/api/v1/locations'));
  return Promise.all(
    locations.map(async (location) => {
      const path = { params: { path: { id: location.id } } };
      const [rooms, equipment] = await Promise.all([
        answer(client.GET('/api/v1/admin/locations/{id}/rooms', path)),
        answer(client.GET('/api/v1/admin/locations/{id}/equipment', path)),
      ]);
      return { location, rooms, equipment };
    }),
  );
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

/** Today's date (YYYY-MM-DD) as the clocks in `timeZone` read it. */
export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** `date` moved by `days` (YYYY-MM-DD arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
