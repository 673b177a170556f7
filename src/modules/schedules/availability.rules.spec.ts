import fc from 'fast-check';
import { blockedStarts } from './resource.rules.js';
import { DateTime } from 'luxon';
import {
  countSlots,
  expandWeeklyWindows,
  findSlotRuns,
  findSlotStarts,
  fitsAvailability,
  Interval,
  isSlotOffered,
  mergeIntervals,
  SLOT_STEP_MINUTES,
  SlotQuery,
  slotStarts,
  subtractIntervals,
  validateWeeklyWindows,
  WeeklyWindow,
} from './availability.rules.js';

const MINUTE = 60_000;
const STEP = SLOT_STEP_MINUTES * MINUTE;

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const isoIntervals = (intervals: readonly Interval[]) =>
  intervals.map(({ start, end }) => [iso(start), iso(end)]);
/** Times of day (UTC) of slot starts, for compact expectations on a single day. */
const clockTimes = (starts: readonly number[]) => starts.map((s) => iso(s).slice(11, 16));

describe('validateWeeklyWindows', () => {
  it('accepts a valid schedule', () => {
    expect(
      validateWeeklyWindows([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '13:15', end: '17:45' },
        { weekday: 7, start: '00:00', end: '06:30' },
      ]),
    ).toEqual([]);
  });

  it('allows touching windows on the same weekday', () => {
    expect(
      validateWeeklyWindows([
        { weekday: 3, start: '12:00', end: '17:00' },
        { weekday: 3, start: '09:00', end: '12:00' },
      ]),
    ).toEqual([]);
  });

  it('allows the same hours on different weekdays', () => {
    expect(
      validateWeeklyWindows([
        { weekday: 1, start: '09:00', end: '17:00' },
        { weekday: 2, start: '09:00', end: '17:00' },
      ]),
    ).toEqual([]);
  });

  it('allows 24:00 as an end', () => {
    expect(validateWeeklyWindows([{ weekday: 5, start: '20:00', end: '24:00' }])).toEqual([]);
  });

  it.each([
    ['weekday 0', { weekday: 0, start: '09:00', end: '17:00' }, 'weekday', 'Monday'],
    ['weekday 8', { weekday: 8, start: '09:00', end: '17:00' }, 'weekday', 'Monday'],
    ['a fractional weekday', { weekday: 1.5, start: '09:00', end: '17:00' }, 'weekday', 'Monday'],
    ['a single-digit hour', { weekday: 1, start: '9:00', end: '17:00' }, 'start', 'HH:mm'],
    ['an off-grid minute', { weekday: 1, start: '09:07', end: '17:00' }, 'start', '15-minute'],
    ['hour 25 as a start', { weekday: 1, start: '25:00', end: '24:00' }, 'start', 'HH:mm'],
    ['hour 25 as an end', { weekday: 1, start: '09:00', end: '25:00' }, 'end', 'HH:mm'],
    ['minute 60', { weekday: 1, start: '09:00', end: '10:60' }, 'end', 'HH:mm'],
    ['24:00 as a start', { weekday: 1, start: '24:00', end: '24:00' }, 'start', 'HH:mm'],
    ['an end past 24:00', { weekday: 1, start: '22:00', end: '24:15' }, 'end', 'HH:mm'],
    ['an end before the start', { weekday: 1, start: '17:00', end: '09:00' }, 'end', 'after'],
    ['an end equal to the start', { weekday: 1, start: '09:00', end: '09:00' }, 'end', 'after'],
  ])('rejects %s', (_name, window, field, hint) => {
    const problems = validateWeeklyWindows([{ weekday: 2, start: '08:00', end: '09:00' }, window]);
    expect(problems).toEqual([{ index: 1, field, message: expect.stringContaining(hint) }]);
  });

  it('reports every problem of a window, in field order', () => {
    expect(
      validateWeeklyWindows([{ weekday: 0, start: '9:00', end: '09:07' }]).map((p) => p.field),
    ).toEqual(['weekday', 'start', 'end']);
  });

  it('rejects overlapping windows on the same weekday, naming the window overlapped', () => {
    expect(
      validateWeeklyWindows([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '13:00' },
        { weekday: 1, start: '11:00', end: '13:00' },
      ]),
    ).toEqual([{ index: 2, field: 'start', message: expect.stringContaining('window 0') }]);
  });

  it('catches overlaps with a long window even after a shorter one in between', () => {
    const problems = validateWeeklyWindows([
      { weekday: 4, start: '08:00', end: '18:00' },
      { weekday: 4, start: '09:00', end: '10:00' },
      { weekday: 4, start: '12:00', end: '13:00' },
    ]);
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
  });
});

