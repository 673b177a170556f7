import { request } from './api-request.js';
import { API } from './factories.js';

/**
 * Polls `GET /me` with `token` on `server` until it answers `status`, and answers how long that
 * took (ms); fails when it has not after `withinMs`. The claim it checks: "on every instance within
 * a second".
 */
export async function answersWithin(
  server: string,
  token: string,
  status: number,
  withinMs = 1000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await request(server).get(`${API}/me`).set('Authorization', `Bearer ${token}`);
    if (response.status === status) return Date.now() - started;
    if (Date.now() - started > withinMs) {
      throw new Error(`GET /me still answered ${response.status} after ${withinMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The attributes of the refresh cookie a sign-in set. */
export function refreshCookie(setCookie: string[] | string | undefined) {
  const header = [setCookie ?? []].flat().find((value) => value.startsWith('unknot_refresh='));
  if (!header) return null;
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return {
    value: pair.slice('unknot_refresh='.length),
    attributes: attributes.map((attribute) => attribute.toLowerCase()),
    header,
  };
}
