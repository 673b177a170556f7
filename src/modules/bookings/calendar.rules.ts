import { shortName } from '../../common/text/names.js';

/**
 * The title of a session in a therapist's calendar feed. The feed lands in third-party calendars
 * (and their sync servers, lock screens, shared views), so the title is opaque: no technique or
 * offering — "Prenatal massage" says the client is pregnant — and only the client's first name
 * with the initial of the last, enough for the therapist to know who is coming.
 */
export function sessionTitle(clientName: string): string {
  return `Massage session — ${shortName(clientName)}`;
}

/** Where a feed is served (under the API prefix): the one place its path is written. */
export const calendarFeedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

/** The token in a feed's file name (`<token>.ics`), or null. */
export const calendarTokenOf = (file: string) =>
  file.endsWith('.ics') && file.length > 4 ? file.slice(0, -4) : null;
