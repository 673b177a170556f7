import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../users/users.service.js';
import type { CertificationNotice } from './notification.types.js';
import { Outbox } from './outbox.service.js';

/**
 * What a review or a verdict tells the person it concerns, written to the outbox in the
 * decision's transaction. Decisions only: never the intake answers a review was about.
 */
@Injectable()
export class AccountNotices {
  constructor(
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  async flagDecided(manager: EntityManager, clientId: string, canBook: boolean): Promise<void> {
    const contact = await this.users.contactOf(manager, clientId);
    if (!contact) return;
    await this.outbox.enqueue(manager, [
      {
        kind: 'intake-flag.decided',
        recipientId: clientId,
        recipientEmail: contact.email,
        payload: { recipientName: contact.name, canBook },
      },
    ]);
  }

  async certificationDecided(
    manager: EntityManager,
    therapistId: string,
    kind: 'certification.verified' | 'certification.rejected' | 'certification.revoked',
    facts: Omit<CertificationNotice, 'recipientName'>,
  ): Promise<void> {
    const contact = await this.users.contactOf(manager, therapistId);
    if (!contact) return;
    await this.outbox.enqueue(manager, [
      {
        kind,
        recipientId: therapistId,
        recipientEmail: contact.email,
        payload: { recipientName: contact.name, ...facts },
      },
    ]);
  }
}
