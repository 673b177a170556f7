import { createHash } from 'node:crypto';

/**
 * What an Idempotency-Key is bound to: same method, path and canonical body => same hash (key
 * order and undefined fields do not matter). `route` is e.g. `POST /bookings`.
 */
export function requestHash(route: string, body: object): string {
  const canonical = JSON.stringify(
    Object.fromEntries(
      Object.entries(body)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
  return createHash('sha256').update(`${route}\n${canonical}`).digest('hex');
}
