import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import pLimit from 'p-limit';
import { availableParallelism } from 'node:os';

/** OWASP's argon2id parameters (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes and verifies passwords. Hashing is deliberately expensive, so at most one hash per core
 * runs at a time: a login flood queues here instead of starving the rest of the API.
 */
@Injectable()
export class PasswordHasher {
  private readonly limit = pLimit(Math.max(1, availableParallelism() - 1));
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return this.limit(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.limit(() => argon2.verify(hash, password).catch(() => false));
  }

  /** Spends the same time as a real check, so an unknown email is not told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('unknot-no-such-user');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
