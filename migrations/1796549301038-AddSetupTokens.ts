import { MigrationInterface, QueryRunner } from 'typeorm';

/** First-run links (their SHA-256): a spa without an administrator logs one at each start. */
export class AddSetupTokens1796549301038 implements MigrationInterface {
  name = 'AddSetupTokens1796549301038';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "setup_tokens" (
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_setup_tokens" PRIMARY KEY ("token_hash")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "setup_tokens"
        `);
  }
}
