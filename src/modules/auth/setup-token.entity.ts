import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A first-run link's secret, as its SHA-256 only: written at start-up while the spa has no
 * administrator (one per start, each valid until the first administrator exists), all deleted
 * once one does.
 */
@Entity('setup_tokens')
export class SetupToken {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'PK_setup_tokens' })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
