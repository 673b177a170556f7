// A realistic, deterministic data set, planned in JS (so the harness knows every booked and free
// cell) and written with a handful of set-based INSERTs (generate_series / unnest arrays).
//
// Schedule model: each weekly window is cut into 75-minute cells from its start (09:00, 10:15,
// 11:30, …). A seeded booking fills one cell (swedish 60+15, trigger-point 45+10) or two adjacent
// cells (deep-tissue 90+15), so seeded bookings never overlap (the exclusion constraint would
// refuse them) and every cell left free is a slot the app offers for swedish (60 + 15 buffer):
// on the 15-minute grid (the zones used have whole-hour offsets), inside the weekly hours, outside
// time off, clear of every neighbour's booking plus buffer. The benchmark books those free cells.
import argon2 from 'argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';

export const PASSWORD = 'bench-password-2026';
export const ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Tokyo',
];
export const OFFERINGS = [
  { technique: 'swedish', name: 'Swedish, 60 min', duration: 60, buffer: 15, price: 8000 },
  {
    technique: 'trigger-point',
    name: 'Trigger point, 45 min',
    duration: 45,
    buffer: 10,
    price: 7000,
  },
  { technique: 'deep-tissue', name: 'Deep tissue, 90 min', duration: 90, buffer: 15, price: 12000 },
  { technique: 'prenatal', name: 'Prenatal, 60 min', duration: 60, buffer: 15, price: 9000 },
];
const CELL_MINUTES = 75;
const MINUTE_MS = 60_000;
const WEEKDAYS = [1, 2, 3, 4, 5];

/** Weekly hours in the therapist's zone: [weekday, startMinute, endMinute]. */
const SCHEDULES = [
  { name: 'Mon-Fri 09-17', weight: 6, windows: WEEKDAYS.map((d) => [d, 540, 1020]) },
  {
    name: 'Mon-Fri 09-17 + Sat 10-15',
    weight: 2,
    windows: [...WEEKDAYS.map((d) => [d, 540, 1020]), [6, 600, 900]],
  },
  { name: 'Tue-Sat 10-18', weight: 1, windows: [2, 3, 4, 5, 6].map((d) => [d, 600, 1080]) },
  {
    name: 'Mon-Thu 08-12 & 13-18 + Sun 10-14',
    weight: 1,
    windows: [
      ...[1, 2, 3, 4].flatMap((d) => [
        [d, 480, 720],
        [d, 780, 1080],
      ]),
      [7, 600, 840],
    ],
  },
];

/** mulberry32: a small deterministic PRNG, so every run seeds the same shape. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand, items) {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let r = rand() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items.at(-1);
}

const overlaps = (start, end, intervals) => intervals.some((i) => i.start < end && start < i.end);

/** `localMs(day, minute)`, `midnight(day)` and `weekdayOf(day)` in `zone`, days counted from today. */
function zoneCalendar(now, zone) {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const memo = new Map();
  const remember = (key, compute) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute()));
    return value;
  };
  return {
    localMs: (day, minute) =>
      remember(`${day}:${minute}`, () =>
        today
          .plus({ days: day })
          .set({ hour: Math.floor(minute / 60), minute: minute % 60 })
          .toMillis(),
      ),
    midnight: (day) => remember(`${day}`, () => today.plus({ days: day }).toMillis()),
    weekdayOf: (day) => remember(`w${day}`, () => today.plus({ days: day }).weekday),
  };
}

/**
 * The plan: therapists (zone, hours, techniques, certifications, time off), seeded bookings by
 * client index, and the free swedish cells ("supply") from tomorrow to `supplyDays` ahead.
 */
