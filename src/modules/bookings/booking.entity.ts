import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Intake } from '../intake/intake.entity.js';
import { Location } from '../locations/location.entity.js';
import { Room } from '../locations/room.entity.js';
import { Offering } from '../offerings/offering.entity.js';
import { Therapist } from '../therapists/therapist.entity.js';
import { User } from '../users/user.entity.js';
import { WaitlistEntry } from '../waitlist/waitlist-entry.entity.js';

/** What a booking can be, as the API shows it. `rescheduled`: moved, its time free again. */
export const BOOKING_STATUSES = [
  'confirmed',
  'cancelled',
  'completed',
  'no-show',
  'rescheduled',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/**
 * A row's status: a booking's, or `held` — a time a waitlist offer keeps for its client. A hold
 * is a row here so that the exclusion constraint keeps it from overlapping any booking; it is
 * never shown as a booking, and is deleted when its offer ends.
 */
export type BookingRowStatus = BookingStatus | 'held';
export const CANCELLER_ROLES = ['client', 'therapist', 'admin', 'system'] as const;
export type CancellerRole = (typeof CANCELLER_ROLES)[number];
/** Why the system cancelled a booking: the gate's refusal for it (README, API section). */
export const SYSTEM_CANCELLATION_CODES = [
  'INTAKE_BLOCKED',
  'TECHNIQUE_CONTRAINDICATED',
  'PRENATAL_SCREENING_REQUIRED',
  'CLOT_REVIEW_PENDING',
  'THERAPIST_NOT_QUALIFIED',
] as const;
export type SystemCancellationCode = (typeof SYSTEM_CANCELLATION_CODES)[number];
/** `pending-review`: kept only until a clinician decides the client's clot risk (by the deadline). */
export const BOOKING_SCREENINGS = ['clear', 'pending-review'] as const;
export type BookingScreeningState = (typeof BOOKING_SCREENINGS)[number];

/**
 * A booked session. `occupiedUntil` is the end plus the offering's clean-up buffer; the exclusion
 * constraint forbids two live bookings (or waitlist holds) of one therapist whose
 * [startsAt, occupiedUntil) ranges overlap — the database is the last word on double booking.
 * Cancelled and rescheduled bookings hold no time.
 */
@Entity('bookings')
@Exclusion(
  'EXC_bookings_no_overlap',
  `USING gist ("therapist_id" WITH =, tstzrange("starts_at", "occupied_until", '[)') WITH &&) WHERE ("status" NOT IN ('cancelled', 'rescheduled'))`,
)
@Exclusion(
  'EXC_bookings_room_no_overlap',
  `USING gist ("room_id" WITH =, tstzrange("starts_at", "occupied_until", '[)') WITH &&) WHERE ("room_id" IS NOT NULL AND "status" NOT IN ('cancelled', 'rescheduled'))`,
)
@Check('CHK_bookings_room_location', `"room_id" IS NULL OR "location_id" IS NOT NULL`)
@Check(
  'CHK_bookings_status',
  `"status" IN ('confirmed', 'cancelled', 'completed', 'no-show', 'rescheduled', 'held')`,
)
@Check('CHK_bookings_rescheduled', `("status" = 'rescheduled') = ("rescheduled_to_id" IS NOT NULL)`)
@Check('CHK_bookings_hold', `("status" = 'held') = ("waitlist_entry_id" IS NOT NULL)`)
// Only holds name an entry (CHK_bookings_hold): one live hold per entry.
@Index('UQ_bookings_hold_per_entry', ['waitlistEntryId'], {
  unique: true,
  where: `"waitlist_entry_id" IS NOT NULL`,
})
@Check('CHK_bookings_times', `"ends_at" > "starts_at" AND "occupied_until" >= "ends_at"`)
@Check('CHK_bookings_price', `"price_cents" >= 0`)
@Check('CHK_bookings_cancellation', `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)`)
@Check(
  'CHK_bookings_canceller_role',
  `"canceller_role" IS NULL OR "canceller_role" IN ('client', 'therapist', 'admin', 'system')`,
)
@Check(
  'CHK_bookings_cancellation_code',
  `"cancellation_code" IS NULL OR ("canceller_role" = 'system' AND "cancellation_code" IN ('INTAKE_BLOCKED', 'TECHNIQUE_CONTRAINDICATED', 'PRENATAL_SCREENING_REQUIRED', 'CLOT_REVIEW_PENDING', 'THERAPIST_NOT_QUALIFIED'))`,
)
@Check('CHK_bookings_screening', `"screening" IN ('clear', 'pending-review')`)
@Check(
  'CHK_bookings_screening_deadline',
  `("screening" = 'pending-review') = ("screening_deadline" IS NOT NULL)`,
)
@Index('IDX_bookings_screening_deadline', ['screeningDeadline'], {
  where: `"screening" = 'pending-review' AND "status" = 'confirmed'`,
})
@Index('IDX_bookings_therapist_starts', ['therapistId', 'startsAt'])
@Index('IDX_bookings_client_starts', ['clientId', 'startsAt'])
@Index('IDX_bookings_offering', ['offeringId'])
export class Booking {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_bookings' })
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_bookings_client' })
  client?: User;

  @Column({ type: 'uuid' })
  therapistId!: string;

  @ManyToOne(() => Therapist, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'therapist_id', foreignKeyConstraintName: 'FK_bookings_therapist' })
  therapist?: Therapist;

  @Column({ type: 'uuid' })
  offeringId!: string;

  @ManyToOne(() => Offering, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offering_id', foreignKeyConstraintName: 'FK_bookings_offering' })
  offering?: Offering;

  /** The intake the booking rests on (its screening). */
  @Column({ type: 'uuid', nullable: true })
  intakeId!: string | null;

  @ManyToOne(() => Intake, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intake_id', foreignKeyConstraintName: 'FK_bookings_intake' })
  intake?: Intake;

  /** Copied from the offering at booking time, like the price and duration. */
  @Column({ type: 'text' })
  techniqueSlug!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'timestamptz' })
  occupiedUntil!: Date;

  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'text', default: 'confirmed' })
  status!: BookingRowStatus;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cancelled_by', foreignKeyConstraintName: 'FK_bookings_cancelled_by' })
  canceller?: User;

  /** Who cancelled, as the API shows it: a role, or `system` for the gate. */
  @Column({ type: 'text', nullable: true })
  cancellerRole!: CancellerRole | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** For system cancellations: the gate's refusal code. */
  @Column({ type: 'text', nullable: true })
  cancellationCode!: SystemCancellationCode | null;

  @Column({ type: 'text', default: 'clear' })
  screening!: BookingScreeningState;

  /** For `pending-review`: when the booking is cancelled unless the clot risk was approved. */
  @Column({ type: 'timestamptz', nullable: true })
  screeningDeadline!: Date | null;

  /** A client cancellation within CANCELLATION_NOTICE_HOURS of the start. */
  @Column({ type: 'boolean', default: false })
  lateCancellation!: boolean;

  /** The booking this one replaced (a reschedule). */
  @Column({ type: 'uuid', nullable: true })
  rescheduledFromId!: string | null;

  @ManyToOne(() => Booking, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'rescheduled_from_id',
    foreignKeyConstraintName: 'FK_bookings_rescheduled_from',
  })
  rescheduledFrom?: Booking;

  /** The booking that replaced this one (status `rescheduled`). */
  @Column({ type: 'uuid', nullable: true })
  rescheduledToId!: string | null;

  @ManyToOne(() => Booking, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rescheduled_to_id', foreignKeyConstraintName: 'FK_bookings_rescheduled_to' })
  rescheduledTo?: Booking;

  /**
   * The first booking of a chain of reschedules: one calendar event (its UID) follows the session
   * wherever it moves. Null for a booking never moved (it is its own series).
   */
  @Column({ type: 'uuid', nullable: true })
  seriesId!: string | null;

  /** Where the session happens: its window's location, else the therapist's home; none without. */
  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_bookings_location' })
  location?: Location;

  /** The room the session takes, at a location that has rooms. */
  @Column({ type: 'uuid', nullable: true })
  roomId!: string | null;

  @ManyToOne(() => Room, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_bookings_room' })
  room?: Room;

  /** A waitlist hold: the entry it is offered to (the hold goes with the entry). */
  @Column({ type: 'uuid', nullable: true })
  waitlistEntryId!: string | null;

  @ManyToOne(() => WaitlistEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'waitlist_entry_id', foreignKeyConstraintName: 'FK_bookings_waitlist_entry' })
  waitlistEntry?: WaitlistEntry;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
