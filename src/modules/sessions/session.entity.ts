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

export const SESSION_END_REASONS = [
  'logout',
  'password-change',
  'password-reset',
  'erasure',
  'refresh-reuse',
  'admin-password',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One sign-in of a user (a browser, a phone). Access tokens name it (`sid`) and every request
 * checks it is still live, so ending it — logout, a password change or reset, erasure, a reused
 * refresh token — stops its tokens everywhere. Triggers (migration AddSessions) NOTIFY every
 * instance when a session ends or its user's role, password or existence changes.
 */
@Entity('sessions')
@Index('IX_sessions_user', ['userId'])
@Check(
  'CHK_sessions_end',
  `("revoked_at" IS NULL) = ("revoked_reason" IS NULL) AND ("revoked_reason" IS NULL OR "revoked_reason" IN ('logout', 'password-change', 'password-reset', 'erasure', 'refresh-reuse', 'admin-password'))`,
)
export class Session {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_sessions' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user' })
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The last refresh: a session idle longer than its refresh token's life is over. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastRefreshedAt!: Date;

  /** The absolute end (SESSION_MAX_DAYS after sign-in), whatever the refreshes. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: SessionEndReason | null;
}
