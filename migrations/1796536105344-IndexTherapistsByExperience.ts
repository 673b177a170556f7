import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching reads each technique's therapists most experienced first, then by id
 * (MATCH_CANDIDATES_SQL), a page at a time. Written by hand: TypeORM cannot declare a descending
 * column, so the entity names this index with `synchronize: false`.
 */
export class IndexTherapistsByExperience1796536105344 implements MigrationInterface {
  name = 'IndexTherapistsByExperience1796536105344';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "IDX_therapists_experience" ON "therapists" ("years_experience" DESC, "id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_therapists_experience"
        `);
  }
}
