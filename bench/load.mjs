// autocannon, programmatically, with every response's latency kept (autocannon's own histogram
// has no p95), and per-status counts.
import autocannon from 'autocannon';
import { cpuDelta, cpuSnapshot } from './cpu.mjs';

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarise(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
    mean: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null),
  };
}

/**
 * One autocannon run. `requests` may carry setupRequest/onResponse; `setupClient` runs per
 * connection. Resolves { durationSeconds, requestsPerSecond, latency, statuses, errors, ... },
 * and every latency with `keepLatencies` (to summarise several runs together).
 * A safety timer stops the run if it overshoots its duration.
 */
export async function runLoad({
  title,
  url,
  connections,
  duration,
  method = 'GET',
  path,
  headers = {},
  body,
  requests,
  setupClient,
  countOk = (status) => status >= 200 && status < 300,
  cpuPids = {},
  database,
  keepLatencies = false,
}) {
  const latencies = [];
  const statuses = {};
  let ok = 0;
  const instance = autocannon({
    title,
    url,
    connections,
    duration,
    method,
    headers,
    body,
    requests: requests ?? [{ method, path, headers, body }],
    setupClient,
    timeout: 10,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (countOk(statusCode)) ok++;
  });
  const guard = setTimeout(() => instance.stop(), (duration + 30) * 1000);
  const cpuBefore = cpuSnapshot(cpuPids, database);
  let result;
  try {
    result = await instance;
  } finally {
    clearTimeout(guard);
  }
  const cpu = cpuDelta(cpuBefore, cpuSnapshot(cpuPids, database), latencies.length);
  const seconds = result.duration;
  return {
    title,
    connections,
    durationSeconds: Math.round(seconds * 100) / 100,
    responses: latencies.length,
    requestsPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    okPerSecond: Math.round((ok / seconds) * 10) / 10,
    ok,
    latency: summarise(latencies),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    ...cpu,
    ...(keepLatencies ? { latencies } : {}),
  };
}

/** Several runs of one workload as one: counts and CPU added up, latencies summarised together. */
export function mergeRuns(runs) {
  const sum = (pick) => runs.reduce((total, run) => total + pick(run), 0);
  const seconds = sum((run) => run.durationSeconds);
  const responses = sum((run) => run.responses);
  const ok = sum((run) => run.ok);
  const statuses = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + count;
    }
  }
  const cpuMs = {};
  for (const name of Object.keys(runs[0].cpuMs)) {
    cpuMs[name] = runs.some((run) => run.cpuMs[name] === null)
      ? null
      : sum((run) => run.cpuMs[name]);
  }
  const perRequest = (value) =>
    value === null || responses === 0 ? null : Math.round((value / responses) * 1000) / 1000;
  return {
    title: runs[0].title,
    connections: runs[0].connections,
    rounds: runs.length,
    durationSeconds: Math.round(seconds * 100) / 100,
    responses,
    requestsPerSecond: Math.round((responses / seconds) * 10) / 10,
    okPerSecond: Math.round((ok / seconds) * 10) / 10,
    ok,
    latency: summarise(runs.flatMap((run) => run.latencies)),
    statuses,
    errors: sum((run) => run.errors),
    timeouts: sum((run) => run.timeouts),
    cpuMs,
    cpuMsPerRequest: Object.fromEntries(
      Object.entries(cpuMs).map(([name, value]) => [name, perRequest(value)]),
    ),
  };
}

/**
 * Workloads take turns, `rounds` times, `duration / rounds` seconds each, after each one's
 * warm-up: whatever else the machine does then weighs on all of them alike, so their ratios hold.
 * A workload is { warmUp(), measure(seconds) → a runLoad result with latencies, finish(merged) }.
 */
export async function takeTurns(workloads, { rounds, duration }) {
  for (const workload of workloads) await workload.warmUp();
  const measured = workloads.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, workload] of workloads.entries()) {
      measured[index].push(await workload.measure(duration / rounds));
    }
  }
  return workloads.map((workload, index) => workload.finish(mergeRuns(measured[index])));
}
