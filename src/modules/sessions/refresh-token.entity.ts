import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Session } from './session.entity.js';

/**
 * A refresh token, stored as its SHA-256 only. Each works once (`usedAt`); presenting a used one
 * again means it was copied, so the whole session ends (OAuth 2.0 Security BCP, 4.14).
 */
@Entity('refresh_tokens')
@Index('IX_refresh_tokens_session', ['sessionId'])
export class RefreshToken {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'PK_refresh_tokens' })
  tokenHash!: Buffer;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_refresh_tokens_session' })
  session?: Session;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
