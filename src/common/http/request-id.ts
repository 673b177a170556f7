import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Keeps a caller's (or load balancer's) X-Request-Id when it looks sane, else makes one. The id is
 * written back on the raw request so the logger and the error filter agree on it.
 */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}
