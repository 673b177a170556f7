// Targets, pass/fail and the Markdown table.

export const TARGETS = {
  slotsP95Ms: 20,
  matchesP95Ms: 150,
  /** Matches median (one connection) at the largest scaling size over its median at the smallest. */
  matchesScalingRatio: 2,
  /** Slots (one therapist, 31 days) at a location with rooms over the same without: p50. */
  slotsWithRoomsRatio: 1.5,
  /** App CPU per request over the baseline's, for slots and booking. */
  appCpuRatio: 1.3,
  bookingThroughputRatio: 0.9,
  bookingP99Ms: 50,
  bookingNon201: 0,
  contentionLoserP99Ms: 100,
  contentionOverlaps: 0,
  contention5xx: 0,
};

const ratio = (u, b) =>
  u === null || b === null || u === undefined || b === undefined || b === 0 ? null : u / b;

/** Rows: { metric, unknot, baseline, ratio, target, ok } (ok: true / false / null = no target). */
export function buildRows(r) {
  const rows = [];
  const add = (metric, unknot, baseline, target, ok, ratioValue = ratio(unknot, baseline)) =>
    rows.push({ metric, unknot, baseline: baseline ?? null, ratio: ratioValue, target, ok });

  const s = r.slots;
  add(
    'slots 31 d, 10 conn: requests/s',
    s.unknot.requestsPerSecond,
    s.baseline.requestsPerSecond,
    null,
    null,
  );
  add('slots 31 d: p50 ms', s.unknot.latency.p50, s.baseline.latency.p50, null, null);
  add(
    'slots 31 d: p95 ms',
    s.unknot.latency.p95,
    s.baseline.latency.p95,
    `<= ${TARGETS.slotsP95Ms} ms`,
    s.unknot.latency.p95 <= TARGETS.slotsP95Ms,
  );
  add('slots 31 d: p99 ms', s.unknot.latency.p99, s.baseline.latency.p99, null, null);
  add(
    'slots 31 d: non-200 answers',
    s.unknot.responses - (s.unknot.statuses[200] ?? 0),
    s.baseline.responses - (s.baseline.statuses[200] ?? 0),
    '0',
    s.unknot.responses === (s.unknot.statuses[200] ?? 0),
  );

  const appCpu = (run) => run.cpuMsPerRequest?.app ?? null;
  const cpuRatio = ratio(appCpu(s.unknot), appCpu(s.baseline));
  add(
    'slots: app CPU ms per request',
    appCpu(s.unknot),
    appCpu(s.baseline),
    `<= ${TARGETS.appCpuRatio} x baseline`,
    cpuRatio !== null && cpuRatio <= TARGETS.appCpuRatio,
    cpuRatio,
  );

  const w = r.slotsWithRooms;
  if (w) {
    const roomsRatio = ratio(w.unknot.latency.p50, s.unknot.latency.p50);
    add(
      `slots 31 d with ${w.rooms} rooms (Unknot) vs without ("baseline" column): p50 ms`,
      w.unknot.latency.p50,
      s.unknot.latency.p50,
      `<= ${TARGETS.slotsWithRoomsRatio} x`,
      roomsRatio !== null && roomsRatio <= TARGETS.slotsWithRoomsRatio,
      roomsRatio,
    );
    add(
      'slots with rooms vs without: app CPU ms per request',
      appCpu(w.unknot),
      appCpu(s.unknot),
      null,
      null,
    );
    add(
      'slots with rooms: non-200 answers',
      w.unknot.responses - (w.unknot.statuses[200] ?? 0),
      null,
      '0',
      w.unknot.responses === (w.unknot.statuses[200] ?? 0),
    );
  }
  const sc = r.sessionCheck;
  if (sc) {
    add('session check per request, cache hit: µs', sc.hitMicrosPerCheck, null, null, null);
    add('session check, cache miss (one indexed query): p50 ms', sc.missMs.p50, null, null, null);
  }

  const m = r.matches;
  add(
    `matches ${m.therapists} therapists x 14 d (best ${m.matches} answered), 10 conn: requests/s`,
    m.unknot.requestsPerSecond,
    null,
    null,
    null,
  );
  add('matches: p50 ms', m.unknot.latency.p50, null, null, null);
  add(
    'matches: p95 ms',
    m.unknot.latency.p95,
    null,
    `<= ${TARGETS.matchesP95Ms} ms`,
    m.unknot.latency.p95 <= TARGETS.matchesP95Ms,
  );
  add('matches: p99 ms', m.unknot.latency.p99, null, null, null);
  add(
    'matches: non-200 answers',
    m.unknot.responses - (m.unknot.statuses[200] ?? 0),
    null,
    '0',
    m.unknot.responses === (m.unknot.statuses[200] ?? 0),
  );

  const b = r.booking;
  const tRatio = ratio(b.unknot.okPerSecond, b.baseline.okPerSecond);
  add(
    'booking, 32 conn: bookings/s (201)',
    b.unknot.okPerSecond,
    b.baseline.okPerSecond,
    `>= ${TARGETS.bookingThroughputRatio} x baseline`,
    tRatio !== null && tRatio >= TARGETS.bookingThroughputRatio,
    tRatio,
  );
  const bookingCpuRatio = ratio(appCpu(b.unknot), appCpu(b.baseline));
  add(
    'booking: app CPU ms per request',
    appCpu(b.unknot),
    appCpu(b.baseline),
    `<= ${TARGETS.appCpuRatio} x baseline`,
    bookingCpuRatio !== null && bookingCpuRatio <= TARGETS.appCpuRatio,
    bookingCpuRatio,
  );
  add('booking: p50 ms', b.unknot.latency.p50, b.baseline.latency.p50, null, null);
  add('booking: p95 ms', b.unknot.latency.p95, b.baseline.latency.p95, null, null);
  add(
    'booking: p99 ms',
    b.unknot.latency.p99,
    b.baseline.latency.p99,
    `<= ${TARGETS.bookingP99Ms} ms`,
    b.unknot.latency.p99 <= TARGETS.bookingP99Ms,
  );
  add(
    'booking: non-201 answers',
    b.unknot.non201,
    b.baseline.non201,
    '0',
    b.unknot.non201 === TARGETS.bookingNon201,
  );

  const c = r.contention;
  const cb = c.baseline;
  const ofRun = (x) => (x ? `${x.slotsWithExactlyOneWinner}/${x.races}` : null);
  add(
    `contention (${c.racersPerSlot} racers x ${c.racesPlanned} slots, ${c.instances} instances): races with exactly 1 winner / races run`,
    ofRun(c),
    ofRun(cb),
    `${c.racesPlanned}/${c.racesPlanned}`,
    c.slotsWithExactlyOneWinner === c.racesPlanned,
    null,
  );
  add(
    'contention: race slots booked exactly once, 2 s later',
    c.slotsBookedOnceAtEnd,
    cb?.slotsBookedOnceAtEnd,
    null,
    null,
    null,
  );
  add(
    'contention: overlapping live pairs (SQL self-join)',
    c.overlappingPairs,
    cb?.overlappingPairs,
    '0',
    c.overlappingPairs === TARGETS.contentionOverlaps,
    null,
  );
  add("contention: losers' 409 p50 ms", c.losers.p50, cb?.losers.p50, null, null);
  add(
    "contention: losers' 409 p99 ms",
    c.losers.p99,
    cb?.losers.p99,
    `<= ${TARGETS.contentionLoserP99Ms} ms`,
    c.losers.p99 !== null && c.losers.p99 <= TARGETS.contentionLoserP99Ms,
  );
  add(
    'contention: 5xx / errors',
    c.serverErrors,
    cb?.serverErrors,
    '0',
    c.serverErrors === TARGETS.contention5xx,
    null,
  );
  add('contention: races run (time budget)', c.races, cb?.races, null, null, null);
  add(
    'contention: deadlocks PostgreSQL detected (40P01)',
    c.deadlocksDetected,
    cb?.deadlocksDetected,
    null,
    null,
    null,
  );
  add('contention: race wall time p50 ms', c.raceWallMs.p50, cb?.raceWallMs.p50, null, null);

  if (r.scaling.length > 1) {
    const first = r.scaling[0];
    const last = r.scaling.at(-1);
    const scalingRatio = ratio(last.latency.p50, first.latency.p50);
    add(
      `matches median, 1 conn: ${last.therapists} therapists (Unknot) vs ${first.therapists} ("baseline" column)`,
      last.latency.p50,
      first.latency.p50,
      `<= ${TARGETS.matchesScalingRatio} x`,
      scalingRatio !== null && scalingRatio <= TARGETS.matchesScalingRatio,
      scalingRatio,
    );
  }
  return rows;
}

