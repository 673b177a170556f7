// The idempotency_keys statements; IdempotencyStore runs them, the benchmark may too.

/** Concurrent retries of one (user, key) queue on this lock, held to the end of the transaction. */
export const LOCK_KEY_SQL = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`;

export const FIND_ANSWER_SQL = `SELECT status_code, response_body, request_hash, created_at
  FROM idempotency_keys WHERE user_id = $1 AND key = $2`;

export const DELETE_ANSWER_SQL = `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`;

export const STORE_ANSWER_SQL = `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body)
  VALUES ($1, $2, $3, $4, $5)`;
