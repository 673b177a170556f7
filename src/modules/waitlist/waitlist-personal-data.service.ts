import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';
import { WaitlistOffers } from './waitlist-offers.service.js';

/** A client's waitlist entries and the offers made to them. */
@Injectable()
export class WaitlistPersonalData implements PersonalDataHolder {
  constructor(private readonly offers: WaitlistOffers) {}

  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const entries: Record<string, unknown>[] = await manager.query(
      `SELECT e.*, coalesce(
                (SELECT jsonb_agg(to_jsonb(w) - 'hold_id' ORDER BY w.created_at)
                   FROM waitlist_offers w WHERE w.entry_id = e.id), '[]') AS offers
         FROM waitlist_entries e WHERE e.client_id = $1 ORDER BY e.created_at`,
      [subject.id],
    );
    return { waitlist: asRecords(entries) };
  }

  /** Open offers are withdrawn (their time passes on), then the entries go. */
  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    const open: { id: string }[] = await manager.query(
      `SELECT w.id FROM waitlist_offers w JOIN waitlist_entries e ON e.id = w.entry_id
        WHERE e.client_id = $1 AND w.status = 'open'`,
      [subject.id],
    );
    for (const offer of open) await this.offers.close(manager, offer.id, 'withdrawn');
    await manager.query(`DELETE FROM waitlist_entries WHERE client_id = $1`, [subject.id]);
  }
}
