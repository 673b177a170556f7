// Matches as the number of therapists grows, in one run: for each size a fresh database seeded by
// the same generator (the first 200 therapists of every size are the same 200), one app instance
// on it, one client with a clear intake, and sequential requests on one connection, so the median
// is the cost of one request and not of a queue.
import pg from 'pg';
import { api, clientWithIntake } from './api.mjs';
import { createBenchDatabase, runMigrations } from './database.mjs';
import { runLoad } from './load.mjs';
import { PASSWORD, planDataset, seedDatabase } from './seed.mjs';

const DAY_MS = 86_400_000;

/**
 * `startApp(name, databaseUrl)` resolves { pid, port, stop }; `explain(db, plan)` runs on the
 * largest size's database. Resolves one result per size, in the order given.
 */
export async function runMatchesScaling({
  sizes,
  serverUrl,
  build,
  cleanup,
  log,
  startApp,
  passwordHash,
  windowDays,
  duration,
  warmup,
  explain,
}) {
  const largest = Math.max(...sizes);
  const results = [];
  let explained = null;
  for (const therapists of sizes) {
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
    const headers = { authorization: `Bearer ${token}` };
    const url = `http://127.0.0.1:${app.port}`;
    if (warmup > 0) {
      await runLoad({
        title: `matches x${therapists} warm-up`,
        url,
        connections: 1,
        duration: warmup,
        path,
        headers,
      });
    }
    const run = await runLoad({
      title: `matches x${therapists}`,
      url,
      connections: 1,
      duration,
      path,
      headers,
      cpuPids: { app: app.pid },
      database: database.name,
    });
    log(
      `matches at ${therapists} therapists (${plan.stats.seededBookings} bookings, seeded in ${seedSeconds} s): ` +
        `median ${run.latency.p50} ms over ${run.responses} sequential requests`,
    );
    if (therapists === largest && explain)
      explained = { therapists, plans: await explain(db, plan) };
    await app.stop();
    await closeDb();
    await database.drop();
    results.push({
      therapists,
      seededBookings: plan.stats.seededBookings,
      seedSeconds,
      matches: probe.body.length,
      ...run,
    });
  }
  return { runs: results, explain: explained };
}