describe('mergeIntervals', () => {
  it('sorts, merges overlapping, contained and touching intervals, and drops empty ones', () => {
    const input = [
      { start: 50, end: 60 },
      { start: 10, end: 20 },
      { start: 20, end: 30 },
      { start: 12, end: 15 },
      { start: 40, end: 40 },
      { start: 55, end: 70 },
    ];
    expect(mergeIntervals(input)).toEqual([
      { start: 10, end: 30 },
      { start: 50, end: 70 },
    ]);
    expect(input[0]).toEqual({ start: 50, end: 60 });
  });
});

describe('subtractIntervals', () => {
  it('splits, trims and removes base intervals', () => {
    const base = [
      { start: 0, end: 100 },
      { start: 200, end: 300 },
      { start: 400, end: 500 },
    ];
    const remove = [
      { start: 420, end: 600 },
      { start: 40, end: 60 },
      { start: 90, end: 250 },
      { start: 50, end: 70 },
    ];
    expect(subtractIntervals(base, remove)).toEqual([
      { start: 0, end: 40 },
      { start: 70, end: 90 },
      { start: 250, end: 300 },
      { start: 400, end: 420 },
    ]);
  });

  it('returns nothing when everything is removed and the base when nothing is', () => {
    const base = [{ start: 10, end: 20 }];
    expect(subtractIntervals(base, [{ start: 0, end: 30 }])).toEqual([]);
    expect(subtractIntervals(base, [{ start: 20, end: 30 }])).toEqual(base);
  });
});

