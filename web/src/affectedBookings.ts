import type { Schemas } from './api/client';

type AffectedBooking = Schemas['AffectedBookingResponse'];

/**
 * The upcoming bookings each intake filed from this page changed. Only the answer to filing it
 * lists them, so they are kept in memory for its result screen; My bookings shows them for good.
 */
const byIntake = new Map<string, AffectedBooking[]>();

export const affectedBookings = {
  remember: (intakeId: string, bookings: AffectedBooking[]) => byIntake.set(intakeId, bookings),
  of: (intakeId: string): AffectedBooking[] => byIntake.get(intakeId) ?? [],
};
