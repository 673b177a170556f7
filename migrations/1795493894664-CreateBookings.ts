import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBookings1795493894664 implements MigrationInterface {
  name = 'CreateBookings1795493894664';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "bookings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "client_id" uuid NOT NULL,
                "therapist_id" uuid NOT NULL,
                "offering_id" uuid NOT NULL,
                "technique_slug" text NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "occupied_until" TIMESTAMP WITH TIME ZONE NOT NULL,
                "price_cents" integer NOT NULL,
                "status" text NOT NULL DEFAULT 'confirmed',
                "notes" text,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_by" uuid,
                "cancellation_reason" text,
                "late_cancellation" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_bookings_cancellation" CHECK (
                    ("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)
                ),
                CONSTRAINT "CHK_bookings_price" CHECK ("price_cents" >= 0),
                CONSTRAINT "CHK_bookings_times" CHECK (
                    "ends_at" > "starts_at"
                    AND "occupied_until" >= "ends_at"
                ),
                CONSTRAINT "CHK_bookings_status" CHECK (
                    "status" IN ('confirmed', 'cancelled', 'completed', 'no-show')
                ),
                CONSTRAINT "EXC_bookings_no_overlap" EXCLUDE USING gist (
                    "therapist_id" WITH =,
                    tstzrange("starts_at", "occupied_until", '[)') WITH &&
                )
                WHERE ("status" <> 'cancelled'),
                    CONSTRAINT "PK_bookings" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bookings_offering" ON "bookings" ("offering_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bookings_client_starts" ON "bookings" ("client_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bookings_therapist_starts" ON "bookings" ("therapist_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "user_id" uuid NOT NULL,
                "key" text NOT NULL,
                "request_hash" text NOT NULL,
                "status_code" integer NOT NULL,
                "response_body" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("user_id", "key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_idempotency_keys_created" ON "idempotency_keys" ("created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_client" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_therapist" FOREIGN KEY ("therapist_id") REFERENCES "therapists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_offering" FOREIGN KEY ("offering_id") REFERENCES "offerings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_cancelled_by" FOREIGN KEY ("cancelled_by") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "idempotency_keys"
            ADD CONSTRAINT "FK_idempotency_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_idempotency_keys_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_cancelled_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_offering"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_therapist"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_client"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_idempotency_keys_created"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bookings_therapist_starts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bookings_client_starts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bookings_offering"
        `);
    await queryRunner.query(`
            DROP TABLE "bookings"
        `);
  }
}
