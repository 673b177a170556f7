// Races: N clients want the same slot at the same moment, split across app instances.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarise } from './load.mjs';

function post(agent, port, path, token, body, timeoutMs) {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let code = null;
          try {
            code = JSON.parse(Buffer.concat(chunks).toString()).code ?? null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, code, ms: performance.now() - started, port });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (error) =>
      resolve({ status: 0, code: error.message, ms: performance.now() - started, port }),
    );
    req.end(payload);
  });
}

/** Opens `sockets` keep-alive connections per port, so a race measures requests, not handshakes. */
async function warm(agents, ports, sockets) {
  await Promise.all(
    ports.flatMap((port, i) =>
      Array.from(
        { length: sockets },
        () =>
          new Promise((resolve) => {
            const req = http.get(
              { host: '127.0.0.1', port, path: '/health', agent: agents[i] },
              (res) => {
                res.resume();
                res.on('end', resolve);
              },
            );
            req.setTimeout(5_000, () => req.destroy());
            req.on('error', resolve);
          }),
      ),
    ),
  );
}

/**
 * `races` races; race r sends one POST per token for slots[r], token i to ports[i % ports.length],
 * all at once. Counts winners per slot (201), losers (409), 5xx and others; checks the database.
 */
export async function runContention({
  ports,
  tokens,
  slots,
  offeringId,
  db,
  timeoutMs = 10_000,
  budgetMs = 90_000,
}) {
  const agents = ports.map(
    () => new http.Agent({ keepAlive: true, maxSockets: Math.ceil(tokens.length / ports.length) }),
  );
  try {
    await warm(agents, ports, Math.ceil(tokens.length / ports.length));
    const perSlot = [];
    const loserLatencies = [];
    const winnerLatencies = [];
    const statuses = {};
    const codes = {};
    let serverErrors = 0;
    let other = 0;
    // Deadlocks PostgreSQL detected in this database meanwhile (the app maps 40P01 to 409).
    const deadlocks = async () =>
      (
        await db.query(
          `SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`,
        )
      ).rows[0].n;
    const deadlocksBefore = await deadlocks();
    const started = Date.now();
    const raceMs = [];
    for (const [r, slot] of slots.entries()) {
      // Bounded in time: no new race once the phase's budget is spent (reported as races run).
      if (Date.now() - started > budgetMs) break;
      const raceStarted = performance.now();
      const body = {
        therapistId: slot.therapistId,
        offeringId,
        startsAt: new Date(slot.startsAt).toISOString(),
      };
      const answers = await Promise.all(
        tokens.map((token, i) =>
          post(
            agents[i % ports.length],
            ports[i % ports.length],
            '/api/v1/bookings',
            token,
            body,
            timeoutMs,
          ),
        ),
      );
      raceMs.push(performance.now() - raceStarted);
      let winners = 0;
      for (const a of answers) {
        statuses[a.status] = (statuses[a.status] ?? 0) + 1;
        if (a.status === 201) {
          winners++;
          winnerLatencies.push(a.ms);
        } else if (a.status === 409) {
          loserLatencies.push(a.ms);
          codes[a.code] = (codes[a.code] ?? 0) + 1;
        } else if (a.status >= 500 || a.status === 0) {
          serverErrors++;
        } else {
          other++;
        }
      }
      const { rows } = await db.query(
        `SELECT count(*)::int AS live FROM bookings
          WHERE therapist_id = $1 AND starts_at = $2 AND status <> 'cancelled'`,
        [slot.therapistId, new Date(slot.startsAt)],
      );
      perSlot.push({ race: r, winners, liveRows: rows[0].live });
      await sleep(20); // let both instances settle between races
    }
    const deadlocksDetected = (await deadlocks()) - deadlocksBefore;
    // After a settle, how many race slots ended with exactly one live booking (a request the
    // client gave up on may still commit later; a slot with none was lost to every racer).
    await sleep(2_000);
    const { rows: finalRows } = await db.query(
      `SELECT count(*)::int AS live FROM bookings b
         JOIN unnest($1::uuid[], $2::timestamptz[]) AS s(therapist_id, starts_at)
           ON b.therapist_id = s.therapist_id AND b.starts_at = s.starts_at AND b.status <> 'cancelled'
        GROUP BY s.therapist_id, s.starts_at`,
      [
        perSlot.map((p) => slots[p.race].therapistId),
        perSlot.map((p) => new Date(slots[p.race].startsAt)),
      ],
    );
    const { rows } = await db.query(
      `SELECT count(*)::int AS pairs FROM bookings a JOIN bookings b
         ON a.therapist_id = b.therapist_id AND a.id < b.id
        AND a.status <> 'cancelled' AND b.status <> 'cancelled'
        AND tstzrange(a.starts_at, a.occupied_until) && tstzrange(b.starts_at, b.occupied_until)`,
    );
    return {
      races: perSlot.length,
      racesPlanned: slots.length,
      raceWallMs: summarise(raceMs),
      racersPerSlot: tokens.length,
      instances: ports.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      slotsWithExactlyOneWinner: perSlot.filter((s) => s.winners === 1 && s.liveRows === 1).length,
      winnersPerSlot: {
        min: Math.min(...perSlot.map((s) => s.winners)),
        max: Math.max(...perSlot.map((s) => s.winners)),
      },
      badSlots: perSlot.filter((s) => s.winners !== 1 || s.liveRows !== 1),
      slotsBookedOnceAtEnd: finalRows.filter((r) => r.live === 1).length,
      overlappingPairs: rows[0].pairs,
      deadlocksDetected,
      losers: summarise(loserLatencies),
      winners: summarise(winnerLatencies),
      loserCodes: codes,
      statuses,
      serverErrors,
      otherAnswers: other,
    };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
