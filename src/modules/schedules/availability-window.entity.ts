import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Location } from '../locations/location.entity.js';
import { Therapist } from '../therapists/therapist.entity.js';

/** One weekly window of a therapist's hours, in minutes after local midnight. */
@Entity('availability_windows')
@Check('CHK_availability_windows_weekday', `"weekday" BETWEEN 1 AND 7`)
@Check(
  'CHK_availability_windows_minutes',
  `"start_minute" >= 0 AND "end_minute" <= 1440 AND "start_minute" < "end_minute" AND "start_minute" % 15 = 0 AND "end_minute" % 15 = 0`,
)
@Index('IDX_availability_windows_therapist', ['therapistId'])
export class AvailabilityWindow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_availability_windows' })
  id!: string;

  @Column({ type: 'uuid' })
  therapistId!: string;

  @ManyToOne(() => Therapist, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'therapist_id',
    foreignKeyConstraintName: 'FK_availability_windows_therapist',
  })
  therapist?: Therapist;

  @Column({ type: 'smallint' })
  weekday!: number;

  @Column({ type: 'smallint' })
  startMinute!: number;

  @Column({ type: 'smallint' })
  endMinute!: number;

  /** Another location than the therapist's home for this window (a day across town). */
  @Column({ type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_availability_windows_location' })
  location?: Location;
}
