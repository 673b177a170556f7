import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed login for an email (known or not). Kept in PostgreSQL so the per-email limit holds
 * across every app instance.
 */
@Entity('login_failures')
@Index('IDX_login_failures_email_failed_at', ['email', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'PK_login_failures',
  })
  id!: string;

  @Column({ type: 'citext' })
  email!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  failedAt!: Date;
}
