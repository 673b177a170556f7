import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { AccountTokens } from './account-tokens.service.js';
import { emailHashOf } from './login-limiter.service.js';
import { PASSWORD_RESET_QUEUE } from './passwords.service.js';

/** The auth module's records of a person: emailed links, failed logins, reset requests. */
@Injectable()
export class AuthPersonalData implements PersonalDataHolder {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly jobs: JobQueue,
  ) {}

  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const failures: Record<string, unknown>[] = await manager.query(
      `SELECT id, failed_at FROM login_failures WHERE email_hash = $1 ORDER BY failed_at`,
      [emailHashOf(subject.email)],
    );
    return {
      emailedLinks: await this.tokens.exportOf(manager, subject.id),
      failedLogins: asRecords(failures),
    };
  }

  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await this.tokens.erase(manager, subject.id);
    await manager.query(`DELETE FROM login_failures WHERE email_hash = $1`, [
      emailHashOf(subject.email),
    ]);
    await this.jobs.discard(manager, PASSWORD_RESET_QUEUE, { email: subject.email });
  }
}
