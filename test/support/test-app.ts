import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  databaseUrl,
  freePort,
  SERVER_URL_VAR,
  TEMPLATE_DB_VAR,
  withClient,
} from '../setup/test-database.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_ADMIN = { email: 'admin@unknot.test', password: 'admin-password-1' };
const MAIN = join(process.cwd(), 'dist', 'src', 'main.js');

export interface TestApp {
  /** The first instance's stdout. */
  logs(): string;
  /** The first instance's stderr (uncaught errors, anything written around the logger). */
  errors(): string;
  /** Base URL of the running app; pass it to supertest's request(). */
  server: string;
  /** A pool on the app's database, for arranging data and asserting what was stored. */
  db: Pool;
  databaseUrl: string;
  /** Starts another instance of the app on the same database (multi-instance tests). */
  startAnotherInstance(): Promise<RunningApp>;
  close(): Promise<void>;
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  /** Everything the app wrote to stdout (its structured logs). */
  output(): string;
  /** Everything the app wrote to stderr. */
  errorOutput(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const serverUrl = process.env[SERVER_URL_VAR];
  const template = process.env[TEMPLATE_DB_VAR];
  if (!serverUrl || !template) throw new Error('The e2e global set-up did not run');
  const name = `${template}_f${randomBytes(6).toString('hex')}`;
  await withClient(databaseUrl(serverUrl, 'postgres'), (client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`),
  );
  return databaseUrl(serverUrl, name);
}

/** Runs the production build (`node dist/src/main.js`) and waits until /health says ok. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${stderr}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The app did not become healthy in 20 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    process: child,
    output: () => stdout,
    errorOutput: () => stderr,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function testEnvironment(
  url: string,
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_FAILURES: '1000',
    RATE_LIMIT_REGISTER_PER_HOUR: '100000',
    DATABASE_POOL_SIZE: '5',
    // Without SMTP_URL messages are written as files: into the system's temp folder, not the checkout.
    MAIL_DIR: join(tmpdir(), 'unknot-test-mail'),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...env,
  };
}

/** The whole app, exactly as it ships, on its own fresh database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = await createTestDatabase();
  const environment = testEnvironment(url, env);
  const instances = [await startApp(environment)];
  const db = new Pool({ connectionString: url, max: 4 });
  // Fault tests terminate backends; an idle client of this pool may be among them.
  db.on('error', () => undefined);
  return {
    server: instances[0].url,
    logs: () => instances[0].output(),
    errors: () => instances[0].errorOutput(),
    db,
    databaseUrl: url,
    startAnotherInstance: async () => {
      const instance = await startApp(environment);
      instances.push(instance);
      return instance;
    },
    close: async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      await db.end();
    },
  };
}
