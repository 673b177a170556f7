import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';
import { BookingNotices } from './booking-notices.service.js';

/**
 * The bookings a person is a party to. Erasure cancels the upcoming ones (the other party is
 * told) and keeps the past ones for the therapist's records, without what the client wrote or
 * the check-in they rested on; the person's name is left to the users module to replace.
 */
@Injectable()
export class BookingsPersonalData implements PersonalDataHolder {
  constructor(private readonly notices: BookingNotices) {}

  /** Every booking the person is a party to, whatever its state. */
  async idsOf(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM bookings WHERE client_id = $1 OR therapist_id = $1`,
      [userId],
    );
    return rows.map((row) => row.id);
  }

  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    // As a therapist, the client's own words (notes) and check-in are theirs, not the therapist's.
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT b.id, b.client_id, b.therapist_id, b.offering_id, o.name AS offering_name,
              b.technique_slug, b.starts_at, b.ends_at, b.price_cents, b.status,
              CASE WHEN b.client_id = $1 THEN b.notes END AS notes,
              CASE WHEN b.client_id = $1 THEN b.intake_id END AS intake_id,
              b.screening, b.screening_deadline, b.cancelled_at, b.canceller_role,
              b.cancellation_code, b.cancellation_reason, b.late_cancellation, b.created_at,
              CASE WHEN b.client_id = $1 THEN 'client' ELSE 'therapist' END AS my_role
         FROM bookings b JOIN offerings o ON o.id = b.offering_id
        WHERE b.client_id = $1 OR b.therapist_id = $1
        ORDER BY b.starts_at, b.id`,
      [subject.id],
    );
    return { bookings: asRecords(rows) };
  }

  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    const [cancelled]: [{ id: string }[], number] = await manager.query(
      `UPDATE bookings
          SET status = 'cancelled', cancelled_at = now(), cancelled_by = $1,
              canceller_role = CASE WHEN client_id = $1 THEN 'client' ELSE 'therapist' END,
              late_cancellation = false, screening = 'clear', screening_deadline = NULL,
              updated_at = now()
        WHERE (client_id = $1 OR therapist_id = $1) AND status = 'confirmed' AND starts_at > now()
        RETURNING id`,
      [subject.id],
    );
    await this.notices.changed(
      manager,
      'booking.cancelled',
      cancelled.map((row) => row.id),
      subject.id,
    );
    await manager.query(
      `UPDATE bookings SET notes = NULL, intake_id = NULL, updated_at = now() WHERE client_id = $1`,
      [subject.id],
    );
    await manager.query(
      `UPDATE bookings SET cancellation_reason = NULL, updated_at = now() WHERE cancelled_by = $1`,
      [subject.id],
    );
  }
}
