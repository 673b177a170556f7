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
 * One claimable piece of equipment (a set of hot stones): a quantity of two is two rows. A
 * session claims units of the kinds its offering requires (booking_units), and an exclusion
 * constraint keeps two live sessions off one unit at overlapping times.
 */
@Entity('equipment_units')
@Check('CHK_equipment_units_kind', `"kind" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('CHK_equipment_units_name', `length(btrim("name")) BETWEEN 1 AND 100`)
@Index('IX_equipment_units_location_kind', ['locationId', 'kind'])
export class EquipmentUnit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_equipment_units' })
  id!: string;

  @Column({ type: 'uuid' })
  locationId!: string;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_equipment_units_location' })
  location?: Location;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
