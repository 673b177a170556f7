import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';

/** A client's check-ins (intakes) and their flags: exported whole, deleted on erasure. */
@Injectable()
export class IntakePersonalData implements PersonalDataHolder {
  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const intakes: Record<string, unknown>[] = await manager.query(
      `SELECT i.*, coalesce(
                (SELECT jsonb_agg(to_jsonb(f) ORDER BY f.created_at, f.id)
                   FROM intake_flags f WHERE f.intake_id = i.id), '[]') AS flags
         FROM intakes i WHERE i.client_id = $1 ORDER BY i.created_at, i.id`,
      [subject.id],
    );
    return { intakes: asRecords(intakes) };
  }

  /** Health data goes entirely (flags with their intake); bookings let go of it first. */
  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await manager.query(`DELETE FROM intakes WHERE client_id = $1`, [subject.id]);
  }
}
