import type { EntityManager } from 'typeorm';
import type { TechniqueSlug } from '../intake/intake.types.js';

export interface BookingScreeningRequest {
  clientId: string;
  technique: TechniqueSlug;
  /** The intake the client named, if any: it must be the latest unexpired one. */
  intakeId?: string;
  /**
   * The therapist holds a verified prenatal certification through the session's end, as read by
   * the booking under its lock on the therapist: needed when the intake makes the session prenatal.
   */
  prenatalCertified: boolean;
  now: Date;
}

/**
 * The seam through which client screening vetoes a booking (intake issue): it throws an AppError
 * with the refusal code, or answers the intake the booking rests on. It runs inside the booking's
 * transaction, so a racing intake change cannot slip a booking through.
 */
export interface BookingScreening {
  /** Takes the client's screening lock (the last of a booking's locks) for this transaction. */
  lockClient(manager: EntityManager, clientId: string): Promise<void>;
  screen(
    manager: EntityManager,
    request: BookingScreeningRequest,
  ): Promise<{ intakeId: string | null }>;
}

export const BOOKING_SCREENING = Symbol('BOOKING_SCREENING');
