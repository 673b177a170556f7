import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One login attempt for an email (known or not). Kept in PostgreSQL so the per-email limit holds
 * across every app instance; the address is kept as its SHA-256 (of its lower case), so the
 * table names no one — attempts with an erased account's address included.
 */
@Entity('login_failures')
@Index('IDX_login_failures_email_hash_failed_at', ['emailHash', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'PK_login_failures',
  })
  id!: string;

  @Column({ type: 'bytea' })
  emailHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  failedAt!: Date;
}
