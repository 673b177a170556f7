// The benchmark's PostgreSQL: DATABASE_URL's server (a fresh database on it, dropped at the end),
// or a throwaway embedded server started exactly like test/setup/global-setup.ts does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from './processes.mjs';

const require = createRequire(import.meta.url);

export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient(url, run) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Resolves the server: DATABASE_URL's when set, else an embedded PostgreSQL (the compiled helper
 * of the app, as the tests use it). Registers its stop with `cleanup`.
 */
export async function startServer({ build, cleanup, log }) {
  if (process.env.DATABASE_URL) {
    return { mode: 'server', serverUrl: process.env.DATABASE_URL };
  }
  const { startEmbeddedPostgres } = require(
    join(build, 'dist', 'src', 'database', 'embedded-postgres.js'),
  );
  const databaseDir = mkdtempSync('/tmp/unknot-bench-pg-');
  const port = await freePort();
  log(`No DATABASE_URL: starting an embedded PostgreSQL on 127.0.0.1:${port} (${databaseDir})`);
  let embedded;
  const stop = cleanup.add('embedded PostgreSQL', async () => {
    try {
      await embedded?.stop();
    } finally {
      rmSync(databaseDir, { recursive: true, force: true });
    }
  });
  embedded = await startEmbeddedPostgres({
    databaseDir,
    port,
    database: 'postgres',
    persistent: false,
  });
  return { mode: 'embedded', serverUrl: embedded.url, stop };
}

/**
 * A fresh database (`unknot_bench_<pid>` unless named) on the server, dropped (FORCE) by `cleanup`
 * or earlier by the `drop` it returns.
 */
export async function createBenchDatabase({
  serverUrl,
  cleanup,
  name = `unknot_bench_${process.pid}`,
}) {
  const adminUrl = databaseUrl(serverUrl, 'postgres');
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  // BENCH_KEEP_DB=1 keeps it for EXPLAIN sessions after the run (server mode only).
  const keep = process.env.BENCH_KEEP_DB === '1' && process.env.DATABASE_URL;
  const drop = keep
    ? async () => undefined
    : cleanup.add(`drop database ${name}`, () =>
        withClient(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        ),
      );
  return { name, url: databaseUrl(serverUrl, name), kept: Boolean(keep), drop };
}

/** TypeORM's CLI on the build (`build`: the directory holding dist/), as the tests run it. */
export function runMigrations(build, url) {
  const cli = join(build, 'node_modules', 'typeorm', 'cli.js');
  const dataSource = join(build, 'dist', 'src', 'database', 'data-source.js');
  execFileSync(process.execPath, [cli, '-d', dataSource, 'migration:run'], {
    cwd: build,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
}

/**
 * Each instance queues, at start-up, a job that re-screens every client with upcoming bookings; an
 * instance started after another runs the other's at once (about a minute of its CPU and
 * PostgreSQL's on this data set). Resolves once no job has been active for 3 s (at most `limitMs`):
 * the measured runs then share the machine with no background work of the servers.
 */
export async function jobsSettled(db, limitMs = 180_000) {
  const since = Date.now();
  let quietSince = since;
  while (Date.now() - since < limitMs) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS active FROM pgboss.job WHERE state = 'active'`,
    );
    if (rows[0].active > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 3_000) break;
    await sleep(500);
  }
  return Math.round((Date.now() - since) / 100) / 10;
}
