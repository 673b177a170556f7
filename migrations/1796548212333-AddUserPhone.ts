import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An optional phone number (E.164) on every account: the therapists of a client's live bookings
 * see it, so they can call when running late.
 */
export class AddUserPhone1796548212333 implements MigrationInterface {
  name = 'AddUserPhone1796548212333';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "phone" text
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "CHK_users_phone" CHECK ("phone" ~ '^\\+[1-9][0-9]{6,14}$')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "CHK_users_phone"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "phone"
        `);
  }
}
