import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSessions1796535483078 implements MigrationInterface {
  name = 'AddSessions1796535483078';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "account_tokens" (
                "token_hash" bytea NOT NULL,
                "user_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_account_tokens_purpose" CHECK (
                    "purpose" IN ('password-reset', 'email-verification')
                ),
                CONSTRAINT "PK_account_tokens" PRIMARY KEY ("token_hash")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_account_tokens_user" ON "account_tokens" ("user_id", "purpose")
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" text,
                CONSTRAINT "CHK_sessions_end" CHECK (
                    ("revoked_at" IS NULL) = ("revoked_reason" IS NULL)
                    AND (
                        "revoked_reason" IS NULL
                        OR "revoked_reason" IN (
                            'logout',
                            'password-change',
                            'password-reset',
                            'erasure',
                            'refresh-reuse',
                            'admin-password'
                        )
                    )
                ),
                CONSTRAINT "PK_sessions" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_sessions_user" ON "sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "token_hash" bytea NOT NULL,
                "session_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("token_hash")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_refresh_tokens_session" ON "refresh_tokens" ("session_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "email_verified_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "erased_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "account_tokens"
            ADD CONSTRAINT "FK_account_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
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
    // Login attempts are counted by the address's hash: the table names no one. The rows are
    // fifteen-minute counters, so the old ones are simply dropped.
    await queryRunner.query(`
            DROP INDEX "public"."IDX_login_failures_email_failed_at"
        `);
    await queryRunner.query(`
            DELETE FROM "login_failures"
        `);
    await queryRunner.query(`
            ALTER TABLE "login_failures" DROP COLUMN "email"
        `);
    await queryRunner.query(`
            ALTER TABLE "login_failures"
            ADD "email_hash" bytea NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_login_failures_email_hash_failed_at" ON "login_failures" ("email_hash", "failed_at")
        `);
    // Every instance caches live sessions; these tell them, at commit, what no longer holds:
    // a session ended or was deleted (s:<id>), a user's role or password changed, or the user
    // was erased or deleted (u:<id>) — whatever path made the change, SQL by hand included.
    await queryRunner.query(`
            CREATE FUNCTION "unknot_notify_auth_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(
                    'unknot_auth',
                    CASE TG_TABLE_NAME WHEN 'sessions' THEN 's:' ELSE 'u:' END || OLD.id::text
                );
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_sessions_notify_end"
            AFTER UPDATE OF "revoked_at" OR DELETE ON "sessions"
            FOR EACH ROW EXECUTE FUNCTION "unknot_notify_auth_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_users_notify_change"
            AFTER UPDATE OF "role", "password_hash", "erased_at" OR DELETE ON "users"
            FOR EACH ROW EXECUTE FUNCTION "unknot_notify_auth_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_users_notify_change" ON "users"`);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_login_failures_email_hash_failed_at"
        `);
    await queryRunner.query(`
            DELETE FROM "login_failures"
        `);
    await queryRunner.query(`
            ALTER TABLE "login_failures" DROP COLUMN "email_hash"
        `);
    await queryRunner.query(`
            ALTER TABLE "login_failures"
            ADD "email" citext NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_login_failures_email_failed_at" ON "login_failures" ("email", "failed_at")
        `);
    await queryRunner.query(`DROP TRIGGER "TRG_sessions_notify_end" ON "sessions"`);
    await queryRunner.query(`DROP FUNCTION "unknot_notify_auth_change"()`);
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
                    'certification.revoked'
                )
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_session"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_sessions_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "account_tokens" DROP CONSTRAINT "FK_account_tokens_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "erased_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "email_verified_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_refresh_tokens_session"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_sessions_user"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_account_tokens_user"
        `);
    await queryRunner.query(`
            DROP TABLE "account_tokens"
        `);
  }
}
