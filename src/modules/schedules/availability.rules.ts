import { IANAZone } from 'luxon';
import { MINUTE_MS, DAY_MS } from '../../common/time/duration.js';

/**
 * DST: a therapist is available exactly while their wall clock shows a weekday and time inside a
 * window. So an edge in a spring-forward gap falls on the first instant after the gap; an edge in a
 * repeated fall-back hour is met first at the earlier (summer) offset, and again on the second
 * pass. 09:00–17:00 is always 8 real hours; 00:00–04:00 is 3 h or 5 h on transition days.
 */

export const SLOT_STEP_MINUTES = 15;

const MINUTES_PER_DAY = 1440;
const SLOT_STEP_MS = SLOT_STEP_MINUTES * MINUTE_MS;

export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
  /** Where these hours are, when not at the therapist's home location. */
  locationId?: string | null;
}

export interface Interval {
  start: number;
  end: number;
}

export interface WindowProblem {
  index: number;
  field: 'weekday' | 'start' | 'end';
  message: string;
}

export interface SlotQuery {
  windows: readonly WeeklyWindow[];
  timeZone: string;
  timeOff: readonly Interval[];
  /** Live bookings, each already [start, end + its buffer). */
  busy: readonly Interval[];
  /**
   * Starts the resources a session needs forbid (open intervals: their ends stay allowed), from
   * resource.rules' blockedStarts: no suitable room, too few units of an equipment kind.
   */
  blockedStarts?: readonly Interval[];
  durationMinutes: number;
  bufferMinutes: number;
  from: number;
  to: number;
  notBefore: number;
}

/** A well-formed window in minutes after local midnight (end may be 1440 for "24:00"). */
interface ParsedWindow {
  index: number;
  weekday: number;
  start: number;
  end: number;
}

/** A stretch of time with one UTC offset; wall-clock ms = instant + offset. */
interface OffsetSpan extends Interval {
  offset: number;
}

const CLOCK = /^(\d{2}):(\d{2})$/;

/**
 * Problems with a weekly schedule: bad weekday, malformed "HH:mm", off the 15-minute grid, end not
 * after start, overlapping windows on one weekday (touching is fine). Empty array = valid.
 */
export function validateWeeklyWindows(windows: readonly WeeklyWindow[]): WindowProblem[] {
  return parseWeeklyWindows(windows).problems;
}

/**
 * Absolute availability intervals from weekly windows in `timeZone`, for local dates covering
 * [from, to), clipped to [from, to), sorted, merged where touching. DST-correct.
 */
export function expandWeeklyWindows(
  windows: readonly WeeklyWindow[],
  timeZone: string,
  from: number,
  to: number,
): Interval[] {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new RangeError('from and to must be finite epoch milliseconds');
  }
  const byWeekday = scheduleByWeekday(windows);
  const zone = ianaZone(timeZone);
  if (from >= to) return [];
  const spans = offsetSpans(zone, from, to);
  const offsets = spans.map((span) => span.offset);
  // Every instant in [from, to) has a wall time in this range, so no window is missed.
  const wall = wallWindows(byWeekday, from + Math.min(...offsets), to + Math.max(...offsets));
  return mergeIntervals(wallToInstants(wall, spans));
}

