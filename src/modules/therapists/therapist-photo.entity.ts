import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Therapist } from './therapist.entity.js';

/**
 * A therapist's photo, as served: two square WebP renditions without metadata. `version` is a hash
 * of them, so a new photo has a new URL (photoUrl) and a new ETag.
 */
@Entity('therapist_photos')
@Check(
  'CHK_therapist_photos_sizes',
  `octet_length("small") <= 1048576 AND octet_length("large") <= 4194304`,
)
export class TherapistPhoto {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_therapist_photos' })
  therapistId!: string;

  @OneToOne(() => Therapist, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'therapist_id', foreignKeyConstraintName: 'FK_therapist_photos_therapist' })
  therapist?: Therapist;

  @Column({ type: 'text' })
  version!: string;

  @Column({ type: 'bytea' })
  small!: Buffer;

  @Column({ type: 'bytea' })
  large!: Buffer;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
