import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNotifications1796170267463 implements MigrationInterface {
  name = 'AddNotifications1796170267463';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification_preferences" (
                "user_id" uuid NOT NULL,
                "reminders" boolean NOT NULL DEFAULT true,
                "timezone" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_notification_preferences" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" text NOT NULL,
                "recipient_id" uuid,
                "recipient_email" text NOT NULL,
                "subject" text NOT NULL,
                "payload" jsonb NOT NULL,
                "booking_id" uuid,
                "calendar_uid" text,
                "calendar_sequence" integer,
                "dedupe_key" text,
                "status" text NOT NULL DEFAULT 'queued',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "claim_token" uuid,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_outbox_messages_calendar" CHECK (
                    ("calendar_uid" IS NULL) = ("calendar_sequence" IS NULL)
                    AND (
                        "calendar_sequence" IS NULL
                        OR "calendar_sequence" >= 0
                    )
                ),
                CONSTRAINT "CHK_outbox_messages_sent" CHECK (("status" = 'sent') = ("sent_at" IS NOT NULL)),
                CONSTRAINT "CHK_outbox_messages_attempts" CHECK ("attempts" >= 0),
                CONSTRAINT "CHK_outbox_messages_claim" CHECK (
                    ("status" = 'sending') = ("claim_token" IS NOT NULL)
                ),
                CONSTRAINT "CHK_outbox_messages_status" CHECK (
                    "status" IN (
                        'queued',
                        'sending',
                        'sent',
                        'failed',
                        'superseded'
                    )
                ),
                CONSTRAINT "CHK_outbox_messages_kind" CHECK (
                    "kind" IN (
                        'booking.confirmed',
                        'booking.cancelled',
                        'booking.completed',
                        'booking.reminder',
                        'intake-flag.decided',
                        'certification.verified',
                        'certification.rejected',
                        'certification.revoked'
                    )
                ),
                CONSTRAINT "PK_outbox_messages" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_outbox_messages_dedupe_key" ON "outbox_messages" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_outbox_messages_booking" ON "outbox_messages" ("booking_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_outbox_messages_created" ON "outbox_messages" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_outbox_messages_calendar_uid" ON "outbox_messages" ("calendar_uid")
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_outbox_messages_status_created" ON "outbox_messages" ("status", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "FK_notification_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD CONSTRAINT "FK_outbox_messages_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP CONSTRAINT "FK_outbox_messages_recipient"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_notification_preferences_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_outbox_messages_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_outbox_messages_calendar_uid"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_outbox_messages_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_outbox_messages_booking"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_outbox_messages_dedupe_key"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_preferences"
        `);
  }
}
