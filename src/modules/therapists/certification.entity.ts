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
import { Therapist } from './therapist.entity.js';

export const CERTIFICATION_STATUSES = ['pending', 'verified', 'rejected', 'revoked'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** A licence or technique certificate; it counts only once verified by an admin and unexpired. */
@Entity('certifications')
@Check('CHK_certifications_status', `"status" IN ('pending', 'verified', 'rejected', 'revoked')`)
@Check('CHK_certifications_revocation', `("status" = 'revoked') = ("revoked_at" IS NOT NULL)`)
@Check(
  'CHK_certifications_decision',
  `("status" = 'pending') = ("decided_at" IS NULL AND "decided_by" IS NULL)`,
)
@Index('IDX_certifications_therapist', ['therapistId'])
@Index('IDX_certifications_status', ['status', 'createdAt'])
export class Certification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_certifications' })
  id!: string;

  @Column({ type: 'uuid' })
  therapistId!: string;

  @ManyToOne(() => Therapist, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'therapist_id', foreignKeyConstraintName: 'FK_certifications_therapist' })
  therapist?: Therapist;

  /** `massage-license` or a technique slug (e.g. `prenatal`). */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  number!: string;

  /** Last valid day, as a calendar date (YYYY-MM-DD). */
  @Column({ type: 'date' })
  expiresOn!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: CertificationStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_certifications_decided_by' })
  decider?: User;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  /** A verified certification withdrawn by an admin (the verification stays on record). */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'revoked_by', foreignKeyConstraintName: 'FK_certifications_revoked_by' })
  revoker?: User;

  @Column({ type: 'text', nullable: true })
  revocationReason!: string | null;

  /** Millisecond precision, so a page cursor holds the exact value. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
