import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIntakes1795494466383 implements MigrationInterface {
  name = 'CreateIntakes1795494466383';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "intakes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "client_id" uuid NOT NULL,
                "answers" jsonb NOT NULL,
                "status" text NOT NULL,
                "pregnant" boolean NOT NULL,
                "clot_screened" boolean NOT NULL,
                "suggestions" jsonb NOT NULL,
                "guidance_version" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_intakes_expiry" CHECK ("expires_at" > "created_at"),
                CONSTRAINT "CHK_intakes_status" CHECK ("status" IN ('clear', 'needs-review', 'blocked')),
                CONSTRAINT "PK_intakes" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_intakes_client_created" ON "intakes" ("client_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "intake_flags" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "intake_id" uuid NOT NULL,
                "code" text NOT NULL,
                "severity" text NOT NULL,
                "message" text NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "resolved_by" uuid,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolution_note" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_intake_flags_resolution" CHECK (
                    ("status" = 'open') = (
                        "resolved_at" IS NULL
                        AND "resolved_by" IS NULL
                    )
                ),
                CONSTRAINT "CHK_intake_flags_status" CHECK ("status" IN ('open', 'approved', 'rejected')),
                CONSTRAINT "CHK_intake_flags_severity" CHECK ("severity" IN ('critical', 'high')),
                CONSTRAINT "CHK_intake_flags_code" CHECK ("code" IN ('RED_FLAG_SEE_DOCTOR', 'CLOT_RISK')),
                CONSTRAINT "PK_intake_flags" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_intake_flags_intake" ON "intake_flags" ("intake_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_intake_flags_status_created" ON "intake_flags" ("status", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "intake_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "intakes"
            ADD CONSTRAINT "FK_intakes_client" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_intake" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags"
            ADD CONSTRAINT "FK_intake_flags_intake" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags"
            ADD CONSTRAINT "FK_intake_flags_resolved_by" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "intake_flags" DROP CONSTRAINT "FK_intake_flags_resolved_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "intake_flags" DROP CONSTRAINT "FK_intake_flags_intake"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_intake"
        `);
    await queryRunner.query(`
            ALTER TABLE "intakes" DROP CONSTRAINT "FK_intakes_client"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "intake_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_intake_flags_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_intake_flags_intake"
        `);
    await queryRunner.query(`
            DROP TABLE "intake_flags"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_intakes_client_created"
        `);
    await queryRunner.query(`
            DROP TABLE "intakes"
        `);
  }
}
