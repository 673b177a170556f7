import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, asApiError } from './api/client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Fetches again (after an action changed what this shows). */
  reload: () => void;
}

/**
 * Loads `load()` now and whenever `deps` change or `reload()` is called; late answers are dropped.
 * With `initial` (data the page arrived with, rendered by the server), the first load is skipped.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[], initial?: T): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({
    data: initial,
    error: null,
    loading: initial === undefined,
  });
  const [version, setVersion] = useState(0);
  const skipFirst = useRef(initial !== undefined);
  useEffect(() => {
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        current && setState({ data: undefined, error: asApiError(error), loading: false }),
    );
    return () => {
      current = false;
    };
    // `deps` are the inputs of `load`, which is a new closure on every render.
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

export interface Action {
  busy: boolean;
  error: ApiError | null;
  /** Runs `action`, keeping `busy` and `error` up to date; true when it succeeded. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
