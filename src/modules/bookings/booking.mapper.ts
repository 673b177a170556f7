import type { BookingResponse } from './dto/booking.dto.js';
import { Room } from '../locations/room.entity.js';
import { Booking } from './booking.entity.js';
import { MINUTE_MS } from '../../common/time/duration.js';

/** A booking as its client, therapist or an admin sees it: every field chosen here. */
export function toBookingResponse(booking: Booking): BookingResponse {
  if (booking.status === 'held') throw new Error('A waitlist hold is not a booking');
  return {
    id: booking.id,
    status: booking.status,
    clientId: booking.clientId,
    therapistId: booking.therapistId,
    offeringId: booking.offeringId,
    technique: booking.techniqueSlug,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    durationMinutes: Math.round(
      (booking.endsAt.getTime() - booking.startsAt.getTime()) / MINUTE_MS,
    ),
    priceCents: booking.priceCents,
    notes: booking.notes,
    intakeId: booking.intakeId,
    screening: booking.screening,
    screeningDeadline: booking.screeningDeadline?.toISOString() ?? null,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    cancelledBy: booking.cancellerRole,
    cancellationCode: booking.cancellationCode,
    cancellationReason: booking.cancellationReason,
    lateCancellation: booking.lateCancellation,
    rescheduledFromId: booking.rescheduledFromId,
    rescheduledToId: booking.rescheduledToId,
    locationId: booking.locationId,
    room: booking.room ? { id: booking.room.id, name: booking.room.name } : null,
    createdAt: booking.createdAt.toISOString(),
  };
}

/** A `bookings` row from raw SQL (RETURNING *) as the entity, with its room when it took one. */
export function bookingFromRow(
  row: Record<string, unknown>,
  room: { id: string; name: string } | null = null,
): Booking {
  return Object.assign(new Booking(), {
    locationId: row.location_id ?? null,
    roomId: row.room_id ?? null,
    room: room ? Object.assign(new Room(), room) : undefined,
    id: row.id,
    clientId: row.client_id,
    therapistId: row.therapist_id,
    offeringId: row.offering_id,
    techniqueSlug: row.technique_slug,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    occupiedUntil: row.occupied_until,
    priceCents: row.price_cents,
    status: row.status,
    notes: row.notes,
    intakeId: row.intake_id ?? null,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    cancellerRole: row.canceller_role,
    cancellationReason: row.cancellation_reason,
    cancellationCode: row.cancellation_code,
    screening: row.screening,
    screeningDeadline: row.screening_deadline,
    lateCancellation: row.late_cancellation,
    rescheduledFromId: row.rescheduled_from_id ?? null,
    rescheduledToId: row.rescheduled_to_id ?? null,
    seriesId: row.series_id ?? null,
    waitlistEntryId: row.waitlist_entry_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
