// `npm run bench`: Unknot under load against a minimal Fastify + pg baseline, in one run.
// See bench/README.md. Knobs (env): DATABASE_URL (a server to create the bench database on;
// else embedded PostgreSQL), BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2),
// BENCH_THERAPISTS (the main data set, default 200), BENCH_SCALING (therapist counts of the
// matches scaling run, default 200,1000,3000; empty skips it), BENCH_CPU_PROF (a directory:
// profile app instance A with --cpu-prof), BENCH_KEEP_DB=1.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { api, clientWithIntake } from './api.mjs';
import { runContention } from './contention.mjs';
import { snapshotBuild } from './build.mjs';
import { createBenchDatabase, jobsSettled, runMigrations, startServer } from './database.mjs';
import { runLoad, takeTurns } from './load.mjs';
import { Cleanup, freePort, startNode, stopNode, waitHealthy, withTimeout } from './processes.mjs';
import {
  buildRows,
  cpuTable,
  explainSummary,
  markdownTable,
  scalingTable,
  TARGETS,
} from './report.mjs';
import { roomsForSlots, withRooms } from './rooms.mjs';
import { runMatchesScaling } from './scaling.mjs';
import { measureSessionCheck, sessionIdOf } from './session-check.mjs';
import { PASSWORD, planDataset, seedDatabase, sharedPasswordHash } from './seed.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const THERAPISTS = Number(process.env.BENCH_THERAPISTS ?? 200);
const SCALING_SIZES = (process.env.BENCH_SCALING ?? '200,1000,3000')
  .split(',')
  .filter((size) => size.trim() !== '')
  .map(Number);
const MATCHES_WINDOW_DAYS = 14;
/** Measured runs are cut into this many turns (load.mjs, takeTurns). */
const ROUNDS = 5;
/** The matches answered by default (the API's default page). */
const MATCHES_LIMIT = 20;
const POOL_SIZE = 20;
const WATCHDOG_MS = 9.5 * 60_000;
const DAY_MS = 86_400_000;
const RACERS = 100;
const RACES = 50;
const BOOKING_CONNECTIONS = 32;
const READ_CONNECTIONS = 10;
const DATABASE_NAME = `unknot_bench_${process.pid}`;

const started = Date.now();
const cleanup = new Cleanup();
const children = [];
const log = (message) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

// ---- stop everything we started, whatever happens ----------------------------------------
let exiting = false;
async function abort(reason, code) {
  if (exiting) return;
  exiting = true;
  console.error(`\nbench: ${reason}; stopping everything it started …`);
  await cleanup.run();
  process.exit(code);
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => void abort(`${signal} received`, code));
}
process.on('exit', () => cleanup.killAllSync(children));
const watchdog = setTimeout(
  () => void abort(`watchdog: the run passed ${WATCHDOG_MS / 60_000} minutes`, 1),
  WATCHDOG_MS,
);

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index], index);
      }
    }),
  );
  return results;
}