describe('expandWeeklyWindows', () => {
  // Friday and Monday 09:00–17:00 around a Sunday transition, plus Sunday 00:00–04:00 across it.
  const aroundTransition: WeeklyWindow[] = [
    { weekday: 5, start: '09:00', end: '17:00' },
    { weekday: 7, start: '00:00', end: '04:00' },
    { weekday: 1, start: '09:00', end: '17:00' },
  ];

  it.each([
    [
      'New York, spring forward (EST -05:00 to EDT -04:00)',
      'America/New_York',
      ['2026-03-05', '2026-03-10'],
      [
        ['2026-03-06T14:00:00.000Z', '2026-03-06T22:00:00.000Z'],
        ['2026-03-08T05:00:00.000Z', '2026-03-08T08:00:00.000Z'],
        ['2026-03-09T13:00:00.000Z', '2026-03-09T21:00:00.000Z'],
      ],
      3,
    ],
    [
      'New York, fall back (EDT -04:00 to EST -05:00)',
      'America/New_York',
      ['2026-10-29', '2026-11-03'],
      [
        ['2026-10-30T13:00:00.000Z', '2026-10-30T21:00:00.000Z'],
        ['2026-11-01T04:00:00.000Z', '2026-11-01T09:00:00.000Z'],
        ['2026-11-02T14:00:00.000Z', '2026-11-02T22:00:00.000Z'],
      ],
      5,
    ],
    [
      'London, spring forward (GMT +00:00 to BST +01:00)',
      'Europe/London',
      ['2026-03-26', '2026-03-31'],
      [
        ['2026-03-27T09:00:00.000Z', '2026-03-27T17:00:00.000Z'],
        ['2026-03-29T00:00:00.000Z', '2026-03-29T03:00:00.000Z'],
        ['2026-03-30T08:00:00.000Z', '2026-03-30T16:00:00.000Z'],
      ],
      3,
    ],
    [
      'London, fall back (BST +01:00 to GMT +00:00)',
      'Europe/London',
      ['2026-10-22', '2026-10-27'],
      [
        ['2026-10-23T08:00:00.000Z', '2026-10-23T16:00:00.000Z'],
        ['2026-10-24T23:00:00.000Z', '2026-10-25T04:00:00.000Z'],
        ['2026-10-26T09:00:00.000Z', '2026-10-26T17:00:00.000Z'],
      ],
      5,
    ],
    [
      'Sydney, fall back (AEDT +11:00 to AEST +10:00)',
      'Australia/Sydney',
      ['2026-04-02', '2026-04-07'],
      [
        ['2026-04-02T22:00:00.000Z', '2026-04-03T06:00:00.000Z'],
        ['2026-04-04T13:00:00.000Z', '2026-04-04T18:00:00.000Z'],
        ['2026-04-05T23:00:00.000Z', '2026-04-06T07:00:00.000Z'],
      ],
      5,
    ],
    [
      'Sydney, spring forward (AEST +10:00 to AEDT +11:00)',
      'Australia/Sydney',
      ['2026-10-01', '2026-10-06'],
      [
        ['2026-10-01T23:00:00.000Z', '2026-10-02T07:00:00.000Z'],
        ['2026-10-03T14:00:00.000Z', '2026-10-03T17:00:00.000Z'],
        ['2026-10-04T22:00:00.000Z', '2026-10-05T06:00:00.000Z'],
      ],
      3,
    ],
  ])('%s', (_name, timeZone, [fromDate, toDate], expected, transitionDayHours) => {
    const intervals = expandWeeklyWindows(aroundTransition, timeZone, at(fromDate), at(toDate));
    expect(isoIntervals(intervals)).toEqual(expected);
    expect((intervals[1].end - intervals[1].start) / (60 * MINUTE)).toBe(transitionDayHours);
  });

  it('opens a window that starts inside the spring-forward gap at the first instant after it', () => {
    const windows = [{ weekday: 7, start: '02:30', end: '05:00' }];
    const intervals = expandWeeklyWindows(
      windows,
      'America/New_York',
      at('2026-03-08T00:00Z'),
      at('2026-03-09T00:00Z'),
    );
    // 03:00 EDT and 05:00 EDT.
    expect(isoIntervals(intervals)).toEqual([
      ['2026-03-08T07:00:00.000Z', '2026-03-08T09:00:00.000Z'],
    ]);
  });

  it('follows the wall clock through the repeated fall-back hour', () => {
    const windows = [
      { weekday: 7, start: '00:00', end: '01:30' },
      { weekday: 7, start: '01:45', end: '03:00' },
    ];
    const intervals = expandWeeklyWindows(
      windows,
      'America/New_York',
      at('2026-11-01T00:00Z'),
      at('2026-11-02T00:00Z'),
    );
    // 01:00–01:59 happens at 05:00Z (EDT) and again at 06:00Z (EST); edges use the earlier pass
    // first, and the clock reading 01:00–01:30 or 01:45–01:59 a second time is available again.
    expect(isoIntervals(intervals)).toEqual([
      ['2026-11-01T04:00:00.000Z', '2026-11-01T05:30:00.000Z'],
      ['2026-11-01T05:45:00.000Z', '2026-11-01T06:30:00.000Z'],
      ['2026-11-01T06:45:00.000Z', '2026-11-01T08:00:00.000Z'],
    ]);
  });

  it('clips to [from, to) and merges windows touching across local midnight', () => {
    const windows = [
      { weekday: 1, start: '22:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '02:00' },
    ];
    const intervals = expandWeeklyWindows(
      windows,
      'UTC',
      at('2026-01-05T23:00Z'),
      at('2026-01-06T01:00Z'),
    );
    expect(isoIntervals(intervals)).toEqual([
      ['2026-01-05T23:00:00.000Z', '2026-01-06T01:00:00.000Z'],
    ]);
  });

  it('finds windows on the previous local date of a query starting after UTC midnight', () => {
    // Monday 20:00–24:00 EDT is Tuesday 00:00–04:00 UTC.
    const windows = [{ weekday: 1, start: '20:00', end: '24:00' }];
    const intervals = expandWeeklyWindows(
      windows,
      'America/New_York',
      at('2026-06-02T00:00Z'),
      at('2026-06-02T02:00Z'),
    );
    expect(isoIntervals(intervals)).toEqual([
      ['2026-06-02T00:00:00.000Z', '2026-06-02T02:00:00.000Z'],
    ]);
  });

  it('returns nothing for an empty range', () => {
    const windows = [{ weekday: 1, start: '00:00', end: '24:00' }];
    const monday = at('2026-01-05T12:00Z');
    expect(expandWeeklyWindows(windows, 'UTC', monday, monday)).toEqual([]);
  });

  it('refuses an unknown time zone and an invalid schedule', () => {
    const from = at('2026-01-05T00:00Z');
    const to = at('2026-01-06T00:00Z');
    const valid = [{ weekday: 1, start: '09:00', end: '17:00' }];
    expect(() => expandWeeklyWindows(valid, 'Mars/Olympus_Mons', from, to)).toThrow(RangeError);
    const invalid = [{ weekday: 1, start: '09:00', end: '08:00' }];
    expect(() => expandWeeklyWindows(invalid, 'UTC', from, to)).toThrow(RangeError);
  });
});

describe('findSlotStarts', () => {
  const monday = (time: string) => at(`2026-01-05T${time}Z`);
  const query = (overrides: Partial<SlotQuery> = {}): SlotQuery => ({
    windows: [{ weekday: 1, start: '09:00', end: '12:00' }],
    timeZone: 'UTC',
    timeOff: [],
    busy: [],
    durationMinutes: 60,
    bufferMinutes: 0,
    from: monday('00:00'),
    to: at('2026-01-06T00:00Z'),
    notBefore: 0,
    ...overrides,
  });

  it('offers every 15-minute start whose session fits the window', () => {
    expect(clockTimes(findSlotStarts(query()))).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
      '10:00',
      '10:15',
      '10:30',
      '10:45',
      '11:00',
    ]);
  });

  it('requires the session to end by the end of the window', () => {
    const windows = [{ weekday: 1, start: '09:00', end: '10:00' }];
    expect(clockTimes(findSlotStarts(query({ windows, durationMinutes: 45 })))).toEqual([
      '09:00',
      '09:15',
    ]);
  });

  it("keeps a booking's buffer free", () => {
    // A 09:00–10:00 booking with a 15-minute clean-up.
    const busy = [{ start: monday('09:00'), end: monday('10:15') }];
    expect(clockTimes(findSlotStarts(query({ busy })))).toEqual([
      '10:15',
      '10:30',
      '10:45',
      '11:00',
    ]);
  });

  it("requires the new session's own buffer to clear the next booking", () => {
    const windows = [{ weekday: 1, start: '09:00', end: '13:00' }];
    const busy = [{ start: monday('11:00'), end: monday('12:00') }];
    const withBuffer = findSlotStarts(query({ windows, busy, bufferMinutes: 15 }));
    expect(clockTimes(withBuffer)).toEqual(['09:00', '09:15', '09:30', '09:45', '12:00']);
    const withoutBuffer = findSlotStarts(query({ windows, busy, bufferMinutes: 0 }));
    expect(clockTimes(withoutBuffer)).toContain('10:00');
  });

  it('resumes on the grid after a booking ending off the grid', () => {
    const busy = [{ start: monday('09:00'), end: monday('10:07') }];
    expect(clockTimes(findSlotStarts(query({ busy })))[0]).toBe('10:15');
  });

  it('removes slots whose session touches time off', () => {
    const timeOff = [{ start: monday('10:00'), end: monday('10:30') }];
    expect(clockTimes(findSlotStarts(query({ timeOff })))).toEqual([
      '09:00',
      '10:30',
      '10:45',
      '11:00',
    ]);
  });

  it('offers nothing before notBefore, rounding up to the grid', () => {
    expect(clockTimes(findSlotStarts(query({ notBefore: monday('10:20') })))).toEqual([
      '10:30',
      '10:45',
      '11:00',
    ]);
  });

  it('constrains only the start to the query window', () => {
    const slots = findSlotStarts(query({ from: monday('09:10'), to: monday('09:45') }));
    // The 09:30 session ends at 10:30, after `to`.
    expect(clockTimes(slots)).toEqual(['09:15', '09:30']);
  });

  it('lets a session run across local midnight between touching windows', () => {
    const windows = [
      { weekday: 1, start: '22:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '02:00' },
    ];
    const to = at('2026-01-07T00:00Z');
    const slots = findSlotStarts(query({ windows, durationMinutes: 120, to }));
    expect(slots).toHaveLength(9);
    expect([iso(slots[0]), iso(slots[8])]).toEqual([
      '2026-01-05T22:00:00.000Z',
      '2026-01-06T00:00:00.000Z',
    ]);
  });

  it.each([
    ['spring forward: 3 real hours', '2026-03-08', '05:00', '07:00', 9],
    ['fall back: 5 real hours', '2026-11-01', '04:00', '08:00', 17],
  ])('offers hourly sessions through a New York %s', (_name, date, first, last, count) => {
    const slots = findSlotStarts(
      query({
        windows: [{ weekday: 7, start: '00:00', end: '04:00' }],
        timeZone: 'America/New_York',
        from: at(`${date}T00:00Z`),
        to: at(`${date}T12:00Z`),
      }),
    );
    expect(slots).toHaveLength(count);
    expect([iso(slots[0]), iso(slots[count - 1])]).toEqual([
      `${date}T${first}:00.000Z`,
      `${date}T${last}:00.000Z`,
    ]);
  });

  it('refuses a non-positive duration and a negative buffer', () => {
    expect(() => findSlotStarts(query({ durationMinutes: 0 }))).toThrow(RangeError);
    expect(() => findSlotStarts(query({ bufferMinutes: -5 }))).toThrow(RangeError);
  });
});

