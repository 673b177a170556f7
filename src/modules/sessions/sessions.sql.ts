// The session statements the per-request check shares with the benchmark baseline (which checks
// sessions the same way, so the ratio stays fair). Plain strings: no Nest, no TypeORM.

/**
 * The channel on which PostgreSQL tells every instance that a session ended (`s:<session id>`)
 * or that a user's role, password or existence changed (`u:<user id>`). Triggers write it
 * (migration AddSessions), so a change made by any path — SQL by hand included — reaches caches.
 */
export const AUTH_CHANNEL = 'unknot_auth';

/**
 * A live session's user and current role ($1 session id): nothing when the session ended or
 * expired, or its user is gone or erased. The role is read here, never trusted from a token.
 */
export const LIVE_SESSION_SQL = `SELECT s.user_id, u.role,
         (extract(epoch FROM s.expires_at) * 1000)::float8 AS expires_ms
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.erased_at IS NULL`;

export interface LiveSessionRow {
  user_id: string;
  role: string;
  expires_ms: number;
}
