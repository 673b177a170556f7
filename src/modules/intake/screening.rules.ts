import type { FlagStatus } from './intake-flag.entity.js';
import { contraindicationFor } from './intake.rules.js';
import type { FlagCode, IntakeAnswers, IntakeStatus, TechniqueSlug } from './intake.types.js';
import { GATE_MESSAGES } from './intake.errors.js';

/**
 * THE screening gate, as a pure function of the client's latest unexpired intake. Booking,
 * re-screening after a new intake or a review, and the review deadline all ask it, so the answer
 * for a booking never depends on which request asks.
 */

/** How long before the start a clot review must be approved for a kept booking. */
export const CLOT_REVIEW_LEAD_MS = 24 * 3_600_000;

export interface GateIntake {
  status: IntakeStatus;
  pregnant: boolean;
  clotScreened: boolean;
  answers: IntakeAnswers;
  flags: readonly { code: FlagCode; status: FlagStatus }[];
}

export interface GateBooking {
  technique: TechniqueSlug;
  /** The therapist holds a verified prenatal certification through the session's end. */
  prenatalCertified: boolean;
}

export type GateRefusalCode =
  | 'INTAKE_BLOCKED'
  | 'TECHNIQUE_CONTRAINDICATED'
  | 'PRENATAL_SCREENING_REQUIRED'
  | 'CLOT_REVIEW_PENDING'
  | 'THERAPIST_NOT_QUALIFIED';

export interface GateRefusal {
  code: GateRefusalCode;
  detail: string;
}

/** Prenatal: the technique is `prenatal`, or the latest intake says pregnant. */
export function isPrenatal(
  intake: Pick<GateIntake, 'pregnant'> | null,
  technique: string,
): boolean {
  return technique === 'prenatal' || intake?.pregnant === true;
}

const unapproved = (intake: GateIntake, code: FlagCode) =>
  intake.flags.some((flag) => flag.code === code && flag.status !== 'approved');

/**
 * Why the gate refuses this booking for this intake (null: it may go ahead). `assumeClotApproved`
 * asks what would remain once a clinician approves an open clot risk.
 */
export function gateRefusal(
  intake: GateIntake | null,
  booking: GateBooking,
  assumeClotApproved = false,
): GateRefusal | null {
  if (intake && (intake.status === 'blocked' || unapproved(intake, 'RED_FLAG_RETRACTED'))) {
    return { code: 'INTAKE_BLOCKED', detail: GATE_MESSAGES.INTAKE_BLOCKED };
  }
  if (intake) {
    const contraindication = contraindicationFor(intake.answers, booking.technique);
    if (contraindication) {
      return { code: 'TECHNIQUE_CONTRAINDICATED', detail: contraindication.reasons.join(' ') };
    }
  }
  const prenatal = isPrenatal(intake, booking.technique);
  if (prenatal && !intake?.clotScreened) {
    return {
      code: 'PRENATAL_SCREENING_REQUIRED',
      detail: GATE_MESSAGES.PRENATAL_SCREENING_REQUIRED,
    };
  }
  if (intake && !assumeClotApproved && unapproved(intake, 'CLOT_RISK')) {
    return { code: 'CLOT_REVIEW_PENDING', detail: GATE_MESSAGES.CLOT_REVIEW_PENDING };
  }
  if (prenatal && !booking.prenatalCertified) {
    return { code: 'THERAPIST_NOT_QUALIFIED', detail: GATE_MESSAGES.THERAPIST_NOT_QUALIFIED };
  }
  return null;
}

export type Rescreening =
  | { action: 'keep' }
  | { action: 'await-review'; deadline: number }
  | { action: 'cancel'; code: GateRefusalCode };

/**
 * What a new intake, a review or the passing of time does to a booking already made. A booking
 * that waits only for an open clot review is kept until 24 hours before its start; any other
 * refusal (a rejected clot risk included) cancels it.
 */
export function rescreen(
  intake: GateIntake | null,
  booking: GateBooking & { startsAt: number },
  now: number,
): Rescreening {
  const refusal = gateRefusal(intake, booking);
  if (!refusal) return { action: 'keep' };
  if (refusal.code !== 'CLOT_REVIEW_PENDING') return { action: 'cancel', code: refusal.code };
  const remaining = gateRefusal(intake, booking, true);
  if (remaining) return { action: 'cancel', code: remaining.code };
  const rejected = intake!.flags.some((f) => f.code === 'CLOT_RISK' && f.status === 'rejected');
  const deadline = booking.startsAt - CLOT_REVIEW_LEAD_MS;
  if (rejected || deadline <= now) return { action: 'cancel', code: 'CLOT_REVIEW_PENDING' };
  return { action: 'await-review', deadline };
}
