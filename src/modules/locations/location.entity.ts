import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A place of the spa: where sessions happen, with its rooms and equipment. */
@Entity('locations')
@Check('CHK_locations_name', `length(btrim("name")) BETWEEN 1 AND 100`)
@Check('CHK_locations_address', `length(btrim("address")) BETWEEN 1 AND 300`)
export class Location {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_locations' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  address!: string;

  /** IANA time zone the location keeps its hours in (shown with its sessions). */
  @Column({ type: 'text' })
  timezone!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
