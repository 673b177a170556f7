import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets handed to people (refresh tokens, reset and verification links): 256 random bits
 * in base64url. Only their SHA-256 is stored, so a copy of the database opens no account; a
 * secret this long needs no slow hash.
 */
export function newSecretToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOf(token) };
}

export const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/** A string that could be one of our tokens: anything else is refused before any lookup. */
export const looksLikeSecretToken = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
