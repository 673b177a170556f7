import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLocationsAndRooms1796542790633 implements MigrationInterface {
  name = 'AddLocationsAndRooms1796542790633';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "locations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "address" text NOT NULL,
                "timezone" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_locations_address" CHECK (
                    length(btrim("address")) BETWEEN 1 AND 300
                ),
                CONSTRAINT "CHK_locations_name" CHECK (
                    length(btrim("name")) BETWEEN 1 AND 100
                ),
                CONSTRAINT "PK_locations" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "rooms" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "location_id" uuid NOT NULL,
                "name" text NOT NULL,
                "features" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_rooms_name" CHECK (
                    length(btrim("name")) BETWEEN 1 AND 100
                ),
                CONSTRAINT "PK_rooms" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_rooms_location_name" ON "rooms" ("location_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "equipment_units" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "location_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_equipment_units_name" CHECK (
                    length(btrim("name")) BETWEEN 1 AND 100
                ),
                CONSTRAINT "CHK_equipment_units_kind" CHECK ("kind" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                CONSTRAINT "PK_equipment_units" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_equipment_units_location_kind" ON "equipment_units" ("location_id", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "booking_units" (
                "booking_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "occupied_until" TIMESTAMP WITH TIME ZONE NOT NULL,
                "live" boolean NOT NULL DEFAULT true,
                CONSTRAINT "EXC_booking_units_no_overlap" EXCLUDE USING gist (
                    "unit_id" WITH =,
                    tstzrange("starts_at", "occupied_until", '[)') WITH &&
                )
                WHERE ("live"),
                    CONSTRAINT "PK_booking_units" PRIMARY KEY ("booking_id", "unit_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IX_booking_units_unit" ON "booking_units" ("unit_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "offerings"
            ADD "requires" jsonb NOT NULL DEFAULT '{"equipment": [], "roomFeatures": []}'
        `);
    await queryRunner.query(`
            ALTER TABLE "therapists"
            ADD "location_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "location_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD "room_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_windows"
            ADD "location_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "CHK_bookings_room_location" CHECK (
                    "room_id" IS NULL
                    OR "location_id" IS NOT NULL
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "EXC_bookings_room_no_overlap" EXCLUDE USING gist (
                    "room_id" WITH =,
                    tstzrange("starts_at", "occupied_until", '[)') WITH &&
                )
            WHERE (
                    "room_id" IS NOT NULL
                    AND "status" NOT IN ('cancelled', 'rescheduled')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "rooms"
            ADD CONSTRAINT "FK_rooms_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "therapists"
            ADD CONSTRAINT "FK_therapists_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings"
            ADD CONSTRAINT "FK_bookings_room" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "equipment_units"
            ADD CONSTRAINT "FK_equipment_units_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "booking_units"
            ADD CONSTRAINT "FK_booking_units_booking" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "booking_units"
            ADD CONSTRAINT "FK_booking_units_unit" FOREIGN KEY ("unit_id") REFERENCES "equipment_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_windows"
            ADD CONSTRAINT "FK_availability_windows_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // A booking's equipment is held while the booking is: live follows its status, whatever
    // statement changes it (a cancellation, a reschedule, a hold turned into a booking).
    await queryRunner.query(`
            CREATE FUNCTION "unknot_booking_units_follow_status"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "booking_units"
                   SET "live" = NEW."status" NOT IN ('cancelled', 'rescheduled')
                 WHERE "booking_id" = NEW."id";
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_bookings_units_follow_status"
            AFTER UPDATE OF "status" ON "bookings"
            FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
            EXECUTE FUNCTION "unknot_booking_units_follow_status"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_bookings_units_follow_status" ON "bookings"`);
    await queryRunner.query(`DROP FUNCTION "unknot_booking_units_follow_status"()`);
    await queryRunner.query(`
            ALTER TABLE "availability_windows" DROP CONSTRAINT "FK_availability_windows_location"
        `);
    await queryRunner.query(`
            ALTER TABLE "booking_units" DROP CONSTRAINT "FK_booking_units_unit"
        `);
    await queryRunner.query(`
            ALTER TABLE "booking_units" DROP CONSTRAINT "FK_booking_units_booking"
        `);
    await queryRunner.query(`
            ALTER TABLE "equipment_units" DROP CONSTRAINT "FK_equipment_units_location"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_room"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "FK_bookings_location"
        `);
    await queryRunner.query(`
            ALTER TABLE "therapists" DROP CONSTRAINT "FK_therapists_location"
        `);
    await queryRunner.query(`
            ALTER TABLE "rooms" DROP CONSTRAINT "FK_rooms_location"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "EXC_bookings_room_no_overlap"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP CONSTRAINT "CHK_bookings_room_location"
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_windows" DROP COLUMN "location_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "room_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "bookings" DROP COLUMN "location_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "therapists" DROP COLUMN "location_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "offerings" DROP COLUMN "requires"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_booking_units_unit"
        `);
    await queryRunner.query(`
            DROP TABLE "booking_units"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IX_equipment_units_location_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "equipment_units"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_rooms_location_name"
        `);
    await queryRunner.query(`
            DROP TABLE "rooms"
        `);
    await queryRunner.query(`
            DROP TABLE "locations"
        `);
  }
}
