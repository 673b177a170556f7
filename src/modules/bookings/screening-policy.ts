import type { EntityManager } from 'typeorm';
import type { TechniqueSlug } from '../intake/intake.types.js';

export interface BookingScreeningRequest {
  clientId: string;
  therapistId: string;
  technique: TechniqueSlug;
  /** The intake the client named, if any: it must be the latest unexpired one. */
  intakeId?: string;
  /** The session's end: qualifications must hold through it. */
  endsAt: Date;
  now: Date;
}

/**
 * The seam through which client screening vetoes a booking (intake issue): it throws an AppError
 * with the refusal code, or answers the intake the booking rests on. It runs inside the booking's
 * transaction, so a racing intake change cannot slip a booking through.
 */
export interface BookingScreening {
  screen(
    manager: EntityManager,
    request: BookingScreeningRequest,
  ): Promise<{ intakeId: string | null }>;
}

export const BOOKING_SCREENING = Symbol('BOOKING_SCREENING');
