import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReschedulingAndWaitlist1796539341582 implements MigrationInterface {
  name = 'AddReschedulingAndWaitlist1796539341582';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "waitlist_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "client_id" uuid NOT NULL,
                "offering_id" uuid NOT NULL,
                "therapist_id" uuid,
                "window_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "window_to" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "fulfilled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_waitlist_entries_window" CHECK ("window_to" > "window_from"),
                CONSTRAINT "PK_waitlist_entries" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_waitlist_entries_client" ON "waitlist_entries" ("client_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_waitlist_entries_waiting" ON "waitlist_entries" ("created_at")
            WHERE "fulfilled_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "waitlist_offers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "entry_id" uuid NOT NULL,
                "therapist_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "hold_id" uuid,
                "booking_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_waitlist_offers_claimed" CHECK (
                    ("status" = 'claimed') = ("booking_id" IS NOT NULL)
                ),
                CONSTRAINT "CHK_waitlist_offers_status" CHECK (
                    "status" IN (
                        'open',
                        'claimed',
                        'declined',
                        'expired',
                        'withdrawn'
                    )
                ),
                CONSTRAINT "PK_waitlist_offers" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_waitlist_offers_therapist_time" ON "waitlist_offers" ("therapist_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_waitlist_offers_entry" ON "waitlist_offers" ("entry_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "rescheduled_from_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "rescheduled_to_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "series_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "waitlist_entry_id" uuid
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bookings_hold_per_entry" ON "bookings" ("waitlist_entry_id")
            WHERE "waitlist_entry_id" IS NOT NULL
        `);
    // Messages of moves and of waitlist offers.
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP CONSTRAINT "CHK_outbox_messages_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD CONSTRAINT "CHK_outbox_messages_kind" CHECK (
                "kind" IN (
                    'booking.confirmed',
                    'booking.cancelled',
                    'booking.completed',
                    'booking.reminder',
                    'booking.rescheduled',
                    'waitlist.offer',
                    'intake-flag.decided',
                    'certification.verified',
                    'certification.rejected',
                    'certification.revoked',
                    'account.email-verification',
                    'account.password-reset',
                    'account.password-changed'
                )
            )
        `);
    // Rescheduled bookings free their time, holds take it: the constraint's live rows change.
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "EXC_bookings_no_overlap"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "EXC_bookings_no_overlap" EXCLUDE USING gist (
                    "therapist_id" WITH =,
                    tstzrange("starts_at", "occupied_until", '[)') WITH &&
                )
            WHERE ("status" NOT IN ('cancelled', 'rescheduled'))
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_status" CHECK (
                    "status" IN (
                        'confirmed',
                        'cancelled',
                        'completed',
                        'no-show',
                        'rescheduled',
                        'held'
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_hold" CHECK (
                    ("status" = 'held') = ("waitlist_entry_id" IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_rescheduled" CHECK (
                    ("status" = 'rescheduled') = ("rescheduled_to_id" IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_entries"
            ADD CONSTRAINT "FK_waitlist_entries_client" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_entries"
            ADD CONSTRAINT "FK_waitlist_entries_offering" FOREIGN KEY ("offering_id") REFERENCES "offerings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_entries"
            ADD CONSTRAINT "FK_waitlist_entries_therapist" FOREIGN KEY ("therapist_id") REFERENCES "therapists"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_rescheduled_from" FOREIGN KEY ("rescheduled_from_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_rescheduled_to" FOREIGN KEY ("rescheduled_to_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_waitlist_entry" FOREIGN KEY ("waitlist_entry_id") REFERENCES "waitlist_entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_offers"
            ADD CONSTRAINT "FK_waitlist_offers_entry" FOREIGN KEY ("entry_id") REFERENCES "waitlist_entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_offers"
            ADD CONSTRAINT "FK_waitlist_offers_hold" FOREIGN KEY ("hold_id") REFERENCES "bookings"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_offers"
            ADD CONSTRAINT "FK_waitlist_offers_booking" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "waitlist_offers" DROP CONSTRAINT "FK_waitlist_offers_booking"
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_offers" DROP CONSTRAINT "FK_waitlist_offers_hold"
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_offers" DROP CONSTRAINT "FK_waitlist_offers_entry"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_waitlist_entry"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_rescheduled_to"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_rescheduled_from"
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_entries" DROP CONSTRAINT "FK_waitlist_entries_therapist"
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_entries" DROP CONSTRAINT "FK_waitlist_entries_offering"
        `);
    await queryRunner.query(`
            ALTER TABLE "waitlist_entries" DROP CONSTRAINT "FK_waitlist_entries_client"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_rescheduled"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_hold"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bookings_hold_per_entry"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "waitlist_entry_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "series_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "rescheduled_to_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "rescheduled_from_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_waitlist_offers_entry"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_waitlist_offers_therapist_time"
        `);
    await queryRunner.query(`
            DROP TABLE "waitlist_offers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_waitlist_entries_waiting"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_waitlist_entries_client"
        `);
    await queryRunner.query(`
            DROP TABLE "waitlist_entries"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_status" CHECK (
                    "status" IN ('confirmed', 'cancelled', 'completed', 'no-show')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "EXC_bookings_no_overlap"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "EXC_bookings_no_overlap" EXCLUDE USING gist (
                    "therapist_id" WITH =,
                    tstzrange("starts_at", "occupied_until", '[)') WITH &&
                )
            WHERE ("status" <> 'cancelled')
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP CONSTRAINT "CHK_outbox_messages_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD CONSTRAINT "CHK_outbox_messages_kind" CHECK (
                "kind" IN (
                    'booking.confirmed',
                    'booking.cancelled',
                    'booking.completed',
                    'booking.reminder',
                    'intake-flag.decided',
                    'certification.verified',
                    'certification.rejected',
                    'certification.revoked',
                    'account.email-verification',
                    'account.password-reset',
                    'account.password-changed'
                )
            )
        `);
  }
}
