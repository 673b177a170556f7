import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { User } from '../users/user.entity.js';

export const ACCOUNT_TOKEN_PURPOSES = ['password-reset', 'email-verification'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * A single-use link sent by email (a password reset, an address to verify), stored as its
 * SHA-256 only: whoever reads the database cannot use one.
 */
@Entity('account_tokens')
@Index('IX_account_tokens_user', ['userId', 'purpose'])
@Check('CHK_account_tokens_purpose', `"purpose" IN ('password-reset', 'email-verification')`)
export class AccountToken {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'PK_account_tokens' })
  tokenHash!: Buffer;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_account_tokens_user' })
  user?: User;

  @Column({ type: 'text' })
  purpose!: AccountTokenPurpose;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
