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
import { Intake } from './intake.entity.js';
import type { FlagCode, FlagSeverity } from './intake.types.js';

export const FLAG_STATUSES = ['open', 'approved', 'rejected'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** A screening flag on an intake, reviewed by an admin (clot risk) or standing (red flags). */
@Entity('intake_flags')
@Check(
  'CHK_intake_flags_code',
  `"code" IN ('RED_FLAG_SEE_DOCTOR', 'CLOT_RISK', 'RED_FLAG_RETRACTED')`,
)
@Check('CHK_intake_flags_severity', `"severity" IN ('critical', 'high')`)
@Check('CHK_intake_flags_status', `"status" IN ('open', 'approved', 'rejected')`)
@Check(
  'CHK_intake_flags_resolution',
  `("status" = 'open') = ("resolved_at" IS NULL AND "resolved_by" IS NULL)`,
)
@Index('IDX_intake_flags_status_created', ['status', 'createdAt'])
@Index('IDX_intake_flags_intake', ['intakeId'])
export class IntakeFlag {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_intake_flags' })
  id!: string;

  @Column({ type: 'uuid' })
  intakeId!: string;

  @ManyToOne(() => Intake, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intake_id', foreignKeyConstraintName: 'FK_intake_flags_intake' })
  intake?: Intake;

  @Column({ type: 'text' })
  code!: FlagCode;

  @Column({ type: 'text' })
  severity!: FlagSeverity;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text', default: 'open' })
  status!: FlagStatus;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resolved_by', foreignKeyConstraintName: 'FK_intake_flags_resolved_by' })
  resolver?: User;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  resolutionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