const fmt = (v, digits = 1) => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  return String(v);
};

export function markdownTable(rows) {
  const lines = [
    '| metric | Unknot | baseline | ratio | target | ok |',
    '|---|---:|---:|---:|---|:---:|',
  ];
  for (const row of rows) {
    const ok = row.ok === null ? '' : row.ok ? 'yes' : '**NO**';
    lines.push(
      `| ${row.metric} | ${fmt(row.unknot)} | ${fmt(row.baseline)} | ${fmt(row.ratio, 2)} | ${row.target ?? ''} | ${ok} |`,
    );
  }
  return lines.join('\n');
}

/** CPU ms per request of each component (what bounds a run on a small machine). */
export function cpuTable(r) {
  const runs = [
    ['slots, Unknot', r.slots.unknot],
    ['slots, baseline', r.slots.baseline],
    ['matches, Unknot', r.matches.unknot],
    ['booking, Unknot', r.booking.unknot],
    ['booking, baseline', r.booking.baseline],
  ];
  const lines = [
    '| run | requests/s | app CPU ms/req | PostgreSQL CPU ms/req | load generator CPU ms/req |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [name, run] of runs) {
    const p = run.cpuMsPerRequest ?? {};
    lines.push(
      `| ${name} | ${fmt(run.requestsPerSecond)} | ${fmt(p.app, 2)} | ${fmt(p.postgres, 2)} | ${fmt(p.loadGenerator, 2)} |`,
    );
  }
  return lines.join('\n');
}

