import { useMemo, useSyncExternalStore } from 'react';

/** Hash routing (`#/book/<id>?offering=…`): the server has no SPA fallback, so paths stay in the hash. */
export interface Route {
  segments: string[];
  params: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function parseHash(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  return {
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(search),
  };
}

/**
 * The server renders the home (it never sees the hash), so hydration starts there too; React then
 * moves to the page's own route without a mismatch.
 */
const SERVER_HASH = '';

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => SERVER_HASH,
  );
  return useMemo(() => parseHash(hash), [hash]);
}

/** `#/a/b?x=1` from path segments and the defined parameters. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, value);
  }
  const text = search.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

export function navigate(to: string): void {
  window.location.hash = to;
}

/** Replaces the current entry, so Back does not bounce into a redirect. */
export function redirect(to: string): void {
  window.location.replace(to);
}
