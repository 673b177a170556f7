// CPU accounting from /proc (Linux): how much CPU the app, PostgreSQL and the load generator
// spent during a run — what bounds a figure on a 2-core machine. Elsewhere: nulls.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      cpu: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * CPU ticks so far of the given pids (by name), of each PostgreSQL process serving `database` (or,
 * when `database` is not given, every postgres process) plus the server's shared writers, and of
 * this process.
 */
export function cpuSnapshot(pids, database) {
  const out = { harness: process.cpuUsage(), processes: {}, postgres: null };
  for (const [name, pid] of Object.entries(pids)) out.processes[name] = ticks(pid)?.cpu ?? null;
  try {
    const postgres = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const t = ticks(entry);
      if (!t || !(t.comm === 'postgres' || t.comm.startsWith('postgres'))) continue;
      const cmd = cmdline(entry);
      const shared = /walwriter|wal writer|checkpointer|background writer/.test(cmd);
      if (!database || shared || cmd.includes(database)) postgres.set(entry, t.cpu);
    }
    out.postgres = postgres;
  } catch {
    out.postgres = null;
  }
  return out;
}

/** CPU ms per component between two snapshots, and per request when `requests` is given. */
export function cpuDelta(before, after, requests) {
  const ms = {};
  for (const name of Object.keys(before.processes)) {
    const a = before.processes[name];
    const b = after.processes[name];
    ms[name] = a === null || b === null ? null : (b - a) * TICK_MS;
  }
  if (before.postgres && after.postgres) {
    // Processes gone by the end are missed; processes new since the start count in full.
    let total = 0;
    for (const [pid, cpu] of after.postgres) total += cpu - (before.postgres.get(pid) ?? 0);
    ms.postgres = total * TICK_MS;
  } else ms.postgres = null;
  ms.loadGenerator = Math.round(
    (after.harness.user + after.harness.system - before.harness.user - before.harness.system) /
      1000,
  );
  const perRequest = {};
  if (requests > 0) {
    for (const [name, value] of Object.entries(ms)) {
      perRequest[name] = value === null ? null : Math.round((value / requests) * 1000) / 1000;
    }
  }
  return { cpuMs: ms, cpuMsPerRequest: perRequest };
}