export function planDataset({
  now = Date.now(),
  therapists: therapistCount = 200,
  clients: clientCount = 3000,
  seedDays = 14,
  bookedShare = 0.3,
  historyDays = 28,
  supplyDays = 120,
  seed = 20_261_124,
} = {}) {
  const rand = prng(seed);
  const therapists = [];
  const bookings = [];
  const supply = [];
  let seedCells = 0;
  let seedCellsBooked = 0;
  // Local wall times per zone and day, computed once: Luxon per cell made 3,000 therapists a
  // 100-second plan.
  const calendars = new Map();
  const calendarOf = (zone) => {
    if (!calendars.has(zone)) calendars.set(zone, zoneCalendar(now, zone));
    return calendars.get(zone);
  };

  for (let i = 0; i < therapistCount; i++) {
    const zone = ZONES[i % ZONES.length];
    const schedule = weighted(rand, SCHEDULES);
    const prenatal = rand() < 0.4;
    const techniques = ['swedish', 'trigger-point'];
    if (rand() < 0.7) techniques.push('deep-tissue');
    if (prenatal) techniques.push('prenatal');
    for (const extra of ['shiatsu', 'hot-stone', 'aromatherapy']) {
      if (rand() < 0.25) techniques.push(extra);
    }
    const { localMs, midnight, weekdayOf } = calendarOf(zone);

    // Time off: a day off for one in seven, an afternoon off for one in eleven, a week of
    // holiday (three weeks out) for one in twenty.
    const timeOff = [];
    if (i % 7 === 3) {
      const day = 1 + ((i * 5) % seedDays);
      timeOff.push({ start: midnight(day), end: midnight(day + 1), reason: 'Day off' });
    }
    if (i % 11 === 4) {
      const day = 2 + (i % 10);
      timeOff.push({ start: localMs(day, 780), end: localMs(day, 1080), reason: 'Dentist' });
    }
    if (i % 20 === 5) {
      timeOff.push({ start: midnight(20), end: midnight(27), reason: 'Holiday' });
    }

    const therapist = {
      index: i,
      id: randomUUID(),
      email: `therapist-${String(i + 1).padStart(3, '0')}@bench.unknot.test`,
      name: `Therapist ${i + 1}`,
      zone,
      schedule: schedule.name,
      windows: schedule.windows,
      yearsExperience: Math.floor(rand() * 25),
      techniques,
      prenatal,
      timeOff,
      calendarToken: randomBytes(24).toString('base64url'),
    };
    therapists.push(therapist);

    const byWeekday = new Map();
    for (const [weekday, start, end] of schedule.windows) {
      byWeekday.set(weekday, [...(byWeekday.get(weekday) ?? []), [start, end]]);
    }
    for (let day = -historyDays; day <= supplyDays; day++) {
      if (day === 0) continue; // today: partly past; neither seeded nor offered
      const weekday = weekdayOf(day);
      for (const [start, end] of byWeekday.get(weekday) ?? []) {
        const cells = [];
        for (let m = start; m + CELL_MINUTES <= end; m += CELL_MINUTES) {
          const at = localMs(day, m);
          if (!overlaps(at, at + CELL_MINUTES * MINUTE_MS, timeOff)) cells.push({ at, m });
        }
        for (let k = 0; k < cells.length; k++) {
          const at = cells[k].at;
          const past = day < 0;
          const seeded = past || day <= seedDays;
          if (!past && seeded) seedCells++;
          const share = past ? 0.5 : seeded ? bookedShare : 0;
          if (!(rand() < share)) {
            if (!past) supply.push({ therapistId: therapist.id, startsAt: at });
            continue;
          }
          // Deep tissue needs two adjacent cells (90 + 15 min) in the same window.
          const adjacent = cells[k + 1]?.at === at + CELL_MINUTES * MINUTE_MS;
          let offering;
          const r = rand();
          if (r < 0.2 && adjacent && techniques.includes('deep-tissue')) offering = 'deep-tissue';
          else if (r < 0.65) offering = 'swedish';
          else offering = 'trigger-point';
          const cellsUsed = offering === 'deep-tissue' ? 2 : 1;
          let status = 'confirmed';
          if (past) {
            const s = rand();
            status = s < 0.85 ? 'completed' : s < 0.95 ? 'no-show' : 'cancelled';
          } else if (rand() < 0.05) {
            status = 'cancelled';
          }
          bookings.push({
            therapistId: therapist.id,
            clientIndex: Math.floor(rand() * clientCount),
            offering,
            startsAt: at,
            status,
          });
          if (!past) {
            if (status === 'cancelled') {
              for (let c = 0; c < cellsUsed; c++) {
                supply.push({ therapistId: therapist.id, startsAt: cells[k + c].at });
              }
            } else {
              seedCellsBooked += cellsUsed;
            }
          }
          if (cellsUsed === 2) {
            k++;
            if (!past) seedCells++;
          }
        }
      }
    }
  }
  // Earliest first; at one instant, therapists in creation order: consecutive slots belong to
  // different therapists, like real traffic spread over a marketplace.
  supply.sort((a, b) => a.startsAt - b.startsAt);
  return {
    therapists,
    bookings,
    supply,
    clientCount,
    stats: {
      therapists: therapistCount,
      clients: clientCount,
      seededBookings: bookings.length,
      liveFutureBookings: bookings.filter((b) => b.status === 'confirmed').length,
      bookedShareNext14Days: seedCellsBooked / Math.max(1, seedCells),
      prenatalCertified: therapists.filter((t) => t.prenatal).length,
      timeOffRows: therapists.reduce((n, t) => n + t.timeOff.length, 0),
      freeSwedishSlots: supply.length,
    },
  };
}

