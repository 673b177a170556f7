// Matches as the number of therapists grows, in one run: for each size a fresh database seeded by
// the same generator (the first 200 therapists of every size are the same 200), one app instance
// on it and one client with a clear intake. Requests are sequential on one connection, so the
// median is the cost of one request and not of a queue; the sizes take turns (load.mjs), so
// whatever else the machine is doing weighs on every size alike and the ratios hold.
import pg from 'pg';
import { api, clientWithIntake } from './api.mjs';
import { createBenchDatabase, jobsSettled, runMigrations } from './database.mjs';
import { runLoad, takeTurns } from './load.mjs';
import { PASSWORD, planDataset, seedDatabase } from './seed.mjs';

const DAY_MS = 86_400_000;
const ROUNDS = 5;

/** A fresh database of `therapists`, seeded, with an app instance and a client's matches path. */
async function prepare(
  therapists,
  { serverUrl, build, cleanup, startApp, passwordHash, windowDays },
) {
  const database = await createBenchDatabase({
    serverUrl,
    cleanup,
    name: `unknot_bench_t${therapists}_${process.pid}`,
  });
  runMigrations(build, database.url);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const closeDb = cleanup.add(`close ${database.name} connection`, () => db.end());
  const plan = planDataset({ now: Date.now(), therapists });
  const seedStarted = Date.now();
  const seeded = await seedDatabase(db, plan, passwordHash);
  const seedSeconds = Math.round((Date.now() - seedStarted) / 100) / 10;
  const app = await startApp(`unknot-t${therapists}`, database.url);
  const { token, intake } = await clientWithIntake(app.port, seeded.clients[0].email, PASSWORD);
  const now = Date.now();
  const path =
    `/api/v1/intakes/${intake.id}/matches?from=${new Date(now).toISOString()}` +
    `&to=${new Date(now + windowDays * DAY_MS).toISOString()}`;
  const probe = await api(app.port, 'GET', path, { token });
  if (probe.status !== 200) throw new Error(`matches probe at ${therapists}: ${probe.status}`);
  // A lone instance seldom runs its own start-up sweep at once; if it does, it gets 30 s.
  const jobsWaitSeconds = await jobsSettled(db, 30_000);
  return {
    therapists,
    plan,
    db,
    seedSeconds,
    jobsWaitSeconds,
    matches: probe.body.length,
    load: {
      url: `http://127.0.0.1:${app.port}`,
      connections: 1,
      path,
      headers: { authorization: `Bearer ${token}` },
    },
    cpu: { cpuPids: { app: app.pid }, database: database.name },
    close: async () => {
      await app.stop();
      await closeDb();
      await database.drop();
    },
  };
}

/**
 * `startApp(name, databaseUrl)` resolves { pid, port, stop }; `explain(db, plan)` runs on the
 * largest size's database. Resolves one result per size, in the order given, and the plans.
 */
export async function runMatchesScaling(options) {
  const { sizes, log, duration, warmup, explain } = options;
  // BENCH_SCALING= (empty) skips the run.
  if (sizes.length === 0) return { runs: [], explain: null };
  const runs = [];
  for (const therapists of sizes) runs.push(await prepare(therapists, options));
  const measured = await takeTurns(
    runs.map((run) => ({
      warmUp: async () => {
        if (warmup > 0) {
          await runLoad({
            title: `matches x${run.therapists} warm-up`,
            duration: warmup,
            ...run.load,
          });
        }
      },
      measure: (seconds) =>
        runLoad({
          title: `matches x${run.therapists}`,
          duration: seconds,
          keepLatencies: true,
          ...run.load,
          ...run.cpu,
        }),
      finish: (merged) => merged,
    })),
    { rounds: ROUNDS, duration },
  );
  const largest = runs.reduce((a, b) => (b.therapists > a.therapists ? b : a));
  const plans = explain ? await explain(largest.db, largest.plan) : [];
  const results = [];
  for (const [index, run] of runs.entries()) {
    const result = {
      therapists: run.therapists,
      seededBookings: run.plan.stats.seededBookings,
      seedSeconds: run.seedSeconds,
      jobsWaitSeconds: run.jobsWaitSeconds,
      matches: run.matches,
      ...measured[index],
    };
    log(
      `matches at ${run.therapists} therapists (${result.seededBookings} bookings, seeded in ${run.seedSeconds} s, ` +
        `jobs settled in ${run.jobsWaitSeconds} s): ` +
        `median ${result.latency.p50} ms over ${result.responses} sequential requests in ${ROUNDS} turns`,
    );
    results.push(result);
    await run.close();
  }
  return { runs: results, explain: { therapists: largest.therapists, plans } };
}
