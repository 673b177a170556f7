/** Where a feed is served (under the API prefix): the one place its path is written. */
export const calendarFeedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

/** The token in a feed's file name (`<token>.ics`), or null. */
export const calendarTokenOf = (file: string) =>
  file.endsWith('.ics') && file.length > 4 ? file.slice(0, -4) : null;
