import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
import { LoginFailure } from './login-failure.entity.js';

const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** How attempts are counted per address without keeping the address (emails ignore case). */
export const emailHashOf = (email: string): Buffer =>
  createHash('sha256').update(email.toLowerCase()).digest();

/**
 * Login attempts per email (RATE_LIMIT_LOGIN_FAILURES failures in 15 minutes), counted in PostgreSQL so
 * the limit holds across instances and across the many IPs of a credential-stuffing attack.
 */
@Injectable()
export class LoginLimiterService {
  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records an attempt *before* the password is checked, and answers whether it is within the
   * limit. Counting committed attempts, concurrent guesses see each other: however many arrive at
   * once, at most RATE_LIMIT_LOGIN_FAILURES passwords are checked per window. A success clears them.
   */
  async admit(email: string): Promise<boolean> {
    const since = new Date(Date.now() - FAILURE_WINDOW_MS);
    const emailHash = emailHashOf(email);
    const { identifiers } = await this.failures.insert({ emailHash });
    const count = await this.failures.countBy({ emailHash, failedAt: MoreThan(since) });
    if (count > this.config.rateLimits.loginFailures) {
      // A refused attempt does not extend the lock: a flood cannot keep the owner out forever.
      await this.failures.delete({ id: identifiers[0].id as string });
      return false;
    }
    // Old rows are useless; trimming them here keeps the table small without a scheduler.
    await this.failures.delete({ emailHash, failedAt: LessThan(since) });
    return true;
  }

  async clear(email: string): Promise<void> {
    await this.failures.delete({ emailHash: emailHashOf(email) });
  }
}
