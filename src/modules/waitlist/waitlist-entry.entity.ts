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
import { Offering } from '../offerings/offering.entity.js';
import { Therapist } from '../therapists/therapist.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A client waiting for a time: an offering, optionally one therapist, and the window they could
 * come in. The longest-waiting entry whose client may book a freed time gets it offered first.
 * `fulfilledAt`: an offer was claimed (the entry waits no more).
 */
@Entity('waitlist_entries')
@Check('CHK_waitlist_entries_window', `"window_to" > "window_from"`)
@Index('IX_waitlist_entries_waiting', ['createdAt'], { where: `"fulfilled_at" IS NULL` })
@Index('IX_waitlist_entries_client', ['clientId'])
export class WaitlistEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_waitlist_entries' })
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_waitlist_entries_client' })
  client?: User;

  @Column({ type: 'uuid' })
  offeringId!: string;

  @ManyToOne(() => Offering, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'offering_id', foreignKeyConstraintName: 'FK_waitlist_entries_offering' })
  offering?: Offering;

  /** Null: any therapist who may give the offering. */
  @Column({ type: 'uuid', nullable: true })
  therapistId!: string | null;

  @ManyToOne(() => Therapist, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'therapist_id', foreignKeyConstraintName: 'FK_waitlist_entries_therapist' })
  therapist?: Therapist;

  @Column({ type: 'timestamptz' })
  windowFrom!: Date;

  @Column({ type: 'timestamptz' })
  windowTo!: Date;

  /** Milliseconds: the order of waiting decides who is offered a time first. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  fulfilledAt!: Date | null;
}
