// Child processes of the benchmark: start, wait for health, stop — and a registry of everything
// to clean up, so a failure or a signal never leaves an app, the baseline or PostgreSQL running.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export { freePort } from '../scripts/free-port.mjs';

/** Clean-up steps, run last-in first-out, each at most once, each bounded in time. */
export class Cleanup {
  #steps = [];
  #running = null;

  add(name, step) {
    const entry = { name, step, done: false };
    this.#steps.push(entry);
    return async () => {
      if (entry.done) return;
      entry.done = true;
      await step();
    };
  }

  run(log = console.error) {
    this.#running ??= (async () => {
      for (const entry of [...this.#steps].reverse()) {
        if (entry.done) continue;
        entry.done = true;
        try {
          await withTimeout(entry.step(), 20_000, `clean-up step "${entry.name}"`);
        } catch (error) {
          log(`clean-up: ${entry.name} failed: ${error?.message ?? error}`);
        }
      }
    })();
    return this.#running;
  }

  /** Last resort on process exit: SIGKILL whatever child is still alive (synchronous). */
  killAllSync(children) {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
}

export async function withTimeout(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const LOG_TAIL = 200;

/**
 * Starts a Node process; keeps the tail of its output for diagnostics. `children` collects every
 * child for the synchronous last-resort kill.
 */
export function startNode(name, args, { cwd, env, children }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > LOG_TAIL) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  children.push(child);
  return { name, child, tail, exited, pid: child.pid };
}

/** Stops a started process: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopNode(proc, graceMs = 10_000) {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([proc.exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await Promise.race([proc.exited, sleep(5_000)]);
  }
}

/** GET a path on 127.0.0.1; resolves { status, body } (bounded by `timeoutMs`). */
export function httpGet(port, path, timeoutMs = 2_000) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Polls GET /health until 200, the process exits, or `timeoutMs` passes. */
export async function waitHealthy(proc, port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  proc.exited.then((e) => (exited = e));
  for (let attempt = 0; Date.now() < deadline && attempt < 2_000; attempt++) {
    if (exited) break;
    try {
      const { status } = await httpGet(port, '/health', 1_000);
      if (status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const why = exited ? `exited (${JSON.stringify(exited)})` : `not healthy after ${timeoutMs} ms`;
  throw new Error(`${proc.name} ${why}; last output:\n  ${proc.tail.slice(-30).join('\n  ')}`);
}
