import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity.js';

export const MESSAGE_KINDS = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.completed',
  'booking.reminder',
  'booking.rescheduled',
  'waitlist.offer',
  'intake-flag.decided',
  'certification.verified',
  'certification.rejected',
  'certification.revoked',
  'account.email-verification',
  'account.password-reset',
  'account.password-changed',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * `sending`: claimed by one instance (its `claimToken`); a claim older than the lease is taken
 * over. `superseded`: never sent, because its booking changed first (a reminder or confirmation
 * of a booking cancelled before the message went out).
 */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'superseded'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email, written in the same transaction as the change that causes it and delivered by the
 * `mail` job queue. Its id is the Message-ID. `payload` holds the facts the message is rendered
 * from, as they were when it was written: never intake answers. A link's secret (`token`) is
 * removed from it once the message is sent or has failed.
 */
@Entity('outbox_messages')
@Check(
  'CHK_outbox_messages_kind',
  `"kind" IN ('booking.confirmed', 'booking.cancelled', 'booking.completed', 'booking.reminder', 'booking.rescheduled', 'waitlist.offer', 'intake-flag.decided', 'certification.verified', 'certification.rejected', 'certification.revoked', 'account.email-verification', 'account.password-reset', 'account.password-changed')`,
)
@Check(
  'CHK_outbox_messages_status',
  `"status" IN ('queued', 'sending', 'sent', 'failed', 'superseded')`,
)
@Check('CHK_outbox_messages_claim', `("status" = 'sending') = ("claim_token" IS NOT NULL)`)
@Check('CHK_outbox_messages_attempts', `"attempts" >= 0`)
@Check('CHK_outbox_messages_sent', `("status" = 'sent') = ("sent_at" IS NOT NULL)`)
@Check(
  'CHK_outbox_messages_calendar',
  `("calendar_uid" IS NULL) = ("calendar_sequence" IS NULL) AND ("calendar_sequence" IS NULL OR "calendar_sequence" >= 0)`,
)
@Index('IX_outbox_messages_status_created', ['status', 'createdAt'])
@Index('IX_outbox_messages_calendar_uid', ['calendarUid'])
@Index('IX_outbox_messages_created', ['createdAt', 'id'])
@Index('IX_outbox_messages_booking', ['bookingId'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_outbox_messages' })
  id!: string;

  @Column({ type: 'text' })
  kind!: MessageKind;

  /** Null once the account is erased; the address is kept only until then. */
  @Column({ type: 'uuid', nullable: true })
  recipientId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_outbox_messages_recipient' })
  recipient?: User;

  @Column({ type: 'text' })
  recipientEmail!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The booking a message is about (no foreign key: the outbox outlives nothing it names). */
  @Column({ type: 'uuid', nullable: true })
  bookingId!: string | null;

  /** The booking's calendar event, for messages that carry an invitation. */
  @Column({ type: 'text', nullable: true })
  calendarUid!: string | null;

  /** RFC 5545 SEQUENCE: each change of one event's invitation is numbered higher. */
  @Column({ type: 'integer', nullable: true })
  calendarSequence!: number | null;

  /** A message that must exist once per cause (a reminder per booking and start) names it here. */
  @Index('UQ_outbox_messages_dedupe_key', { unique: true })
  @Column({ type: 'text', nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'text', default: 'queued' })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /** The claim of the attempt in flight: only its owner may record the outcome. */
  @Column({ type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Milliseconds, like the cursors that page through it. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
