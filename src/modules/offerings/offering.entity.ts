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
import { Technique } from '../techniques/technique.entity.js';

export interface OfferingRequirements {
  roomFeatures: string[];
  equipment: { kind: string; quantity: number }[];
}

@Entity('offerings')
@Check(
  'CHK_offerings_duration',
  `"duration_minutes" BETWEEN 15 AND 240 AND "duration_minutes" % 15 = 0`,
)
@Check('CHK_offerings_price', `"price_cents" >= 0`)
@Check('CHK_offerings_buffer', `"buffer_minutes" BETWEEN 0 AND 60`)
@Check('CHK_offerings_name', `length(btrim("name")) BETWEEN 1 AND 100`)
@Index('IDX_offerings_technique', ['techniqueSlug'])
export class Offering {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_offerings' })
  id!: string;

  @Column({ type: 'text' })
  techniqueSlug!: string;

  @ManyToOne(() => Technique, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'technique_slug', foreignKeyConstraintName: 'FK_offerings_technique' })
  technique?: Technique;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'int' })
  bufferMinutes!: number;

  /**
   * What a session needs at a location that manages rooms or equipment: a room with every one of
   * `roomFeatures`, and `quantity` units of each equipment `kind`.
   */
  @Column({ type: 'jsonb', default: () => `'{"equipment": [], "roomFeatures": []}'` })
  requires!: OfferingRequirements;

  /** Offerings with bookings are archived, never deleted: old bookings keep their menu item. */
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  /** Millisecond precision, so a page cursor holds the exact value. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
