import { ValidationError } from '../errors/app-error.js';
import { DAY_MS } from './duration.js';

export interface WindowOptions {
  /** Length of the window when `to` is not given. */
  defaultDays: number;
  maxDays: number;
  /** Where the window starts when `from` is not given. */
  defaultFrom: number;
  /** Searches for free time start no earlier than now. */
  notBefore?: number;
}

/** Parses `?from&to` (already validated as instants) into epoch ms, or a 400 naming `to`. */
export function parseWindow(query: { from?: string; to?: string }, options: WindowOptions) {
  const requested = query.from ? Date.parse(query.from) : options.defaultFrom;
  const from = Math.max(requested, options.notBefore ?? requested);
  const to = query.to ? Date.parse(query.to) : from + options.defaultDays * DAY_MS;
  if (to <= from) {
    throw new ValidationError([
      {
        field: 'to',
        message: `to must be after from${options.notBefore ? ' and in the future' : ''}`,
      },
    ]);
  }
  if (to - from > options.maxDays * DAY_MS) {
    throw new ValidationError([
      { field: 'to', message: `the window may span at most ${options.maxDays} days` },
    ]);
  }
  return { from, to };
}
