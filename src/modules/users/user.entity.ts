import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '../../common/auth/auth-user.js';

@Entity('users')
@Check('CHK_users_role', `"role" IN ('client', 'therapist', 'admin')`)
@Check('CHK_users_name', `length(btrim("name")) BETWEEN 1 AND 100`)
@Check('CHK_users_phone', `"phone" ~ '^\\+[1-9][0-9]{6,14}$'`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id!: string;

  /** citext: unique regardless of case, kept as the user typed it. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'citext' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  /** E.164 (`+351912345678`), optional; shown to the therapists of the user's live bookings. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text' })
  passwordHash!: string;

  /** When the user opened the link sent to this address; null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /**
   * When the account was erased at its owner's request: the row stays (past sessions keep their
   * client for the therapist's records) with no name, address or password left in it.
   */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
