// The outbox's statements, shared by the Outbox and the benchmark baseline (which does the same
// writes in its booking transaction). Plain strings: no Nest, no TypeORM.
import { randomUUID } from 'node:crypto';
import { subjectOf } from './notification.rules.js';
import type { MessageDraft } from './notification.types.js';
import type { MessageKind, OutboxStatus } from './outbox-message.entity.js';

/** The job queue that delivers outbox messages; each job's id is its message's id. */
export const MAIL_QUEUE = 'mail';

/**
 * Writes messages given as a JSON array of {id, kind, recipient_id, recipient_email, subject,
 * payload, calendar_uid, dedupe_key}. A message with a calendar event gets the next SEQUENCE of
 * that event (0 for its first): every row of one statement sees the same earlier messages, so the
 * client's and the therapist's copy of one change share a number. A dedupe key already written
 * drops the row. Answers the ids written.
 */
export const INSERT_MESSAGES_SQL = `INSERT INTO outbox_messages
    (id, kind, recipient_id, recipient_email, subject, payload, booking_id, calendar_uid,
     calendar_sequence, dedupe_key)
  SELECT d.id, d.kind, d.recipient_id, d.recipient_email, d.subject, d.payload, d.booking_id,
         d.calendar_uid,
         CASE WHEN d.calendar_uid IS NOT NULL THEN
           COALESCE((SELECT max(m.calendar_sequence) + 1 FROM outbox_messages m
                      WHERE m.calendar_uid = d.calendar_uid), 0)
         END,
         d.dedupe_key
    FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, kind text, recipient_id uuid, recipient_email text,
                                            subject text, payload jsonb, booking_id uuid,
                                            calendar_uid text, dedupe_key text)
  ON CONFLICT DO NOTHING
  RETURNING id`;

/** The parameter of INSERT_MESSAGES_SQL: each draft with a new id and its subject line. */
export function outboxRows(drafts: readonly MessageDraft[], spaName: string): string {
  return JSON.stringify(
    drafts.map((draft) => ({
      id: randomUUID(),
      kind: draft.kind,
      recipient_id: draft.recipientId,
      recipient_email: draft.recipientEmail,
      subject: subjectOf(draft.kind, draft.payload, spaName),
      payload: draft.payload,
      booking_id: draft.bookingId ?? null,
      calendar_uid: draft.calendarUid ?? null,
      dedupe_key: draft.dedupeKey ?? null,
    })),
  );
}

/** The delivery jobs of written messages (JobQueue.sendMany / pg-boss insert). */
export const mailJobs = (written: readonly { id: string }[]) =>
  written.map(({ id }) => ({ queue: MAIL_QUEUE, id, data: { messageId: id } }));

/**
 * How long a claim holds: longer than an attempt can last (the send's time limit, well inside the
 * job's expiry), so a live claim is never taken over; a dead instance's claim is, after this.
 */
export const CLAIM_LEASE_MINUTES = 10;

/**
 * Takes a message for sending under the claim token $2: queued, or claimed by an instance that
 * has not finished within the lease. Only the token's owner records the outcome.
 */
export const CLAIM_MESSAGE_SQL = `UPDATE outbox_messages
     SET status = 'sending', attempts = attempts + 1, claimed_at = now(), claim_token = $2,
         updated_at = now()
   WHERE id = $1
     AND (status = 'queued'
          OR (status = 'sending' AND claimed_at < now() - make_interval(mins => ${CLAIM_LEASE_MINUTES})))
  RETURNING *`;

/**
 * Messages whose job was lost (a claim whose instance died, a job that ran out while another
 * attempt held the claim): expired claims go back to queued, and they and queued messages idle
 * for an hour (longer than any backoff between attempts) get a new delivery job.
 */
export const STRANDED_MESSAGES_SQL = `UPDATE outbox_messages
     SET status = 'queued', claim_token = NULL, claimed_at = NULL, updated_at = now()
   WHERE (status = 'sending' AND claimed_at < now() - make_interval(mins => ${CLAIM_LEASE_MINUTES}))
      OR (status = 'queued' AND updated_at < now() - interval '1 hour')
  RETURNING id`;

/** Booking messages not yet sent that a cancellation makes wrong ($1 booking ids). */
export const SUPERSEDE_MESSAGES_SQL = `UPDATE outbox_messages
     SET status = 'superseded', updated_at = now()
   WHERE booking_id = ANY($1::uuid[]) AND status = 'queued'
     AND kind IN ('booking.confirmed', 'booking.reminder')`;

export interface OutboxRow {
  id: string;
  kind: MessageKind;
  recipient_id: string | null;
  recipient_email: string;
  subject: string;
  payload: Record<string, unknown>;
  calendar_uid: string | null;
  calendar_sequence: number | null;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  claimed_at: Date | null;
  claim_token: string | null;
  booking_id: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}
