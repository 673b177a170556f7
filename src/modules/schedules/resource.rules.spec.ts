import fc from 'fast-check';
import { findSlotStarts, mergeOpenIntervals, type SlotQuery } from './availability.rules.js';
import { blockedStarts, type ResourcePool, splitByLocation } from './resource.rules.js';

const busy = (...pairs: [number, number][]) => pairs.map(([start, end]) => ({ start, end }));

describe('blockedStarts', () => {
  it('keeps a session off a lone room while it is taken, its edges free', () => {
    const room: ResourcePool = { need: 1, members: [busy([100, 200])] };
    // A 30-long session may end at 100 or start at 200.
    expect(blockedStarts([room], 30)).toEqual([{ start: 70, end: 200 }]);
  });

  it('needs one of two rooms free for the whole session, not one then the other', () => {
    const rooms: ResourcePool = { need: 1, members: [busy([0, 100]), busy([50, 150])] };
    // From 50 to 100 both are taken; a 60-long session starting at 20 meets room one until 100
    // and room two from 50 on: blocked too.
    expect(blockedStarts([rooms], 60)).toEqual([{ start: -10, end: 100 }]);
  });

  it('counts units: two sets of stones hold two sessions at once, not three', () => {
    const stones: ResourcePool = {
      need: 1,
      members: [busy([0, 60]), busy([0, 60])],
    };
    expect(blockedStarts([stones], 30)).toEqual([{ start: -30, end: 60 }]);
    const twoNeeded: ResourcePool = { need: 2, members: [busy([0, 60]), busy()] };
    expect(blockedStarts([twoNeeded], 30)).toEqual([{ start: -30, end: 60 }]);
  });

  it('blocks every start when a pool has fewer members than the session needs', () => {
    expect(blockedStarts([{ need: 1, members: [] }], 30)).toEqual([
      { start: -Infinity, end: Infinity },
    ]);
  });

  it('leaves a start free where one member frees up exactly as the other is taken', () => {
    const rooms: ResourcePool = { need: 1, members: [busy([0, 100]), busy([130, 200])] };
    // Start 100 (room one frees) with length 30 ends at 130 (room two taken): free.
    expect(blockedStarts([rooms], 30)).toEqual([]);
    const tight: ResourcePool = { need: 1, members: [busy([0, 100])] };
    expect(blockedStarts([tight, { need: 1, members: [busy([130, 200])] }], 30)).toEqual([
      { start: -30, end: 100 },
      { start: 100, end: 200 },
    ]);
  });

  it('equals a brute-force count at every minute', () => {
    const member = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 90 })),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            need: fc.integer({ min: 1, max: 3 }),
            members: fc.array(member, { minLength: 0, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 120 }),
        (raw, length) => {
          const pools: ResourcePool[] = raw.map(({ need, members }) => ({
            need,
            members: members.map((spans) =>
              spans.map(([start, span]) => ({ start, end: start + span })),
            ),
          }));
          const blocked = blockedStarts(pools, length);
          for (let s = -150; s <= 450; s++) {
            const free = pools.every(
              (pool) =>
                pool.members.filter((spans) =>
                  spans.every((b) => !(s < b.end && s + length > b.start)),
                ).length >= pool.need,
            );
            const inBlocked = blocked.some((b) => b.start < s && s < b.end);
            if (free === inBlocked) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mergeOpenIntervals', () => {
  it('joins overlapping open intervals and keeps a shared end open', () => {
    expect(mergeOpenIntervals(busy([0, 10], [5, 20], [20, 30]))).toEqual([
      { start: 0, end: 20 },
      { start: 20, end: 30 },
    ]);
  });
});

describe('splitByLocation', () => {
  const windows = [
    { weekday: 1, start: '09:00', end: '13:00' },
    { weekday: 1, start: '13:00', end: '18:00', locationId: 'across-town' },
  ];
  // Monday 2030-01-07 in UTC.
  const at = (hours: number) => Date.UTC(2030, 0, 7, hours);
  const query: SlotQuery = {
    windows,
    timeZone: 'UTC',
    timeOff: [],
    busy: [],
    durationMinutes: 60,
    bufferMinutes: 0,
    from: at(0),
    to: at(24),
    notBefore: at(0),
  };

  it('asks each place apart: the window’s own location, else the home', () => {
    const located = splitByLocation(query, 'home');
    expect(located.map((l) => l.locationId)).toEqual(['home', 'across-town']);
    expect(findSlotStarts(located[0].query).at(-1)).toBe(at(12));
    expect(findSlotStarts(located[1].query)[0]).toBe(at(13));
    expect(splitByLocation(query, null)[0].locationId).toBeNull();
  });

  it('offers no session that would run from one place into the next', () => {
    const starts = splitByLocation(query, 'home').flatMap((l) => findSlotStarts(l.query));
    const across = at(12) + 30 * 60_000; // 12:30 to 13:30 would move across town mid-session
    expect(findSlotStarts(query)).toContain(across);
    expect(starts).not.toContain(across);
  });
});
