import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Booking } from '../bookings/booking.entity.js';
import { EquipmentUnit } from './equipment-unit.entity.js';

/**
 * A unit of equipment a booking claims (the locations module's table: ResourcesService writes
 * it inside the booking's transaction), with the booking's occupied time copied so that the
 * exclusion constraint can keep two live claims of one unit apart. `live` follows the booking's
 * status: a trigger (migration AddLocationsAndRooms) sets it on every status change, so a
 * cancellation or a reschedule frees the unit by whatever path it happens.
 */
@Entity('booking_units')
@Exclusion(
  'EXC_booking_units_no_overlap',
  `USING gist ("unit_id" WITH =, tstzrange("starts_at", "occupied_until", '[)') WITH &&) WHERE ("live")`,
)
@Index('IX_booking_units_unit', ['unitId'])
export class BookingUnit {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_booking_units' })
  bookingId!: string;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id', foreignKeyConstraintName: 'FK_booking_units_booking' })
  booking?: Booking;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_booking_units' })
  unitId!: string;

  @ManyToOne(() => EquipmentUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_booking_units_unit' })
  unit?: EquipmentUnit;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  occupiedUntil!: Date;

  @Column({ type: 'boolean', default: true })
  live!: boolean;
}