/** A booking workload: one distinct free slot per request, a fixed client token per connection. */
function bookingWorkload({ supply, offeringId, tokens }) {
  let next = 0;
  let connection = 0;
  let exhausted = false;
  const failures = [];
  return {
    setupClient(client) {
      client.setHeaders({
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[connection++ % tokens.length]}`,
      });
    },
    requests: [
      {
        method: 'POST',
        path: '/api/v1/bookings',
        setupRequest(request) {
          const slot = supply[next++];
          if (!slot) {
            // Never reached with the default supply; a re-used slot would answer 409 and show.
            exhausted = true;
            return { ...request, body: JSON.stringify(lastBody(supply, offeringId)) };
          }
          request.body = JSON.stringify({
            therapistId: slot.therapistId,
            offeringId,
            startsAt: new Date(slot.startsAt).toISOString(),
          });
          return request;
        },
        onResponse(status, body) {
          if (status !== 201 && failures.length < 5)
            failures.push({ status, body: body.slice(0, 300) });
        },
      },
    ],
    used: () => next,
    exhausted: () => exhausted,
    failures,
  };
}
const lastBody = (supply, offeringId) => ({
  therapistId: supply.at(-1).therapistId,
  offeringId,
  startsAt: new Date(supply.at(-1).startsAt).toISOString(),
});

/** Booking at BOOKING_CONNECTIONS: the first quarter of the supply warms up, the rest is measured. */
function bookingLoad(title, port, supply, offeringId, tokens, cpuPids) {
  const warm = bookingWorkload({
    supply: supply.slice(0, Math.floor(supply.length / 4)),
    offeringId,
    tokens,
  });
  const work = bookingWorkload({
    supply: supply.slice(Math.floor(supply.length / 4)),
    offeringId,
    tokens,
  });
  const load = { url: `http://127.0.0.1:${port}`, connections: BOOKING_CONNECTIONS };
  return {
    warmUp: async () => {
      if (WARMUP > 0)
        await runLoad({ title: `${title} warm-up`, duration: WARMUP, ...load, ...warm });
    },
    measure: (duration) =>
      runLoad({
        title,
        duration,
        countOk: (status) => status === 201,
        cpuPids,
        database: DATABASE_NAME,
        keepLatencies: true,
        ...load,
        ...work,
      }),
    finish: (result) => ({
      ...result,
      non201: result.responses - result.ok,
      slotsHandedOut: work.used(),
      supplyExhausted: work.exhausted() || warm.exhausted(),
      failureSamples: work.failures,
      warmUpNon201: warm.failures.length,
    }),
  };
}

/** GET `path` at READ_CONNECTIONS. */
function readLoad(title, port, path, token, cpuPids) {
  const load = {
    url: `http://127.0.0.1:${port}`,
    connections: READ_CONNECTIONS,
    path,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  };
  return {
    warmUp: async () => {
      if (WARMUP > 0) await runLoad({ title: `${title} warm-up`, duration: WARMUP, ...load });
    },
    measure: (duration) =>
      runLoad({ title, duration, cpuPids, database: DATABASE_NAME, keepLatencies: true, ...load }),
    finish: (result) => result,
  };
}

/** Unknot's run and the baseline's take turns in rounds (load.mjs), so their ratios hold. */
const inTurns = (workloads) => takeTurns(workloads, { rounds: ROUNDS, duration: DURATION });

// ---- EXPLAIN ANALYZE of the hot queries, as evidence next to the figures ------------------
function hotQueries(build) {
  const require = createRequire(import.meta.url);
  const { MATCH_CANDIDATES_SQL } = require(
    join(build, 'dist', 'src', 'modules', 'therapists', 'qualification.sql.js'),
  );
  const { SLOT_FACTS_SQL } = require(
    join(build, 'dist', 'src', 'modules', 'schedules', 'slot-facts.sql.js'),
  );
  const { RESOURCE_CALENDARS_SQL } = require(
    join(build, 'dist', 'src', 'modules', 'locations', 'resources.sql.js'),
  );
  const now = Date.now();
  const horizon = (days, minutes) => new Date(now + days * DAY_MS + minutes * 60_000);
  return {
    slots: ({ slotsTherapistId, bookingSlot, windowDays, roomsLocationId }) => [
      {
        name: 'slots: slot facts (one therapist, 31 days)',
        sql: SLOT_FACTS_SQL,
        params: [[slotsTherapistId], new Date(now), horizon(windowDays, 75)],
      },
      {
        name: 'slots with rooms: the room calendars of the location (31 days)',
        sql: RESOURCE_CALENDARS_SQL,
        params: [roomsLocationId, new Date(now), horizon(windowDays, 75), [], []],
      },
      {
        name: 'booking: slot facts (one therapist, one slot)',
        sql: SLOT_FACTS_SQL,
        params: [
          [bookingSlot.therapistId],
          new Date(bookingSlot.startsAt),
          new Date(bookingSlot.startsAt + 75 * 60_000 + 1),
        ],
      },
    ],
    // What one matches request runs: a page of candidates per suggested technique, then the slot
    // facts of the best-bounded batch (the limit's worth of therapists).
    matches: ({ therapists }) => {
      const batch = [...therapists]
        .sort((a, b) => b.yearsExperience - a.yearsExperience || (a.id < b.id ? -1 : 1))
        .slice(0, MATCHES_LIMIT)
        .map((t) => t.id);
      return [
        {
          name: `matches: candidates, first page (${therapists.length} therapists)`,
          sql: MATCH_CANDIDATES_SQL,
          params: [
            ['trigger-point', 'deep-tissue', 'swedish'],
            [0, 0, 0],
            false,
            MATCHES_LIMIT + 1,
            null,
          ],
        },
        {
          name: `matches: slot facts of a batch (${batch.length} of ${therapists.length} therapists, ${MATCHES_WINDOW_DAYS} days)`,
          sql: SLOT_FACTS_SQL,
          params: [batch, new Date(now), horizon(MATCHES_WINDOW_DAYS, 105)],
        },
      ];
    },
  };
}

async function explainQueries(db, queries) {
  const out = [];
  for (const q of queries) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const execution = plan.find((line) => line.startsWith('Execution Time'));
    out.push({
      name: q.name,
      executionMs: execution ? Number(execution.match(/[\d.]+/)[0]) : null,
      plan,
    });
  }
  return out;
}

// ---- the run ---------------------------------------------------------------------------------
async function main() {
  log(`Unknot benchmark: ${os.cpus().length} x ${os.cpus()[0]?.model}, node ${process.version}`);
  const loadBefore = os.loadavg();
  if (loadBefore[0] > 0.5) {
    log(
      `warning: load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before the run — other work on this machine makes every figure pessimistic`,
    );
  }
  // BENCH_BUILD_ROOT: a directory holding another dist/ (e.g. a candidate fix) to measure instead.
  const build = await snapshotBuild({ root: process.env.BENCH_BUILD_ROOT ?? ROOT, cleanup, log });
  log(`build under test: a copy of dist/ in ${build}`);
  const server = await startServer({ build, cleanup, log });
  const database = await createBenchDatabase({ serverUrl: server.serverUrl, cleanup });
  log(
    `database ${database.name} on ${server.mode === 'embedded' ? 'embedded PostgreSQL' : 'DATABASE_URL server'}`,
  );
  runMigrations(build, database.url);
  log('migrations run (TypeORM CLI on dist/)');

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanup.add('close bench SQL connection', () => db.end());
  const { rows: versionRows } = await db.query('SHOW server_version');
  const postgresVersion = versionRows[0].server_version;

  const plan = planDataset({ now: Date.now(), therapists: THERAPISTS });
  const passwordHash = await sharedPasswordHash();
  const seeded = await seedDatabase(db, plan, passwordHash);
  log(
    `seeded ${plan.stats.therapists} therapists, ${plan.stats.clients} clients, ${plan.stats.seededBookings} bookings ` +
      `(${(plan.stats.bookedShareNext14Days * 100).toFixed(0)} % of the next 14 days' cells booked), ` +
      `${plan.stats.freeSwedishSlots} free swedish slots`,
  );

  // ---- processes ----
  const jwtSecret = randomBytes(48).toString('base64url');
  const [portA, portB, portBaseline, portBaselineB] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const baseEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    JWT_SECRET: jwtSecret,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
  };
  const appEnv = (port) => ({
    ...baseEnv,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000000',
    RATE_LIMIT_LOGIN_FAILURES: '100000000',
    // Each booking writes two messages; their delivery is background work, not the request's:
    // the queue is polled rarely so the measured CPU is the requests', and files land in /tmp.
    JOB_POLL_SECONDS: '300',
    MAIL_DIR: join(os.tmpdir(), 'unknot-bench-mail'),
  });
  const profileDir = process.env.BENCH_CPU_PROF;
  const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const pids = {};
  const servers = [];
  const start = async (name, args, env, port) => {
    const proc = startNode(name, args, { cwd: build, env, children });
    const stop = cleanup.add(`stop ${name} (pid ${proc.pid})`, () => stopNode(proc));
    await waitHealthy(proc, port);
    log(`${name} healthy on 127.0.0.1:${port} (pid ${proc.pid})`);
    pids[name] = proc.pid;
    servers.push(stop);
    return { ...proc, stop };
  };
  await start('unknot-a', [...profileArgs, 'dist/src/main.js'], appEnv(portA), portA);
  await start('unknot-b', ['dist/src/main.js'], appEnv(portB), portB);
  for (const [name, port] of [
    ['baseline', portBaseline],
    ['baseline-b', portBaselineB],
  ]) {
    await start(
      name,
      [join(ROOT, 'bench', 'baseline-server.mjs')],
      { ...baseEnv, PORT: String(port), UNKNOT_DIST: join(build, 'dist', 'src') },
      port,
    );
  }

  // ---- clients: tokens by login, clear intakes through the API ----
  const people = seeded.clients.slice(0, RACERS + 1);
  const sessions = await mapLimit(people, 4, (client) =>
    clientWithIntake(portA, client.email, PASSWORD),
  );
  const tokens = sessions.map((session) => session.token);
  const matchToken = tokens[RACERS];
  const matchIntake = sessions[RACERS].intake;
  log(
    `${tokens.length} clients logged in; intakes clear (suggestions: ${matchIntake.suggestions.map((s) => s.technique).join(', ')})`,
  );

  // ---- the supply of free slots, checked against the app's own /slots ----
  const swedish = seeded.offerings.swedish;
  const supply = plan.supply.filter((s) => s.startsAt > Date.now() + 3_600_000);
  const checkFrom = new Date(Date.now()).toISOString();
  const checkTo = new Date(Date.now() + 31 * DAY_MS - 60_000).toISOString();
  let checked = 0;
  for (const therapist of [plan.therapists[0], plan.therapists[3], plan.therapists[8]]) {
    const answer = await api(
      portA,
      'GET',
      `/api/v1/therapists/${therapist.id}/slots?offeringId=${swedish.id}&from=${checkFrom}&to=${checkTo}`,
    );
    if (answer.status !== 200) throw new Error(`slots check: ${answer.status}`);
    const offered = new Set(answer.body.slots.map((s) => Date.parse(s.startsAt)));
    const limit = Date.parse(checkTo);
    for (const slot of supply) {
      if (slot.therapistId !== therapist.id || slot.startsAt >= limit) continue;
      checked++;
      if (!offered.has(slot.startsAt)) {
        throw new Error(
          `planned free slot ${new Date(slot.startsAt).toISOString()} of ${therapist.zone} is not offered by /slots`,
        );
      }
    }
  }
  log(`supply check: ${checked} planned free slots of 3 therapists are all offered by GET /slots`);
  const jobsWaitSeconds = await jobsSettled(db);
  log(`background jobs settled after ${jobsWaitSeconds} s (the start-up screening sweep)`);

  // Disjoint sets: race slots for Unknot and for the baseline (50 each, distinct therapists in
  // each set), then the rest alternately to Unknot's and the baseline's booking runs.
  const raceSlots = [];
  const baselineRaceSlots = [];
  const raceTherapists = [new Set(), new Set()];
  const rest = [];
  for (const slot of supply) {
    const set = raceSlots.length < RACES ? 0 : baselineRaceSlots.length < RACES ? 1 : -1;
    if (set >= 0 && !raceTherapists[set].has(slot.therapistId)) {
      (set === 0 ? raceSlots : baselineRaceSlots).push(slot);
      raceTherapists[set].add(slot.therapistId);
    } else rest.push(slot);
  }
  // The last 4,000 free slots warm up the second instances before the races (JIT).
  const warmSupply = rest.splice(rest.length - 4_000);
  const unknotSupply = rest.filter((_, i) => i % 2 === 0);
  const baselineSupply = rest.filter((_, i) => i % 2 === 1);

  // ---- 1. slots: one therapist, 31 days, 10 connections ----
  const slotsTherapist =
    plan.therapists.find(
      (t) => t.zone === 'Europe/Berlin' && t.schedule === 'Mon-Fri 09-17' && t.timeOff.length === 0,
    ) ?? plan.therapists[0];
  const from = new Date(Date.now()).toISOString();
  const to = new Date(Date.now() + 31 * DAY_MS).toISOString();
  const slotsPath = `/api/v1/therapists/${slotsTherapist.id}/slots?offeringId=${swedish.id}&from=${from}&to=${to}`;
  const [probeUnknot, probeBaseline] = [
    await api(portA, 'GET', slotsPath),
    await api(portBaseline, 'GET', slotsPath),
  ];
  if (probeUnknot.status !== 200 || probeBaseline.status !== 200) {
    throw new Error(
      `slots probe: unknot ${probeUnknot.status}, baseline ${probeBaseline.status} ${JSON.stringify(probeBaseline.body).slice(0, 200)}`,
    );
  }
  const slotCount = probeUnknot.body.slots.length;
  if (probeBaseline.body.slots.length !== slotCount) {
    throw new Error(
      `slots differ: unknot ${slotCount}, baseline ${probeBaseline.body.slots.length}`,
    );
  }
  // The same therapist at a location with rooms, its neighbours' bookings in them (rooms.mjs).
  const rooms = await roomsForSlots(db, { slotsTherapist, therapists: plan.therapists });
  await rooms.place(true);
  const probeRooms = await api(portA, 'GET', slotsPath);
  await rooms.place(false);
  if (probeRooms.status !== 200) throw new Error(`slots probe with rooms: ${probeRooms.status}`);
  const roomsSlotCount = probeRooms.body.slots.length;
  log(
    `slots: ${slotsTherapist.zone}, ${slotCount} slots in 31 days (same answer from both servers); ` +
      `${roomsSlotCount} with ${rooms.rooms} rooms holding ${rooms.placed} bookings of ${rooms.therapists} therapists; loading …`,
  );
  const [slotsUnknot, slotsBaseline, slotsRooms] = await inTurns([
    readLoad('unknot slots', portA, slotsPath, undefined, { app: pids['unknot-a'] }),
    readLoad('baseline slots', portBaseline, slotsPath, undefined, { app: pids.baseline }),
    withRooms(
      readLoad('unknot slots, rooms', portA, slotsPath, undefined, { app: pids['unknot-a'] }),
      rooms.place,
    ),
  ]);
  log(
    `slots p95: unknot ${slotsUnknot.latency.p95} ms, baseline ${slotsBaseline.latency.p95} ms, ` +
      `unknot with rooms ${slotsRooms.latency.p95} ms`,
  );
  const sessionCheck = await measureSessionCheck(db, build, sessionIdOf(tokens[0]));
  log(
    `session check: ${sessionCheck.hitMicrosPerCheck} µs per cache hit, ${sessionCheck.missMs.p50} ms per miss (one query)`,
  );

  // ---- 2. matches: 200 therapists, 14 days, 10 connections ----
  const matchesPath = `/api/v1/intakes/${matchIntake.id}/matches?from=${from}&to=${new Date(Date.now() + MATCHES_WINDOW_DAYS * DAY_MS).toISOString()}`;
  const probeMatches = await api(portA, 'GET', matchesPath, { token: matchToken });
  if (probeMatches.status !== 200) throw new Error(`matches probe: ${probeMatches.status}`);
  // The load asks for the default page (the best 20); every bookable therapist is ranked either way.
  const probeTop100 = await api(portA, 'GET', `${matchesPath}&limit=100`, { token: matchToken });
  if (probeTop100.status !== 200)
    throw new Error(`matches probe (limit=100): ${probeTop100.status}`);
  const matchedTherapists = new Set(probeTop100.body.map((m) => m.therapist.id)).size;
  log(
    `matches: the best ${probeMatches.body.length} (default limit) of a ranking over ${plan.stats.therapists} therapists; ` +
      `limit=100 gives ${probeTop100.body.length} matches over ${matchedTherapists} therapists; loading …`,
  );
  const [matchesUnknot] = await inTurns([
    readLoad('unknot matches', portA, matchesPath, matchToken, { app: pids['unknot-a'] }),
  ]);
  log(`matches p95: ${matchesUnknot.latency.p95} ms`);

  // ---- 3. booking: 32 connections, distinct free slots, 32 clients ----
  const bookingTokens = tokens.slice(0, BOOKING_CONNECTIONS);
  const [bookingUnknot, bookingBaseline] = await inTurns([
    bookingLoad('unknot booking', portA, unknotSupply, swedish.id, bookingTokens, {
      app: pids['unknot-a'],
    }),
    bookingLoad('baseline booking', portBaseline, baselineSupply, swedish.id, bookingTokens, {
      app: pids.baseline,
    }),
  ]);
  log(
    `booking: unknot ${bookingUnknot.okPerSecond}/s, p99 ${bookingUnknot.latency.p99} ms, non-201 ${bookingUnknot.non201}; ` +
      `baseline ${bookingBaseline.okPerSecond}/s, p99 ${bookingBaseline.latency.p99} ms, non-201 ${bookingBaseline.non201}`,
  );

  // ---- 4. contention: 100 racers x 50 slots over two instances ----
  // Instance B and baseline-b have served no booking yet: warm their JIT first, like A's.
  for (const [port, slots] of [
    [portB, warmSupply.slice(0, 2_000)],
    [portBaselineB, warmSupply.slice(2_000)],
  ]) {
    const warm = bookingWorkload({ supply: slots, offeringId: swedish.id, tokens: bookingTokens });
    await runLoad({
      title: 'warm-up',
      url: `http://127.0.0.1:${port}`,
      connections: BOOKING_CONNECTIONS,
      duration: Math.max(1, WARMUP),
      ...warm,
    });
  }
  const contention = await withTimeout(
    runContention({
      ports: [portA, portB],
      tokens: tokens.slice(0, RACERS),
      slots: raceSlots,
      offeringId: swedish.id,
      db,
    }),
    120_000,
    'contention',
  );
  log(
    `contention: ${contention.slotsWithExactlyOneWinner}/${contention.racesPlanned} slots with one winner, ${contention.overlappingPairs} overlaps, losers p99 ${contention.losers.p99} ms, 5xx ${contention.serverErrors}, ${contention.deadlocksDetected} deadlocks`,
  );
  // The same races against two baseline instances: what this machine allows at all.
  const contentionBaseline = await withTimeout(
    runContention({
      ports: [portBaseline, portBaselineB],
      tokens: tokens.slice(0, RACERS),
      slots: baselineRaceSlots,
      offeringId: swedish.id,
      db,
      budgetMs: 45_000,
    }),
    120_000,
    'baseline contention',
  );
  log(
    `contention (baseline x 2): ${contentionBaseline.slotsWithExactlyOneWinner}/${contentionBaseline.racesPlanned} slots with one winner, losers p99 ${contentionBaseline.losers.p99} ms, 5xx ${contentionBaseline.serverErrors}, ${contentionBaseline.deadlocksDetected} deadlocks`,
  );

  const queries = hotQueries(build);
  // The rooms hold their bookings while their calendars are explained.
  await rooms.place(true);
  const explain = await explainQueries(db, [
    ...queries.slots({
      slotsTherapistId: slotsTherapist.id,
      bookingSlot: unknotSupply[0],
      windowDays: 31,
      roomsLocationId: rooms.locationId,
    }),
    ...queries.matches({ therapists: plan.therapists }),
  ]);
  await rooms.place(false);

  // ---- 5. matches as the number of therapists grows (sequential requests, one connection) ----
  // The four servers above are done: stopped, they cannot take CPU from the scaling run (a
  // background job of theirs, say).
  await Promise.all(servers.splice(0).map((stop) => stop()));
  const scaling = await runMatchesScaling({
    sizes: SCALING_SIZES,
    serverUrl: server.serverUrl,
    build,
    cleanup,
    log,
    passwordHash,
    windowDays: MATCHES_WINDOW_DAYS,
    duration: DURATION,
    warmup: WARMUP,
    startApp: async (name, url) => {
      const port = await freePort();
      const proc = await start(
        name,
        ['dist/src/main.js'],
        { ...appEnv(port), DATABASE_URL: url },
        port,
      );
      return { pid: proc.pid, port, stop: proc.stop };
    },
    explain: (scaleDb, scalePlan) =>
      explainQueries(scaleDb, queries.matches({ therapists: scalePlan.therapists })),
  });

  const results = {
    slots: {
      therapistZone: slotsTherapist.zone,
      slotsInWindow: slotCount,
      unknot: slotsUnknot,
      baseline: slotsBaseline,
    },
    slotsWithRooms: {
      rooms: rooms.rooms,
      therapistsInRooms: rooms.therapists,
      bookingsInRooms: rooms.placed,
      slotsInWindow: roomsSlotCount,
      unknot: slotsRooms,
    },
    sessionCheck,
    matches: {
      therapists: plan.stats.therapists,
      matches: probeMatches.body.length,
      matchedTherapistsInTop100: matchedTherapists,
      unknot: matchesUnknot,
    },
    booking: { unknot: bookingUnknot, baseline: bookingBaseline },
    contention: { ...contention, baseline: contentionBaseline },
    scaling: scaling.runs,
  };
  const rows = buildRows(results);
  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: {
      cpuModel: cpus[0]?.model ?? 'unknown',
      cpuCount: cpus.length,
      totalMemoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      postgres: postgresVersion,
      database: server.mode,
      loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
      loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    settings: {
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      readConnections: READ_CONNECTIONS,
      bookingConnections: BOOKING_CONNECTIONS,
      databasePoolSize: POOL_SIZE,
      racers: RACERS,
      races: RACES,
      profiled: Boolean(profileDir),
      jobsWaitSeconds,
      build: process.env.BENCH_BUILD_ROOT
        ? `${process.env.BENCH_BUILD_ROOT}/dist (BENCH_BUILD_ROOT)`
        : 'dist/',
    },
    dataset: plan.stats,
    targets: TARGETS,
    results,
    table: rows,
    pass: rows.every((row) => row.ok !== false),
    explain: [...explain, ...(scaling.explain?.plans ?? [])].map(
      ({ name, executionMs, plan: lines }) => ({
        name,
        executionMs,
        plan: lines,
      }),
    ),
  };
  return report;
}

let exitCode = 0;
try {
  const report = await main();
  mkdirSync(RESULTS, { recursive: true });
  // Stop the processes before writing the total run time.
  await cleanup.run();
  report.durationSeconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const table = markdownTable(report.table);
  const cpu = cpuTable(report.results);
  const scalingText =
    report.results.scaling.length > 0
      ? `\n\nMatches as the number of therapists grows (each size its own fresh database and app instance; one client, ` +
        `sequential requests on one connection, the sizes taking turns in rounds; ${MATCHES_WINDOW_DAYS}-day window, the best 20 answered):\n\n` +
        scalingTable(report.results.scaling)
      : '';
  const explainText = `\n\nEXPLAIN ANALYZE of the hot queries (full plans in latest.json):\n\n${explainSummary(report.explain)}`;
  writeFileSync(
    join(RESULTS, 'latest.md'),
    `# Unknot benchmark, ${report.date}\n\n${report.machine.cpuCount} x ${report.machine.cpuModel}, ` +
      `${(report.machine.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB, node ${report.machine.node}, ` +
      `PostgreSQL ${report.machine.postgres} (${report.machine.database}); load average before ` +
      `${report.machine.loadAverageBefore.join(' ')}; run time ${report.durationSeconds} s.\n\n${table}\n\n` +
      `CPU per request (PostgreSQL: the bench database's backends plus the server's WAL writer, checkpointer and background writer):\n\n${cpu}` +
      `${scalingText}${explainText}\n`,
  );
  console.log(`\n${table}\n\n${cpu}${scalingText}${explainText}\n`);
  console.log(
    `${report.pass ? 'All targets met' : 'Some targets missed'}; run time ${report.durationSeconds} s; ` +
      `written bench/results/latest.json and latest.md`,
  );
} catch (error) {
  exitCode = 1;
  console.error(`\nbench failed: ${error?.stack ?? error}`);
} finally {
  clearTimeout(watchdog);
  await cleanup.run();
}
process.exit(exitCode);
