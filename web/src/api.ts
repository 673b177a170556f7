/**
 * The one way the app talks to the API: same-origin `/api/v1`, JSON, the bearer token from
 * localStorage, and RFC 9457 problem details turned into `ApiError`s.
 */

import { fieldSentence } from './messages';

const BASE = '/api/v1';
const TOKEN_KEY = 'unknot.token';

export interface FieldError {
  field: string;
  message: string;
}

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
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Partial<{
    code: string;
    title: string;
    detail: string;
    errors: FieldError[];
  }>;
  return new ApiError(
    status,
    problem.code ?? `HTTP_${status}`,
    problem.title ?? 'Something went wrong',
    problem.detail ?? 'The server could not handle the request. Please try again.',
    Array.isArray(problem.errors) ? problem.errors : [],
  );
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const bearer = token.get();
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      'No connection',
      'We could not reach Unknot. Check your connection and try again.',
    );
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && bearer) unauthorized();
    throw toApiError(response.status, data);
  }
  return data as T;
}

/** `?a=1&b=2` from the defined values, or ''. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
    request<T>('POST', path, body, headers),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT_ERROR', 'Something went wrong', String(error));
}
