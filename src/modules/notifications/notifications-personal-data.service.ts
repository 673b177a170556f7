import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  asRecords,
  type DataSubject,
  type PersonalDataHolder,
} from '../../common/privacy/personal-data.js';

/**
 * The notifications module's records of a person: their preferences, the messages sent to them,
 * and their name in the messages others got about sessions with them.
 */
@Injectable()
export class NotificationsPersonalData implements PersonalDataHolder {
  async exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>> {
    const preferences: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM notification_preferences WHERE user_id = $1`,
      [subject.id],
    );
    // A link's secret never leaves: used or not, it would open the account.
    const messages: Record<string, unknown>[] = await manager.query(
      `SELECT id, kind, recipient_email, subject, payload - 'token' AS payload, booking_id, status,
              attempts, created_at, sent_at
         FROM outbox_messages WHERE recipient_id = $1 ORDER BY created_at, id`,
      [subject.id],
    );
    return {
      notificationPreferences: asRecords(preferences),
      messages: asRecords(messages),
    };
  }

  async erase(manager: EntityManager, subject: DataSubject): Promise<void> {
    await manager.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [subject.id]);
    // Messages to the person: those not yet sent never will be; none keeps the address or text.
    await manager.query(
      `UPDATE outbox_messages
          SET status = CASE WHEN status = 'queued' THEN 'superseded' ELSE status END,
              recipient_email = 'erased-' || $1 || '@unknot.invalid',
              subject = 'A message to an erased account', payload = '{}', updated_at = now()
        WHERE recipient_id = $1`,
      [subject.id],
    );
    // Messages to others about sessions with the person (and waitlist offers of their time)
    // keep the session, not the name: the name's own field, and the name as a whole word in
    // the subject (a short name is not cut out of other words).
    await manager.query(
      `UPDATE outbox_messages
          SET subject = regexp_replace(subject, $5, $3, 'g'),
              payload = CASE
                WHEN payload #>> '{client,name}' = $2 THEN jsonb_set(payload, '{client,name}', to_jsonb($3::text))
                WHEN payload #>> '{therapist,name}' = $2 THEN jsonb_set(payload, '{therapist,name}', to_jsonb($3::text))
                WHEN payload ->> 'therapistId' = $4 THEN jsonb_set(payload, '{therapistName}', to_jsonb($3::text))
                ELSE payload END,
              updated_at = now()
        WHERE (booking_id = ANY($1::uuid[]) OR payload ->> 'therapistId' = $4)
          AND recipient_id IS DISTINCT FROM $4::uuid`,
      [
        subject.bookingIds,
        subject.name,
        subject.placeholderName,
        subject.id,
        wholeWordPattern(subject.name),
      ],
    );
  }
}

/**
 * A PostgreSQL regular expression matching `text` taken literally, not inside a longer word (no
 * letter or digit just before or after it).
 */
function wholeWordPattern(text: string): string {
  const literal = text.replace(/[^\p{L}\p{N}\s]/gu, '\\$&');
  return `(?<![[:alnum:]])${literal}(?![[:alnum:]])`;
}
