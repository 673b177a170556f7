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
import { Location } from './location.entity.js';

/**
 * A treatment room. A session needs a room with every feature its offering requires; bookings
 * name their room, and an exclusion constraint on bookings keeps two live sessions out of one
 * room at overlapping times.
 */
@Entity('rooms')
@Check('CHK_rooms_name', `length(btrim("name")) BETWEEN 1 AND 100`)
@Index('UQ_rooms_location_name', ['locationId', 'name'], { unique: true })
export class Room {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_rooms' })
  id!: string;

  @Column({ type: 'uuid' })
  locationId!: string;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_rooms_location' })
  location?: Location;

  @Column({ type: 'text' })
  name!: string;

  /** Slugs: `table`, `prenatal-table`, `hot-stone-heater`, `shower`… */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  features!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
