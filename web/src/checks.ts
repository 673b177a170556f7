import { ApiError } from './api/client';

/**
 * The server's input rules, checked before sending so a person hears about a slip at once, in
 * the same sentences (messages.ts) and next to the same field as when the server refuses it.
 * Each entry is a field path (as the API names it) and whether its value passes.
 */
export function checkFields(rules: Record<string, boolean>): void {
  const failing = Object.entries(rules).filter(([, ok]) => !ok);
  if (failing.length === 0) return;
  throw new ApiError(
    400,
    'VALIDATION_FAILED',
    'Please check the highlighted answers',
    '',
    failing.map(([field]) => ({ field, message: '' })),
  );
}

const within = (n: number, min: number, max: number) => Number.isFinite(n) && n >= min && n <= max;

export const isWholeNumber = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && within(Number(text), min, max);

export const hasLength = (text: string, min: number, max: number) =>
  text.trim().length >= min && text.length <= max;

export const isEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());

/** A clock time as the weekly hours take it: `09:00`, on the quarter hour, or `24:00`. */
export const isQuarterHour = (text: string) => /^([01]\d|2[0-3]):(00|15|30|45)$|^24:00$/.test(text);

/** A price typed in dollars (`85`, `85.5`, `85.50`), at most $100,000. */
export const isPrice = (text: string) =>
  /^\d+(\.\d{1,2})?$/.test(text.trim()) && within(Number(text), 0, 100_000);

/** A phone number as typed (`+1 (212) 555-0100`) with its spacing taken out: `+12125550100`. */
export const toE164 = (typed: string) => typed.replace(/[\s().-]/g, '');

export const isE164 = (phone: string) => /^\+[1-9]\d{6,14}$/.test(phone);

/** A date (`YYYY-MM-DD`) that is today or later. */
export const isTodayOrLater = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= new Date().toLocaleDateString('en-CA');
