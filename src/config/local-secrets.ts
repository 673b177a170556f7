import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR = join(process.cwd(), '.data');

/**
 * Outside production a missing JWT_SECRET gets a random one, kept under .data/ so tokens survive
 * restarts of a developer's server.
 */
export function ensureDevelopmentJwtSecret(env: NodeJS.ProcessEnv): void {
  if (env.JWT_SECRET || env.NODE_ENV === 'production') return;
  const file = join(DATA_DIR, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  env.JWT_SECRET = readFileSync(file, 'utf8').trim();
}