describe('isSlotOffered', () => {
  const monday = (time: string) => at(`2026-01-05T${time}Z`);
  const base = {
    windows: [{ weekday: 1, start: '09:00', end: '12:00' }],
    timeZone: 'UTC',
    timeOff: [],
    busy: [{ start: monday('10:00'), end: monday('10:45') }],
    durationMinutes: 30,
    bufferMinutes: 0,
    notBefore: monday('09:00'),
  };

  it('accepts an offered start and refuses taken, off-grid, past and out-of-hours starts', () => {
    expect(isSlotOffered(base, monday('09:30'))).toBe(true);
    expect(isSlotOffered(base, monday('09:45'))).toBe(false);
    expect(isSlotOffered(base, monday('09:05'))).toBe(false);
    expect(isSlotOffered({ ...base, notBefore: monday('09:31') }, monday('09:30'))).toBe(false);
    expect(isSlotOffered(base, monday('11:45'))).toBe(false);
  });
});

describe('fitsAvailability', () => {
  const monday = (time: string) => at(`2026-01-05T${time}Z`);
  const schedule = {
    windows: [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '14:00' },
    ],
    timeZone: 'UTC',
    timeOff: [{ start: monday('13:00'), end: monday('13:30') }],
  };

  it('is true inside working hours, across touching windows', () => {
    expect(fitsAvailability(schedule, monday('11:00'), monday('13:00'))).toBe(true);
  });

  it('is false outside hours or in time off', () => {
    expect(fitsAvailability(schedule, monday('08:45'), monday('09:45'))).toBe(false);
    expect(fitsAvailability(schedule, monday('12:45'), monday('13:15'))).toBe(false);
    expect(fitsAvailability(schedule, monday('13:30'), monday('14:15'))).toBe(false);
  });
});

