import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Technique } from '../techniques/technique.entity.js';
import { Therapist } from './therapist.entity.js';

/** A technique a therapist offers. */
@Entity('therapist_techniques')
@Index('IDX_therapist_techniques_technique', ['techniqueSlug'])
export class TherapistTechnique {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_therapist_techniques' })
  therapistId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_therapist_techniques' })
  techniqueSlug!: string;

  @ManyToOne(() => Therapist, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'therapist_id',
    foreignKeyConstraintName: 'FK_therapist_techniques_therapist',
  })
  therapist?: Therapist;

  @ManyToOne(() => Technique, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'technique_slug',
    foreignKeyConstraintName: 'FK_therapist_techniques_technique',
  })
  technique?: Technique;
}
