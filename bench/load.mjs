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
