import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
// Jest loads global set-up as CommonJS without moduleNameMapper: relative imports carry no suffix.
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import {
  databaseUrl,
  freePort,
  SERVER_URL_VAR,
  TEMPLATE_DB_VAR,
  withClient,
} from './test-database';

declare global {
  var __UNKNOT_EMBEDDED__: { stop(): Promise<void> } | undefined;
}

/**
 * Real PostgreSQL for the e2e suite: DATABASE_URL's server when set, else a throwaway embedded one.
 * Migrations run once, into a template database; each test file clones it (CREATE DATABASE ...
 * TEMPLATE), so files run in parallel on their own data.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      databaseDir: mkdtempSync('/tmp/unknot-pg-'),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    globalThis.__UNKNOT_EMBEDDED__ = embedded;
    serverUrl = embedded.url;
  }
  const template = `unknot_template_${process.pid}`;
  try {
    await withClient(databaseUrl(serverUrl, 'postgres'), async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${template}`);
      await client.query(`CREATE DATABASE ${template}`);
    });
    // TypeORM's own CLI on the build under test (npm test builds first).
    const cli = join(process.cwd(), 'node_modules', 'typeorm', 'cli.js');
    const dataSource = join(process.cwd(), 'dist', 'src', 'database', 'data-source.js');
    const env = { ...process.env, DATABASE_URL: databaseUrl(serverUrl, template) };
    execFileSync(process.execPath, [cli, '-d', dataSource, 'migration:run'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Entities and migrations must agree: generate would write nothing (exit 0) when they do.
    try {
      execFileSync(
        process.execPath,
        [cli, '-d', dataSource, 'migration:generate', 'migrations/Drift', '--check'],
        {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (error) {
      const output = String((error as { stdout?: Buffer }).stdout ?? '');
      throw new Error(`Entities and migrations disagree; add a migration:\n${output}`, {
        cause: error,
      });
    }
  } catch (error) {
    // Teardown does not run when set-up fails: stop our server here.
    await globalThis.__UNKNOT_EMBEDDED__?.stop();
    throw error;
  }
  process.env[SERVER_URL_VAR] = serverUrl;
  process.env[TEMPLATE_DB_VAR] = template;
}