describe('properties against a brute-force reference', () => {
  const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney'];
  // Each zone's 2026 transitions, in UTC.
  const TRANSITIONS = [
    ['America/New_York', '2026-03-08T07:00Z'],
    ['America/New_York', '2026-11-01T06:00Z'],
    ['Europe/London', '2026-03-29T01:00Z'],
    ['Europe/London', '2026-10-25T01:00Z'],
    ['Australia/Sydney', '2026-04-04T16:00Z'],
    ['Australia/Sydney', '2026-10-03T16:00Z'],
  ] as const;
  const DAY_MINUTES = 1440;

  const clock = (quarter: number) => {
    const minutes = quarter * SLOT_STEP_MINUTES;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  };
  // Quarter-hour edges, half of them in 01:00–03:00 where the DST changes happen.
  const edge = fc.oneof(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 4, max: 12 }));
  const dayWindows = (weekday: number) =>
    fc.uniqueArray(edge, { maxLength: 6 }).map((edges) => {
      const sorted = [...edges].sort((a, b) => a - b);
      const windows: WeeklyWindow[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) {
        windows.push({ weekday, start: clock(sorted[i]), end: clock(sorted[i + 1]) });
      }
      return windows;
    });
  const schedule = fc.tuple(...[1, 2, 3, 4, 5, 6, 7].map(dayWindows)).map((days) => days.flat());
  // Half the queries start up to 5 days before one of the zone's transitions.
  const place = fc.oneof(
    fc
      .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -5 * DAY_MINUTES, max: 0 }))
      .map(([[timeZone, transition], minutes]) => ({
        timeZone,
        from: at(transition) + minutes * MINUTE,
      })),
    fc.record({
      timeZone: fc.constantFrom(...ZONES),
      from: fc.integer({ min: at('2026-01-01'), max: at('2027-01-01') }),
    }),
  );
  /** Minute-aligned intervals relative to `anchor`, so the per-minute reference is exact. */
  const intervalsNear = (maxCount: number, minMinutes: number, maxMinutes: number) =>
    fc.array(
      fc.record({
        offset: fc.integer({ min: -DAY_MINUTES, max: 11 * DAY_MINUTES }),
        length: fc.integer({ min: minMinutes, max: maxMinutes }),
      }),
      { maxLength: maxCount },
    );

  const slotQuery: fc.Arbitrary<SlotQuery> = fc
    .record({
      place,
      windows: schedule,
      lengthMinutes: fc.integer({ min: 1, max: 10 * DAY_MINUTES }),
      notBeforeMs: fc.integer({ min: -DAY_MINUTES * MINUTE, max: DAY_MINUTES * MINUTE }),
      timeOff: intervalsNear(3, 1, DAY_MINUTES),
      busy: intervalsNear(8, 15, 300),
      durationMinutes: fc.integer({ min: 1, max: 16 }).map((n) => n * 15),
      bufferMinutes: fc.integer({ min: 0, max: 12 }).map((n) => n * 5),
    })
    .map(({ place: { timeZone, from }, lengthMinutes, notBeforeMs, timeOff, busy, ...rest }) => {
      const anchor = Math.floor(from / MINUTE) * MINUTE;
      const absolute = (relative: { offset: number; length: number }[]) =>
        relative.map(({ offset, length }) => ({
          start: anchor + offset * MINUTE,
          end: anchor + (offset + length) * MINUTE,
        }));
      return {
        ...rest,
        timeZone,
        from,
        to: from + lengthMinutes * MINUTE,
        notBefore: from + notBeforeMs,
        timeOff: absolute(timeOff),
        busy: absolute(busy),
      };
    });

  /** Every grid start checked minute by minute against the wall clock, straight from the rules. */
  function referenceSlotStarts(q: SlotQuery): number[] {
    const windows = q.windows.map((w) => ({
      weekday: w.weekday,
      start: Number(w.start.slice(0, 2)) * 60 + Number(w.start.slice(3)),
      end: Number(w.end.slice(0, 2)) * 60 + Number(w.end.slice(3)),
    }));
    // Luxon once per quarter-hour: offsets, DST changes and window edges all sit on quarter-hours.
    const quarters = new Map<number, { weekday: number; minuteOfDay: number }>();
    const wallClock = (quarter: number) => {
      let wall = quarters.get(quarter);
      if (!wall) {
        const local = DateTime.fromMillis(quarter, { zone: q.timeZone });
        wall = { weekday: local.weekday, minuteOfDay: local.hour * 60 + local.minute };
        quarters.set(quarter, wall);
      }
      return wall;
    };
    const availableAt = (minute: number) => {
      const quarter = Math.floor(minute / STEP) * STEP;
      const { weekday, minuteOfDay } = wallClock(quarter);
      const time = minuteOfDay + (minute - quarter) / MINUTE;
      const inWindow = windows.some(
        (w) => w.weekday === weekday && w.start <= time && time < w.end,
      );
      return inWindow && !q.timeOff.some((off) => off.start <= minute && minute < off.end);
    };
    const starts: number[] = [];
    for (let s = Math.ceil(q.from / STEP) * STEP; s < q.to; s += STEP) {
      const blockedEnd = s + (q.durationMinutes + q.bufferMinutes) * MINUTE;
      if (s < q.notBefore) continue;
      if (q.busy.some((b) => b.start < blockedEnd && s < b.end)) continue;
      let fits = true;
      for (let m = s; fits && m < s + q.durationMinutes * MINUTE; m += MINUTE) {
        fits = availableAt(m);
      }
      if (fits) starts.push(s);
    }
    return starts;
  }

  it('findSlotStarts matches the reference', () => {
    fc.assert(
      fc.property(slotQuery, (q) => {
        expect(findSlotStarts(q).map(iso)).toEqual(referenceSlotStarts(q).map(iso));
      }),
      { numRuns: 200 },
    );
  });

  it('counts and lists the first starts from the runs exactly as the reference does', () => {
    fc.assert(
      fc.property(slotQuery, fc.nat({ max: 40 }), (q, limit) => {
        const reference = referenceSlotStarts(q);
        const runs = findSlotRuns(q);
        expect(countSlots(runs)).toBe(reference.length);
        expect(slotStarts(runs, limit).map(iso)).toEqual(reference.slice(0, limit).map(iso));
        // Runs are maximal: two runs never continue each other on the grid.
        runs.slice(1).forEach((run, i) => {
          expect(run.first).toBeGreaterThan(runs[i].first + runs[i].count * STEP);
        });
      }),
      { numRuns: 200 },
    );
  });

  /** Rooms (one needed) and equipment kinds (some units needed), each member a busy calendar. */
  const pools = (q: SlotQuery) =>
    fc
      .array(
        fc.record({
          need: fc.integer({ min: 1, max: 3 }),
          members: fc.array(intervalsNear(6, 15, 300), { maxLength: 4 }),
        }),
        { maxLength: 3 },
      )
      .map((drawn) =>
        drawn.map(({ need, members }) => ({
          need,
          members: members.map((busy) =>
            busy.map(({ offset, length }) => {
              const anchor = Math.floor(q.from / MINUTE) * MINUTE;
              return { start: anchor + offset * MINUTE, end: anchor + (offset + length) * MINUTE };
            }),
          ),
        })),
      );

  it('with rooms and equipment, offers exactly the starts a minute-by-minute search of every resource finds', () => {
    const withPools = slotQuery.chain((q) => pools(q).map((drawn) => ({ q, drawn })));
    fc.assert(
      fc.property(withPools, ({ q, drawn }) => {
        const length = (q.durationMinutes + q.bufferMinutes) * MINUTE;
        const offered = findSlotStarts({ ...q, blockedStarts: blockedStarts(drawn, length) });
        // A member is free for a start when no minute of the session and its buffer is busy.
        const freeFor = (busy: readonly { start: number; end: number }[], start: number) => {
          for (let m = start; m < start + length; m += MINUTE) {
            if (busy.some((b) => b.start <= m && m < b.end)) return false;
          }
          return true;
        };
        const reference = referenceSlotStarts(q).filter((start) =>
          drawn.every(
            (pool) => pool.members.filter((busy) => freeFor(busy, start)).length >= pool.need,
          ),
        );
        expect(offered.map(iso)).toEqual(reference.map(iso));
      }),
      { numRuns: 150 },
    );
  });

  it('stops at `atMost` starts: the first ones of the full search, the count capped', () => {
    fc.assert(
      fc.property(slotQuery, fc.nat({ max: 12 }), (q, atMost) => {
        const full = slotStarts(findSlotRuns(q));
        const capped = findSlotRuns(q, atMost);
        expect(countSlots(capped)).toBe(Math.min(atMost, full.length));
        expect(slotStarts(capped).map(iso)).toEqual(full.slice(0, atMost).map(iso));
      }),
      { numRuns: 200 },
    );
  });

  it('isSlotOffered agrees with findSlotStarts, which is fitsAvailability plus no clash', () => {
    const pick = fc.record({ kind: fc.constantFrom('answer', 'grid', 'any'), n: fc.nat() });
    fc.assert(
      fc.property(slotQuery, fc.array(pick, { minLength: 1, maxLength: 6 }), (q, picks) => {
        const answers = findSlotStarts(q);
        const { from, to, ...rest } = q;
        const candidate = ({ kind, n }: { kind: string; n: number }) => {
          const any = from + (n % (to - from));
          if (kind === 'any') return any;
          if (kind === 'answer' && answers.length > 0) return answers[n % answers.length];
          return Math.ceil(any / STEP) * STEP;
        };
        for (const start of picks.map(candidate).filter((s) => s < to)) {
          const offered = isSlotOffered(rest, start);
          expect(offered).toBe(answers.includes(start));
          if (start % STEP === 0 && start >= q.notBefore) {
            const sessionEnd = start + q.durationMinutes * MINUTE;
            const blockedEnd = sessionEnd + q.bufferMinutes * MINUTE;
            const clashes = q.busy.some((b) => b.start < blockedEnd && start < b.end);
            expect(offered).toBe(fitsAvailability(q, start, sessionEnd) && !clashes);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
