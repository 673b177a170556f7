import { MigrationInterface, QueryRunner } from 'typeorm';

export class GuardTheGate1796154130694 implements MigrationInterface {
  name = 'GuardTheGate1796154130694';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "canceller_role" text
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "cancellation_code" text
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "screening" text NOT NULL DEFAULT 'clear'
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "screening_deadline" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD "revoked_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD "revoked_by" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD "revocation_reason" text
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bookings_screening_deadline" ON "bookings" ("screening_deadline")
            WHERE "screening" = 'pending-review'
                AND "status" = 'confirmed'
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_screening_deadline" CHECK (
                    ("screening" = 'pending-review') = ("screening_deadline" IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_screening" CHECK ("screening" IN ('clear', 'pending-review'))
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_cancellation_code" CHECK (
                    "cancellation_code" IS NULL
                    OR (
                        "canceller_role" = 'system'
                        AND "cancellation_code" IN (
                            'INTAKE_BLOCKED',
                            'TECHNIQUE_CONTRAINDICATED',
                            'PRENATAL_SCREENING_REQUIRED',
                            'CLOT_REVIEW_PENDING',
                            'THERAPIST_NOT_QUALIFIED'
                        )
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_canceller_role" CHECK (
                    "canceller_role" IS NULL
                    OR "canceller_role" IN ('client', 'therapist', 'admin', 'system')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD CONSTRAINT "CHK_certifications_revocation" CHECK (
                    ("status" = 'revoked') = ("revoked_at" IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD CONSTRAINT "FK_certifications_revoked_by" FOREIGN KEY ("revoked_by") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    // Changed check expressions are invisible to migration:generate; replaced by hand.
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP CONSTRAINT "CHK_certifications_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD CONSTRAINT "CHK_certifications_status" CHECK ("status" IN ('pending', 'verified', 'rejected', 'revoked'))
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags" DROP CONSTRAINT "CHK_intake_flags_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags"
            ADD CONSTRAINT "CHK_intake_flags_code" CHECK ("code" IN ('RED_FLAG_SEE_DOCTOR', 'CLOT_RISK', 'RED_FLAG_RETRACTED'))
        `);
    // Bookings cancelled before this migration: the canceller's role, from the user who did it.
    await queryRunner.query(`
            UPDATE "bookings" b SET "canceller_role" = u."role"
              FROM "users" u
             WHERE u."id" = b."cancelled_by" AND b."status" = 'cancelled'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Rows the old checks do not allow: a revocation becomes a rejection, retractions go.
    await queryRunner.query(`
            UPDATE "certifications"
               SET "status" = 'rejected',
                   "decision_note" = coalesce("revocation_reason", "decision_note")
             WHERE "status" = 'revoked'
        `);
    await queryRunner.query(`
            DELETE FROM "intake_flags" WHERE "code" = 'RED_FLAG_RETRACTED'
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags" DROP CONSTRAINT "CHK_intake_flags_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags"
            ADD CONSTRAINT "CHK_intake_flags_code" CHECK ("code" IN ('RED_FLAG_SEE_DOCTOR', 'CLOT_RISK'))
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP CONSTRAINT "CHK_certifications_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications"
            ADD CONSTRAINT "CHK_certifications_status" CHECK ("status" IN ('pending', 'verified', 'rejected'))
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP CONSTRAINT "FK_certifications_revoked_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP CONSTRAINT "CHK_certifications_revocation"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_canceller_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_cancellation_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_screening"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_screening_deadline"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bookings_screening_deadline"
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP COLUMN "revocation_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP COLUMN "revoked_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "certifications" DROP COLUMN "revoked_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "screening_deadline"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "screening"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "cancellation_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "canceller_role"
        `);
  }
}
