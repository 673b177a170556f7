import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../users/users.service.js';
import type { MessageDraft, PayloadOf } from './notification.types.js';
import type { MessageKind } from './outbox-message.entity.js';
import { Outbox } from './outbox.service.js';

type AccountKind = Exclude<MessageKind, `booking.${string}` | `waitlist.${string}`>;

/**
 * What concerns one person's account, written to the outbox in the transaction of the change: a
 * review or a verdict (decisions only, never the intake answers a review was about), a link to
 * confirm an address or reset a password, a password changed.
 */
@Injectable()
export class AccountNotices {
  constructor(
    private readonly outbox: Outbox,
    private readonly users: UsersService,
  ) {}

  async flagDecided(manager: EntityManager, clientId: string, canBook: boolean): Promise<void> {
    await this.tell(manager, clientId, 'intake-flag.decided', { canBook });
  }

  async certificationDecided(
    manager: EntityManager,
    therapistId: string,
    kind: 'certification.verified' | 'certification.rejected' | 'certification.revoked',
    facts: Omit<PayloadOf[typeof kind], 'recipientName'>,
  ): Promise<void> {
    await this.tell(manager, therapistId, kind, facts);
  }

  /** A link (`token`) to confirm the address or reset the password. */
  async link(
    manager: EntityManager,
    userId: string,
    kind: 'account.email-verification' | 'account.password-reset',
    token: string,
  ): Promise<void> {
    await this.tell(manager, userId, kind, { token });
  }

  async passwordChanged(
    manager: EntityManager,
    userId: string,
    via: 'change' | 'reset',
  ): Promise<void> {
    await this.tell(manager, userId, 'account.password-changed', { via });
  }

  private async tell<K extends AccountKind>(
    manager: EntityManager,
    userId: string,
    kind: K,
    facts: Omit<PayloadOf[K], 'recipientName'>,
  ): Promise<void> {
    const contact = await this.users.contactOf(manager, userId);
    if (!contact) return;
    const payload = { recipientName: contact.name, ...facts } as PayloadOf[K];
    await this.outbox.enqueue(manager, [
      { kind, recipientId: userId, recipientEmail: contact.email, payload } as MessageDraft,
    ]);
  }
}
