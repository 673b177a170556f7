import {
  findSlotRuns,
  mergeOpenIntervals,
  slotStarts,
  type SlotRun,
  type Interval,
  type SlotQuery,
  type WeeklyWindow,
} from './availability.rules.js';

/**
 * A kind of resource a session needs `need` of, at once and for the whole session: the suitable
 * rooms of a location (need 1), or the units of an equipment kind (need = the quantity). Each
 * member is given by its busy intervals ([start, end) of the live sessions holding it).
 */
export interface ResourcePool {
  need: number;
  members: readonly (readonly Interval[])[];
}

/**
 * The session starts (as open intervals: their ends stay allowed) at which some pool has fewer
 * than `need` members free for [start, start + lengthMs) — the session and its buffer. A member
 * busy over [b, e) is taken for every start in (b − length, e): the session would meet it.
 */
export function blockedStarts(pools: readonly ResourcePool[], lengthMs: number): Interval[] {
  return mergeOpenIntervals(pools.flatMap((pool) => poolBlockedStarts(pool, lengthMs)));
}

function poolBlockedStarts(pool: ResourcePool, lengthMs: number): Interval[] {
  // More members taken than this leaves fewer than `need` free.
  const allowedTaken = pool.members.length - pool.need;
  if (allowedTaken < 0) return [{ start: -Infinity, end: Infinity }];
  const events = new Map<number, { opens: number; closes: number }>();
  const at = (point: number) => {
    let event = events.get(point);
    if (!event) events.set(point, (event = { opens: 0, closes: 0 }));
    return event;
  };
  for (const busy of pool.members) {
    for (const taken of mergeOpenIntervals(
      busy.map((interval) => ({ start: interval.start - lengthMs, end: interval.end })),
    )) {
      at(taken.start).opens++;
      at(taken.end).closes++;
    }
  }
  const points = [...events.keys()].sort((a, b) => a - b);
  const blocked: Interval[] = [];
  let taken = 0; // members taken on the open stretch after the current point
  for (let k = 0; k < points.length; k++) {
    const { opens, closes } = events.get(points[k])!;
    // Exactly at the point, a member whose taken stretch opens or closes there is free.
    const atPoint = taken - closes;
    taken = atPoint + opens;
    if (taken <= allowedTaken || k + 1 === points.length) continue;
    const last = blocked.at(-1);
    // Blocked on the stretch before and at the point itself: one open interval.
    if (atPoint > allowedTaken && last) last.end = points[k + 1];
    else blocked.push({ start: points[k], end: points[k + 1] });
  }
  return blocked;
}

/** The location of each weekly window: its own, else the therapist's home (null: none). */
export function windowsByLocation(
  windows: readonly WeeklyWindow[],
  home: string | null,
): Map<string | null, WeeklyWindow[]> {
  const groups = new Map<string | null, WeeklyWindow[]>();
  for (const window of windows) {
    const location = window.locationId ?? home;
    groups.set(location, [...(groups.get(location) ?? []), window]);
  }
  return groups;
}

/** A therapist's slot question asked once per place: the windows at each location apart. */
export interface LocatedQuery {
  locationId: string | null;
  query: SlotQuery;
}

/**
 * The query split by where its weekly windows are (each window at its own location, else the
 * home): a session happens in one place, so it must fit the hours of one location, never run
 * from one into the next.
 */
export function splitByLocation(query: SlotQuery, home: string | null): LocatedQuery[] {
  return [...windowsByLocation(query.windows, home)].map(([locationId, windows]) => ({
    locationId,
    query: { ...query, windows },
  }));
}

/**
 * Every place's free runs, in time order (a therapist's places never share an hour: weekly
 * windows may not overlap), the first `atMost` starts at most.
 */
export function locatedSlotRuns(located: readonly LocatedQuery[], atMost = Infinity): SlotRun[] {
  if (located.length === 1) return findSlotRuns(located[0].query, atMost);
  const runs = located
    .flatMap((place) => findSlotRuns(place.query, atMost))
    .sort((a, b) => a.first - b.first);
  const kept: SlotRun[] = [];
  let found = 0;
  for (const run of runs) {
    if (found >= atMost) break;
    const count = Math.min(run.count, atMost - found);
    kept.push({ first: run.first, count });
    found += count;
  }
  return kept;
}

/** Every place's free starts, in order. */
export function locatedSlotStarts(located: readonly LocatedQuery[]): number[] {
  return slotStarts(locatedSlotRuns(located));
}
