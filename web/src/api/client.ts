/**
 * The one way the app talks to the API: same-origin, JSON, typed by the generated schema, the
 * access token kept in memory only (the refresh token lives in an HttpOnly cookie no script can
 * read), and RFC 9457 problem details turned into `ApiError`s.
 */

import createClient, { type Middleware } from 'openapi-fetch';
import { fieldSentence } from '../messages';
import type { components, paths } from './schema';

/** A refused field of a problem answer; the API always sends both parts. */
export type FieldError = Required<NonNullable<Schemas['Problem']['errors']>[number]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /**
   * The plain sentence for the first error on `field` or one of its children (`weekly[1]` →
   * `weekly[1].start`), to show next to that field.
   */
  fieldError(field: string): string | undefined {
    const error = this.errors.find(
      (e) =>
        e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`),
    );
    return error && fieldSentence(error.field);
  }
}

type Auth = Schemas['AuthResponse'];

/** The access token: in this page's memory only, gone on reload (a refresh brings it back). */
let accessToken: string | null = null;
/** When to trade it for a new one: a minute before it expires. */
let renewAt = 0;
export const token = {
  get: (): string | null => accessToken,
  set: (auth: Pick<Auth, 'accessToken' | 'expiresIn'>) => {
    accessToken = auth.accessToken;
    renewAt = Date.now() + Math.max(auth.expiresIn - 60, 0) * 1000;
  },
  clear: () => (accessToken = null),
};

let expired: () => void = () => undefined;
/** Called when the session has ended (logged out elsewhere, password changed, too long idle). */
export function onSessionExpired(handler: () => void): void {
  expired = handler;
}

let refreshing: Promise<Auth | null> | null = null;

/**
 * Trades the refresh cookie for a new pair; null when the session has ended. A refresh token
 * works once, so tabs take turns (a Web Lock): the second tab sends the cookie the first one got.
 */
export function refreshSession(): Promise<Auth | null> {
  const refresh = async () => {
    const { data, response } = await client.POST('/api/v1/auth/refresh', { body: {} });
    if (!response.ok || !data) return null;
    token.set(data);
    return data;
  };
  refreshing ??= (
    navigator.locks ? navigator.locks.request('unknot-refresh', refresh) : refresh()
  ).finally(() => (refreshing = null));
  return refreshing;
}

function toApiError(status: number, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Partial<
    Omit<Schemas['Problem'], 'errors'> & { errors: FieldError[] }
  >;
  return new ApiError(
    status,
    problem.code ?? `HTTP_${status}`,
    problem.title ?? 'Something went wrong',
    problem.detail ?? 'The server could not handle the request. Please try again.',
    Array.isArray(problem.errors) ? problem.errors : [],
  );
}

/** The routes that start or end a session: they carry no access token and answer their own 401. */
const isAuthRoute = (request: Request) =>
  /\/api\/v1\/auth\/(login|register|refresh|logout)$/.test(new URL(request.url).pathname);

/**
 * Every call carries the access token, renewed before it expires (it lives 15 minutes), so a
 * refused token means the session has ended: the app then asks the person to sign in again.
 */
const session: Middleware = {
  async onRequest({ request }) {
    if (isAuthRoute(request) || request.headers.has('authorization')) return request;
    if (accessToken && Date.now() >= renewAt) await refreshSession();
    if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !isAuthRoute(request) && request.headers.has('authorization')) {
      token.clear();
      expired();
    }
    return response;
  },
  onError() {
    return new ApiError(
      0,
      'NETWORK_ERROR',
      'No connection',
      'We could not reach Unknot. Check your connection and try again.',
    );
  },
};

/**
 * The typed client of the served document: `client.GET('/api/v1/...', { params })`. Paths, params,
 * bodies and answers all come from `schema.d.ts` (`npm run api:types`).
 */
export const client = createClient<paths>({ headers: { accept: 'application/json' } });
client.use(session);

/** The answer's data, or its problem details thrown as an `ApiError`. */
export async function answer<Data>(
  pending: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response.status, error);
  return data as Data;
}

/** The generated schemas, by name (`Schemas['BookingResponse']`). */
export type Schemas = components['schemas'];

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT_ERROR', 'Something went wrong', String(error));
}
