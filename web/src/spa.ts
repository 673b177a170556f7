import { createContext, useContext, useEffect, useState } from 'react';
import { answer, client, type Schemas } from './api/client';

/** A bookable therapist's public profile (with `photoUrl`, null when there is no photo). */
export type PublicTherapist = Schemas['PublicTherapistResponse'];

/** What anyone may see of the spa before signing in: the menu, the people and the places. */
export interface Spa {
  techniques: Schemas['TechniqueResponse'][];
  offerings: Schemas['OfferingResponse'][];
  therapists: PublicTherapist[];
  locations: Schemas['LocationResponse'][];
}

/** The API client, or on the server one that answers in-process (web/src/entry-server.tsx). */
export type ApiClient = Pick<typeof client, 'GET'>;

/** One round of public reads, in parallel; `api` is the server's in-process client when it renders. */
export async function loadSpa(api: ApiClient = client): Promise<Spa> {
  const [techniques, offerings, therapists, locations] = await Promise.all([
    answer(api.GET('/api/v1/techniques')),
    answer(api.GET('/api/v1/offerings', { params: { query: { limit: 100 } } })),
    answer(api.GET('/api/v1/therapists', { params: { query: { limit: 100 } } })),
    answer(api.GET('/api/v1/locations')),
  ]);
  return { techniques, offerings: offerings.items, therapists: therapists.items, locations };
}

/** The element the server writes the spa into, as JSON that is never executed (the CSP holds). */
export const SPA_DATA_ID = 'spa-data';

/** The spa the server rendered the page with; `shown` once a home has been shown with it. */
export interface Preloaded {
  spa: Spa;
  shown: boolean;
}

export const PreloadedSpa = createContext<Preloaded | null>(null);

/**
 * The server's spa for the first home the page shows (so it hydrates without asking again);
 * a later visit to the home reads the API afresh, in case the menu changed meanwhile.
 */
export function usePreloadedSpa(): Spa | undefined {
  const preloaded = useContext(PreloadedSpa);
  const [spa] = useState(() => (preloaded && !preloaded.shown ? preloaded.spa : undefined));
  useEffect(() => {
    if (preloaded) preloaded.shown = true;
  }, [preloaded]);
  return spa;
}

/** Reads the server's JSON block, if the page has one. */
export function readPreloadedSpa(): Preloaded | null {
  const text = document.getElementById(SPA_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    return { spa: JSON.parse(text) as Spa, shown: false };
  } catch {
    return null;
  }
}

/** The menu by technique, in the catalog's order, each with its offerings from short to long. */
export function menuOf(spa: Pick<Spa, 'techniques' | 'offerings'>) {
  return spa.techniques
    .map((technique) => ({
      technique,
      offerings: spa.offerings
        .filter((offering) => offering.technique === technique.slug)
        .sort((a, b) => a.durationMinutes - b.durationMinutes || a.priceCents - b.priceCents),
    }))
    .filter((entry) => entry.offerings.length > 0);
}

export type MenuEntry = ReturnType<typeof menuOf>[number];
