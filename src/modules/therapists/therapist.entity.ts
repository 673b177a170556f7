import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Location } from '../locations/location.entity.js';
import { User } from '../users/user.entity.js';

/** A therapist's profile; its id is the therapist's user id. */
@Entity('therapists')
@Check('CHK_therapists_years', `"years_experience" BETWEEN 0 AND 70`)
@Check('CHK_therapists_bio', `length("bio") <= 2000`)
// (years_experience DESC, id): matching's candidate order. TypeORM cannot declare a descending
// column, so the migration writes it and synchronisation leaves it alone.
@Index('IDX_therapists_experience', { synchronize: false })
export class Therapist {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_therapists' })
  id!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'FK_therapists_user' })
  user?: User;

  @Column({ type: 'text' })
  bio!: string;

  @Column({ type: 'int' })
  yearsExperience!: number;

  /** Where the therapist works unless a weekly window names another location. */
  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_therapists_location' })
  location?: Location;

  /** IANA time zone in which the weekly availability is written. */
  @Column({ type: 'text' })
  timezone!: string;

  /** Secret of the iCalendar feed URL; rotating it invalidates the old URL. */
  @Index('UQ_therapists_calendar_token', { unique: true })
  @Column({ type: 'text' })
  calendarToken!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
