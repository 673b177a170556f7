/**
 * The one way the app talks to the API: same-origin, JSON, typed by the generated schema, the
 * bearer token from localStorage, and RFC 9457 problem details turned into `ApiError`s.
 */

import createClient, { type Middleware } from 'openapi-fetch';
import { fieldSentence } from '../messages';
import type { components, paths } from './schema';

const TOKEN_KEY = 'unknot.token';

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

export const token = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (value: string) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

let unauthorized: () => void = () => undefined;
/** Called when the API refuses the stored token (expired or revoked): the session ends. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
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

/** Every call carries the stored token; a refused token ends the session; no reply is an ApiError. */
const session: Middleware = {
  onRequest({ request }) {
    const bearer = token.get();
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) unauthorized();
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