/** The matches scaling run: one row per size, its median against the first size's. */
export function scalingTable(runs) {
  const lines = [
    '| therapists | bookings seeded | matches answered | requests | median ms | ratio to first | p95 ms | app CPU ms/req | PostgreSQL CPU ms/req |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const base = runs[0]?.latency.p50;
  for (const run of runs) {
    const p = run.cpuMsPerRequest ?? {};
    lines.push(
      `| ${run.therapists} | ${run.seededBookings} | ${run.matches} | ${run.responses} | ${fmt(run.latency.p50)} | ` +
        `${fmt(ratio(run.latency.p50, base), 2)} | ${fmt(run.latency.p95)} | ${fmt(p.app, 2)} | ${fmt(p.postgres, 2)} |`,
    );
  }
  return lines.join('\n');
}

/** Per explained query: its execution time and every scan in its plan (Seq Scan is the one to avoid). */
export function explainSummary(explained) {
  const lines = ['| query | execution ms | scans |', '|---|---:|---|'];
  for (const { name, executionMs, plan } of explained) {
    const scans = new Map();
    for (const line of plan) {
      const scan = line.match(
        /((?:Parallel )?(?:Seq|Index Only|Index|Bitmap Heap|Bitmap Index) Scan)(?: using (\S+))?(?: on (\S+))?/,
      );
      if (!scan) continue;
      const key = `${scan[1]}${scan[2] ? ` using ${scan[2]}` : ''}${scan[3] ? ` on ${scan[3]}` : ''}`;
      scans.set(key, (scans.get(key) ?? 0) + 1);
    }
    const text = [...scans].map(([scan, count]) => (count > 1 ? `${scan} (x${count})` : scan));
    lines.push(`| ${name} | ${fmt(executionMs, 2)} | ${text.join('; ')} |`);
  }
  return lines.join('\n');
}
