import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Booking } from '../bookings/booking.entity.js';
import { WaitlistEntry } from './waitlist-entry.entity.js';

export const OFFER_STATUSES = ['open', 'claimed', 'declined', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * A freed time offered to one waitlist entry. While `open`, the time is held by a `held` row in
 * bookings (`holdId`), which the exclusion constraint treats as a booking. Claimed, declined,
 * expired or withdrawn (the entry left, or the client may no longer book it), the hold is gone;
 * the offer stays, so the same entry is not offered the same time again.
 */
@Entity('waitlist_offers')
@Check(
  'CHK_waitlist_offers_status',
  `"status" IN ('open', 'claimed', 'declined', 'expired', 'withdrawn')`,
)
@Check('CHK_waitlist_offers_claimed', `("status" = 'claimed') = ("booking_id" IS NOT NULL)`)
@Index('IX_waitlist_offers_entry', ['entryId'])
@Index('IX_waitlist_offers_therapist_time', ['therapistId', 'startsAt'])
export class WaitlistOffer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_waitlist_offers' })
  id!: string;

  @Column({ type: 'uuid' })
  entryId!: string;

  @ManyToOne(() => WaitlistEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'FK_waitlist_offers_entry' })
  entry?: WaitlistEntry;

  @Column({ type: 'uuid' })
  therapistId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: OfferStatus;

  /** The held row while open (deleted with the hold). */
  @Column({ type: 'uuid', nullable: true })
  holdId!: string | null;

  @ManyToOne(() => Booking, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'hold_id', foreignKeyConstraintName: 'FK_waitlist_offers_hold' })
  hold?: Booking;

  /** The booking the claim made. */
  @Column({ type: 'uuid', nullable: true })
  bookingId!: string | null;

  @ManyToOne(() => Booking, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'FK_waitlist_offers_booking' })
  booking?: Booking;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