/** One argon2id hash (OWASP parameters, as the app uses) shared by every seeded user. */
export function sharedPasswordHash() {
  return argon2.hash(PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
}

/** Writes the plan in one transaction; returns ids the benchmark needs. */
export async function seedDatabase(client, plan, passwordHash) {
  const { therapists, bookings, clientCount } = plan;
  await client.query('BEGIN');
  try {
    const adminId = randomUUID();
    await client.query(
      `INSERT INTO users (id, email, name, role, password_hash)
       VALUES ($1, 'admin@bench.unknot.test', 'Bench Admin', 'admin', $2)`,
      [adminId, passwordHash],
    );
    await client.query(
      `INSERT INTO users (email, name, role, password_hash)
       SELECT format('client-%s@bench.unknot.test', lpad(g::text, 5, '0')), 'Client ' || g, 'client', $2
         FROM generate_series(1, $1::int) AS g`,
      [clientCount, passwordHash],
    );
    const { rows: clientRows } = await client.query(
      `SELECT id, email FROM users WHERE role = 'client' ORDER BY email`,
    );
    const clients = clientRows.map((r) => ({ id: r.id, email: r.email }));

    const col = (rows, f) => rows.map(f);
    await client.query(
      `INSERT INTO users (id, email, name, role, password_hash)
       SELECT id, email, name, 'therapist', $4 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, email, name)`,
      [
        col(therapists, (t) => t.id),
        col(therapists, (t) => t.email),
        col(therapists, (t) => t.name),
        passwordHash,
      ],
    );
    await client.query(
      `INSERT INTO therapists (id, bio, years_experience, timezone, calendar_token)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[])`,
      [
        col(therapists, (t) => t.id),
        col(
          therapists,
          (t) => `Licensed massage therapist (${t.techniques.join(', ')}), based in ${t.zone}.`,
        ),
        col(therapists, (t) => t.yearsExperience),
        col(therapists, (t) => t.zone),
        col(therapists, (t) => t.calendarToken),
      ],
    );
    const techniquePairs = therapists.flatMap((t) => t.techniques.map((slug) => [t.id, slug]));
    await client.query(
      `INSERT INTO therapist_techniques (therapist_id, technique_slug)
       SELECT * FROM unnest($1::uuid[], $2::text[])`,
      [col(techniquePairs, (p) => p[0]), col(techniquePairs, (p) => p[1])],
    );
    const windows = therapists.flatMap((t) => t.windows.map((w) => [t.id, ...w]));
    await client.query(
      `INSERT INTO availability_windows (therapist_id, weekday, start_minute, end_minute)
       SELECT * FROM unnest($1::uuid[], $2::int2[], $3::int2[], $4::int2[])`,
      [0, 1, 2, 3].map((k) => col(windows, (w) => w[k])),
    );
    const certs = therapists.flatMap((t) =>
      (t.prenatal ? ['massage-license', 'prenatal'] : ['massage-license']).map((kind) => [
        t.id,
        kind,
        `${kind === 'prenatal' ? 'PN' : 'ML'}-${String(t.index + 1).padStart(5, '0')}`,
        400 + ((t.index * 37) % 700), // expires in 400..1100 days
      ]),
    );
    await client.query(
      `INSERT INTO certifications (therapist_id, kind, issuer, number, expires_on, status, decided_by, decided_at)
       SELECT t, k, 'State Board of Massage', n, current_date + d, 'verified', $5::uuid, now() - interval '30 days'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) AS c(t, k, n, d)`,
      [...[0, 1, 2, 3].map((k) => col(certs, (c) => c[k])), adminId],
    );
    const offerings = {};
    for (const o of OFFERINGS) {
      const { rows } = await client.query(
        `INSERT INTO offerings (technique_slug, name, duration_minutes, price_cents, buffer_minutes)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [o.technique, o.name, o.duration, o.price, o.buffer],
      );
      offerings[o.technique] = { ...o, id: rows[0].id };
    }
    const timeOff = therapists.flatMap((t) =>
      t.timeOff.map((o) => [t.id, o.start, o.end, o.reason]),
    );
    await client.query(
      `INSERT INTO time_off (therapist_id, starts_at, ends_at, reason)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[])`,
      [
        col(timeOff, (o) => o[0]),
        col(timeOff, (o) => new Date(o[1])),
        col(timeOff, (o) => new Date(o[2])),
        col(timeOff, (o) => o[3]),
      ],
    );
    const rows = bookings.map((b) => {
      const o = offerings[b.offering];
      const clientId = clients[b.clientIndex].id;
      const endsAt = b.startsAt + o.duration * MINUTE_MS;
      const cancelled = b.status === 'cancelled';
      return [
        clientId,
        b.therapistId,
        o.id,
        o.technique,
        new Date(b.startsAt),
        new Date(endsAt),
        new Date(endsAt + o.buffer * MINUTE_MS),
        o.price,
        b.status,
        cancelled ? new Date(Math.min(Date.now(), b.startsAt - 2 * 86_400_000)) : null,
        cancelled ? clientId : null,
        cancelled ? 'Schedule change' : null,
        new Date(Math.min(Date.now(), b.startsAt - 3 * 86_400_000)),
      ];
    });
    await client.query(
      `INSERT INTO bookings (client_id, therapist_id, offering_id, technique_slug, starts_at, ends_at,
                             occupied_until, price_cents, status, cancelled_at, cancelled_by,
                             cancellation_reason, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[],
                            $6::timestamptz[], $7::timestamptz[], $8::int[], $9::text[],
                            $10::timestamptz[], $11::uuid[], $12::text[], $13::timestamptz[])`,
      Array.from({ length: 13 }, (_, k) => col(rows, (r) => r[k])),
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { adminId, clients, offerings };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
