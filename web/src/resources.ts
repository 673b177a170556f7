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
