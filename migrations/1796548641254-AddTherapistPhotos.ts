import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Therapists' photos, two WebP renditions each. WebP is compressed already: the columns are stored
 * out of line without PostgreSQL's compression (STORAGE EXTERNAL), which would only spend CPU.
 */
export class AddTherapistPhotos1796548641254 implements MigrationInterface {
  name = 'AddTherapistPhotos1796548641254';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "therapist_photos" (
                "therapist_id" uuid NOT NULL,
                "version" text NOT NULL,
                "small" bytea NOT NULL,
                "large" bytea NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_therapist_photos_sizes" CHECK (
                    octet_length("small") <= 1048576
                    AND octet_length("large") <= 4194304
                ),
                CONSTRAINT "PK_therapist_photos" PRIMARY KEY ("therapist_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "therapist_photos"
            ADD CONSTRAINT "FK_therapist_photos_therapist" FOREIGN KEY ("therapist_id") REFERENCES "therapists"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "therapist_photos"
            ALTER COLUMN "small" SET STORAGE EXTERNAL,
            ALTER COLUMN "large" SET STORAGE EXTERNAL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "therapist_photos" DROP CONSTRAINT "FK_therapist_photos_therapist"
        `);
    await queryRunner.query(`
            DROP TABLE "therapist_photos"
        `);
  }
}
