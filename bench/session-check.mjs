// The per-request session check's cost (issue 14), as SessionRegistry pays it: a cache hit (the
// usual case, the cache kept honest by LISTEN/NOTIFY), and a miss (one indexed query), each
// timed in this process against the bench database with a real session of a logged-in client.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const HITS = 200_000;
const MISSES = 500;

/** The session id an access token carries (its `sid` claim). */
export const sessionIdOf = (token) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;

export async function measureSessionCheck(db, build, sessionId) {
  const require = createRequire(import.meta.url);
  const dist = join(build, 'dist', 'src', 'modules', 'sessions');
  const { SessionCache } = require(join(dist, 'session-cache.js'));
  const { LIVE_SESSION_SQL } = require(join(dist, 'sessions.sql.js'));
  const lookup = async (id) => {
    const { rows } = await db.query(LIVE_SESSION_SQL, [id]);
    return rows[0]
      ? { userId: rows[0].user_id, role: rows[0].role, expiresAtMs: rows[0].expires_ms }
      : null;
  };

  const misses = [];
  for (let i = 0; i < MISSES; i++) {
    const cache = new SessionCache();
    cache.setListening(true);
    const began = performance.now();
    const session = await cache.check(sessionId, lookup);
    misses.push(performance.now() - began);
    if (!session) throw new Error('session check: the session is not live');
  }
  misses.sort((a, b) => a - b);

  const cache = new SessionCache();
  cache.setListening(true);
  await cache.check(sessionId, lookup);
  const began = performance.now();
  for (let i = 0; i < HITS; i++) await cache.check(sessionId, lookup);
  const hitMicros = ((performance.now() - began) * 1000) / HITS;

  return {
    hits: HITS,
    hitMicrosPerCheck: Math.round(hitMicros * 100) / 100,
    misses: MISSES,
    missMs: {
      p50: Math.round(misses[Math.floor(MISSES / 2)] * 1000) / 1000,
      p99: Math.round(misses[Math.floor(MISSES * 0.99)] * 1000) / 1000,
    },
  };
}
