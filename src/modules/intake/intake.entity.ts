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
import { User } from '../users/user.entity.js';
import type { Suggestion } from './intake.rules.js';
import type { IntakeAnswers, IntakeStatus } from './intake.types.js';

/**
 * A client's screening questionnaire and what the guidance made of it. The answers are health
 * data: only the client, admins (audited) and, in part, the booked therapist ever see them.
 */
@Entity('intakes')
@Check('CHK_intakes_status', `"status" IN ('clear', 'needs-review', 'blocked')`)
@Check('CHK_intakes_expiry', `"expires_at" > "created_at"`)
@Index('IDX_intakes_client_created', ['clientId', 'createdAt'])
export class Intake {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_intakes' })
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_intakes_client' })
  client?: User;

  @Column({ type: 'jsonb' })
  answers!: IntakeAnswers;

  @Column({ type: 'text' })
  status!: IntakeStatus;

  /** Pregnant at the time of the intake: makes every booking on it prenatal. */
  @Column({ type: 'boolean' })
  pregnant!: boolean;

  /** Every clot-screening question was answered. */
  @Column({ type: 'boolean' })
  clotScreened!: boolean;

  @Column({ type: 'jsonb' })
  suggestions!: Suggestion[];

  @Column({ type: 'text' })
  guidanceVersion!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
