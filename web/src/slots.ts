import type { Schemas } from './api/client';
import { dayKey, startOfDay } from './format';

type Slot = Pick<Schemas['SlotResponse'], 'startsAt'>;

/** How many days the picker shows at a time. */
export const WINDOW_DAYS = 14;

/** The first day of page `page` of the picker (page 0 starts today at midnight). */
export const windowStart = (page: number) => startOfDay(new Date(), page * WINDOW_DAYS);

export interface FreeDay<S extends Slot> {
  /** `YYYY-MM-DD` in the viewer's time zone. */
  key: string;
  date: Date;
  slots: S[];
}

/** Slots grouped by the viewer's day, in order; days without a free time are left out. */
export function freeDays<S extends Slot>(slots: S[]): FreeDay<S>[] {
  const days = new Map<string, FreeDay<S>>();
  for (const slot of [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const date = new Date(slot.startsAt);
    const key = dayKey(date);
    const day = days.get(key) ?? { key, date: startOfDay(date), slots: [] };
    day.slots.push(slot);
    days.set(key, day);
  }
  return [...days.values()];
}

export const PERIODS = [
  { name: 'Morning', until: 12 },
  { name: 'Afternoon', until: 17 },
  { name: 'Evening', until: 24 },
] as const;

/** A day's slots as morning, afternoon and evening (the viewer's clock); empty parts left out. */
export function byPeriod<S extends Slot>(slots: S[]): { name: string; slots: S[] }[] {
  return PERIODS.map((period, index) => ({
    name: period.name,
    slots: slots.filter((slot) => {
      const hour = new Date(slot.startsAt).getHours();
      return hour < period.until && (index === 0 || hour >= PERIODS[index - 1].until);
    }),
  })).filter((period) => period.slots.length > 0);
}

/**
 * A short list of a day's times, at least `gapMinutes` apart (9:00, 9:30, 10:00… rather than
 * every quarter hour); `keep` (a time already chosen) stays in the list.
 */
export function spread<S extends Slot>(slots: S[], gapMinutes = 30, keep?: string): S[] {
  const shown: S[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const slot of slots) {
    const at = Date.parse(slot.startsAt);
    if (at - last >= gapMinutes * 60_000 || slot.startsAt === keep) {
      shown.push(slot);
      last = at;
    }
  }
  return shown;
}

/** Up to three times that show the day's range: the first, one near the middle, the last. */
export function threeAcross<S extends Slot>(slots: S[]): S[] {
  if (slots.length <= 3) return slots;
  return [slots[0], slots[Math.floor((slots.length - 1) / 2)], slots[slots.length - 1]];
}