/** Sorted union of open intervals: two join only when they overlap (a shared end stays open). */
export function mergeOpenIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.start < i.end).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged.at(-1);
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** Sorted, merged union. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.start < i.end).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** base minus every interval of `remove`. */
export function subtractIntervals(
  base: readonly Interval[],
  remove: readonly Interval[],
): Interval[] {
  const cuts = mergeIntervals(remove);
  const result: Interval[] = [];
  let first = 0;
  for (const interval of mergeIntervals(base)) {
    while (first < cuts.length && cuts[first].end <= interval.start) first++;
    let start = interval.start;
    for (let k = first; k < cuts.length && cuts[k].start < interval.end; k++) {
      if (cuts[k].start > start) result.push({ start, end: cuts[k].start });
      start = Math.max(start, cuts[k].end);
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

/** `count` offered starts: `first`, `first + 15 min`, … (epoch ms). */
export interface SlotRun {
  first: number;
  count: number;
}

/**
 * THE free-slot rule, as runs of consecutive grid starts: a start is offered when it is on the
 * 15-minute grid, in [max(from, notBefore), to), the session fits inside an open interval (weekly
 * windows minus time off), and [start, end + buffer) meets no busy interval. Between two obstacles
 * the offered starts form an arithmetic run, so the work is per obstacle, not per slot: matching
 * counts the free slots of hundreds of (therapist, offering) pairs without listing them. With
 * `atMost`, the search stops once the runs hold that many starts (the last run cut to fit):
 * matching's score stops growing at a few free slots.
 */
export function findSlotRuns(query: SlotQuery, atMost = Infinity): SlotRun[] {
  assertSessionLengths(query.durationMinutes, query.bufferMinutes);
  const sessionMs = query.durationMinutes * MINUTE_MS;
  const blockedMs = sessionMs + query.bufferMinutes * MINUTE_MS;
  const earliest = Math.max(query.from, query.notBefore);
  if (earliest >= query.to || atMost <= 0) return [];
  // Only the start must precede `to`; availability past it is read only to fit the session.
  const lastBeforeTo = Math.ceil(query.to) - 1;
  const open = sharedOpenIntervals(query, earliest);
  // Every obstacle as the starts it forbids, an open interval: a busy [b, e) forbids the starts
  // in (b − session − buffer, e), which would meet it; the resources' blocked starts likewise.
  const forbidden = mergeOpenIntervals([
    ...query.busy.map((busy) => ({ start: busy.start - blockedMs, end: busy.end })),
    ...(query.blockedStarts ?? []),
  ]);
  const runs: SlotRun[] = [];
  let found = 0;
  let clash = 0; // first forbidden stretch that can still hold a start; starts only grow
  for (const interval of open) {
    const last = Math.min(interval.end - sessionMs, lastBeforeTo);
    let start = ceilTo(Math.max(interval.start, earliest), SLOT_STEP_MS);
    while (start <= last) {
      while (clash < forbidden.length && forbidden[clash].end <= start) clash++;
      if (clash < forbidden.length && forbidden[clash].start < start) {
        start = ceilTo(forbidden[clash].end, SLOT_STEP_MS);
        continue;
      }
      // Free from here up to the next forbidden stretch (its first point is still allowed).
      const runLast = clash < forbidden.length ? Math.min(last, forbidden[clash].start) : last;
      const count = Math.min(Math.floor((runLast - start) / SLOT_STEP_MS) + 1, atMost - found);
      runs.push({ first: start, count });
      found += count;
      if (found >= atMost) return runs;
      start += count * SLOT_STEP_MS;
    }
  }
  return runs;
}

/** How many starts the runs hold. */
export function countSlots(runs: readonly SlotRun[]): number {
  let total = 0;
  for (const run of runs) total += run.count;
  return total;
}

/** The first `limit` starts of the runs (all of them without a limit), ascending. */
export function slotStarts(runs: readonly SlotRun[], limit = Infinity): number[] {
  const starts: number[] = [];
  for (const run of runs) {
    for (let i = 0; i < run.count; i++) {
      if (starts.length >= limit) return starts;
      starts.push(run.first + i * SLOT_STEP_MS);
    }
  }
  return starts;
}

/** Every offered start (epoch ms, ascending). */
export function findSlotStarts(query: SlotQuery): number[] {
  return slotStarts(findSlotRuns(query));
}

/**
 * True iff `start` is one of findSlotStarts' answers (implemented by calling findSlotStarts on a
 * small window around start — one rule, never two versions).
 */
export function isSlotOffered(query: Omit<SlotQuery, 'from' | 'to'>, start: number): boolean {
  // [start, start + 1 ms) holds exactly one candidate: start itself when it is on the grid.
  return findSlotStarts({ ...query, from: start, to: start + 1 }).includes(start);
}

/**
 * Whether [start, end) lies inside the weekly windows minus time off — used to tell SLOT_UNAVAILABLE
 * (outside hours / in time off) from SLOT_TAKEN (clashes with a booking).
 */
export function fitsAvailability(
  query: Pick<SlotQuery, 'windows' | 'timeZone' | 'timeOff'>,
  start: number,
  end: number,
): boolean {
  const open = openIntervals(query, start, end);
  return open.length === 1 && open[0].start === start && open[0].end === end;
}

/** Weekly windows minus time off, clipped to [from, to). */
function openIntervals(
  query: Pick<SlotQuery, 'windows' | 'timeZone' | 'timeOff'>,
  from: number,
  to: number,
): Interval[] {
  return subtractIntervals(
    expandWeeklyWindows(query.windows, query.timeZone, from, to),
    query.timeOff,
  );
}

/** Longer than any session plus buffer (240 + 60 minutes), so one expansion serves every offering. */
const HORIZON_MS = 300 * MINUTE_MS;

/**
 * Matching searches several offerings of one therapist with the same windows and time-off arrays;
 * their open intervals are computed once, keyed on those arrays' identity (so nothing outlives the
 * request that built them).
 */
const openCache = new WeakMap<object, WeakMap<object, Map<string, Interval[]>>>();

function sharedOpenIntervals(query: SlotQuery, from: number): Interval[] {
  const to = query.to + HORIZON_MS;
  let byTimeOff = openCache.get(query.windows);
  if (!byTimeOff) openCache.set(query.windows, (byTimeOff = new WeakMap()));
  let byRange = byTimeOff.get(query.timeOff);
  if (!byRange) byTimeOff.set(query.timeOff, (byRange = new Map()));
  const key = `${query.timeZone}|${from}|${to}`;
  let open = byRange.get(key);
  if (!open) byRange.set(key, (open = openIntervals(query, from, to)));
  return open;
}

function assertSessionLengths(durationMinutes: number, bufferMinutes: number): void {
  if (!Number.isFinite(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError('durationMinutes must be a positive number');
  }
  if (!Number.isFinite(bufferMinutes) || bufferMinutes < 0) {
    throw new RangeError('bufferMinutes must be zero or more');
  }
}

function parseWeeklyWindows(windows: readonly WeeklyWindow[]): {
  problems: WindowProblem[];
  parsed: ParsedWindow[];
} {
  const problems: WindowProblem[] = [];
  const parsed: ParsedWindow[] = [];
  windows.forEach(({ weekday, start, end }, index) => {
    const weekdayOk = Number.isInteger(weekday) && weekday >= 1 && weekday <= 7;
    if (!weekdayOk) {
      problems.push({
        index,
        field: 'weekday',
        message: 'weekday must be 1 (Monday) to 7 (Sunday)',
      });
    }
    const startMinutes = checkClock(index, 'start', start, problems);
    const endMinutes = checkClock(index, 'end', end, problems);
    if (startMinutes === undefined || endMinutes === undefined) return;
    if (endMinutes <= startMinutes) {
      problems.push({ index, field: 'end', message: 'end must be after start' });
    } else if (weekdayOk) {
      parsed.push({ index, weekday, start: startMinutes, end: endMinutes });
    }
  });
  problems.push(...overlapProblems(parsed));
  // Stable sort keeps each window's problems in field order.
  return { problems: problems.sort((a, b) => a.index - b.index), parsed };
}

/** Minutes after midnight for a well-formed, on-grid time; otherwise records a problem. */
function checkClock(
  index: number,
  field: 'start' | 'end',
  value: string,
  problems: WindowProblem[],
): number | undefined {
  const minutes = parseClock(value, field === 'end');
  if (minutes === undefined) {
    const latest = field === 'end' ? '24:00' : '23:59';
    problems.push({ index, field, message: `${field} must be "HH:mm" from 00:00 to ${latest}` });
    return undefined;
  }
  if (minutes % SLOT_STEP_MINUTES !== 0) {
    problems.push({
      index,
      field,
      message: `${field} must be on the ${SLOT_STEP_MINUTES}-minute grid`,
    });
    return undefined;
  }
  return minutes;
}

/** "HH:mm" as minutes after midnight; "24:00" (end of day) only when `allowEndOfDay`. */
function parseClock(value: string, allowEndOfDay: boolean): number | undefined {
  const match = CLOCK.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return undefined;
  if (hours < 24) return hours * 60 + minutes;
  return allowEndOfDay && hours === 24 && minutes === 0 ? MINUTES_PER_DAY : undefined;
}

/** One problem per window that starts before an earlier-starting window on its weekday ends. */
function overlapProblems(windows: readonly ParsedWindow[]): WindowProblem[] {
  const sorted = [...windows].sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  const problems: WindowProblem[] = [];
  let reach: ParsedWindow | undefined; // the window ending latest so far on this weekday
  for (const window of sorted) {
    const sameDay = reach?.weekday === window.weekday;
    if (reach && sameDay && window.start < reach.end) {
      problems.push({
        index: window.index,
        field: 'start',
        message: `overlaps window ${reach.index} on the same weekday`,
      });
    }
    if (!reach || !sameDay || window.end > reach.end) reach = window;
  }
  return problems;
}

/** Windows grouped by ISO weekday (index 1..7); refuses a schedule validation would reject. */
function scheduleByWeekday(windows: readonly WeeklyWindow[]): ParsedWindow[][] {
  const { problems, parsed } = parseWeeklyWindows(windows);
  if (problems.length > 0) {
    const [first] = problems;
    throw new RangeError(`Invalid weekly window ${first.index}: ${first.message}`);
  }
  const byWeekday: ParsedWindow[][] = Array.from({ length: 8 }, () => []);
  for (const window of parsed) byWeekday[window.weekday].push(window);
  return byWeekday;
}

function ianaZone(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone "${timeZone}"`);
  return zone;
}

function offsetMs(zone: IANAZone, instant: number): number {
  return zone.offset(instant) * MINUTE_MS;
}

/**
 * No zone changes its UTC offset twice within a day, so offsets sampled at each UTC midnight find
 * every change. A zone's offset at each UTC midnight and its change within each day are memoised: they are facts of
 * the time-zone database, so every slot search after the first reads them from memory instead of
 * asking Intl again. Bounded: cleared when it grows past CACHE_LIMIT entries.
 */
const CACHE_LIMIT = 200_000;
/** Per zone name, per day number (days since 1970-01-01 UTC). */
type DayCache = Map<string, Map<number, number>>;
const dayOffsets: DayCache = new Map();
const dayChanges: DayCache = new Map();
let cachedDays = 0;

function remember(cache: DayCache, zone: string, day: number, compute: () => number): number {
  let byDay = cache.get(zone);
  const known = byDay?.get(day);
  if (known !== undefined) return known;
  if (cachedDays >= CACHE_LIMIT) {
    dayOffsets.clear();
    dayChanges.clear();
    cachedDays = 0;
    byDay = undefined;
  }
  if (!byDay) cache.set(zone, (byDay = new Map()));
  const value = compute();
  byDay.set(day, value);
  cachedDays++;
  return value;
}

function offsetAtDayStart(zone: IANAZone, day: number): number {
  return remember(dayOffsets, zone.name, day, () => offsetMs(zone, day * DAY_MS));
}

/** [from, to) cut at every offset change: offsets sampled at each UTC midnight, changes pinned to the minute. */
function offsetSpans(zone: IANAZone, from: number, to: number): OffsetSpan[] {
  const firstDay = Math.floor(from / DAY_MS);
  const lastDay = Math.ceil(to / DAY_MS);
  const spans: OffsetSpan[] = [];
  let start = firstDay * DAY_MS;
  let offset = offsetAtDayStart(zone, firstDay);
  for (let day = firstDay; day < lastDay; day++) {
    const next = offsetAtDayStart(zone, day + 1);
    if (next === offset) continue;
    const change = remember(dayChanges, zone.name, day, () =>
      firstOffsetChange(zone, day * DAY_MS, (day + 1) * DAY_MS, offset),
    );
    spans.push({ start, end: change, offset });
    start = change;
    offset = next;
  }
  spans.push({ start, end: lastDay * DAY_MS, offset });
  return spans
    .map((span) => ({ ...span, start: Math.max(span.start, from), end: Math.min(span.end, to) }))
    .filter((span) => span.end > span.start);
}

/** First whole minute in (before, after] whose offset differs from `offset` (binary search). */
function firstOffsetChange(zone: IANAZone, before: number, after: number, offset: number): number {
  let low = before;
  let high = after;
  while (high - low > MINUTE_MS) {
    const middle = low + floorTo((high - low) / 2, MINUTE_MS);
    if (offsetMs(zone, middle) === offset) low = middle;
    else high = middle;
  }
  return high;
}

/** The windows as wall-clock intervals (local time read as if UTC) meeting [wallFrom, wallTo). */
function wallWindows(
  byWeekday: readonly ParsedWindow[][],
  wallFrom: number,
  wallTo: number,
): Interval[] {
  const wall: Interval[] = [];
  for (let day = Math.floor(wallFrom / DAY_MS); day * DAY_MS < wallTo; day++) {
    const midnight = day * DAY_MS;
    for (const window of byWeekday[isoWeekday(day)]) {
      wall.push({
        start: midnight + window.start * MINUTE_MS,
        end: midnight + window.end * MINUTE_MS,
      });
    }
  }
  return wall;
}

/** Instants whose wall time falls in a wall interval, each span shifted by its own offset. */
function wallToInstants(wall: readonly Interval[], spans: readonly OffsetSpan[]): Interval[] {
  const instants: Interval[] = [];
  for (const span of spans) {
    for (const interval of wall) {
      const start = Math.max(interval.start - span.offset, span.start);
      const end = Math.min(interval.end - span.offset, span.end);
      if (start < end) instants.push({ start, end });
    }
  }
  return instants;
}

/** ISO weekday (Mon=1) of a day counted from 1970-01-01, which was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function floorTo(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

function ceilTo(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}
