import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { GateRefusal, GateRefusalCode } from './screening.rules.js';

/**
 * What the screening gate tells a client it refuses (a contraindication gives its own reasons,
 * the guidance table's words).
 */
export const GATE_MESSAGES: Record<
  Exclude<GateRefusalCode, 'TECHNIQUE_CONTRAINDICATED'>,
  string
> = {
  INTAKE_BLOCKED:
    'Your screening found symptoms that need a doctor first: please call your primary care provider before booking a massage.',
  PRENATAL_SCREENING_REQUIRED:
    'A prenatal booking needs a current intake with the pregnancy and blood-clot questions answered.',
  CLOT_REVIEW_PENDING:
    'Your answers suggest a risk of blood clots, which must never be massaged: a clinician must review your intake before you can book.',
  THERAPIST_NOT_QUALIFIED:
    'A prenatal booking needs a therapist with a verified prenatal certification for the date of the session.',
};

const GATE_ERROR: Record<GateRefusalCode, ErrorCode> = {
  INTAKE_BLOCKED: ErrorCode.IntakeBlocked,
  TECHNIQUE_CONTRAINDICATED: ErrorCode.TechniqueContraindicated,
  PRENATAL_SCREENING_REQUIRED: ErrorCode.PrenatalScreeningRequired,
  CLOT_REVIEW_PENDING: ErrorCode.ClotReviewPending,
  THERAPIST_NOT_QUALIFIED: ErrorCode.TherapistNotQualified,
};

/** The intake feature's refusals, each with its message written once. */
export const intakeErrors = {
  notFound: () => new NotFoundError(ErrorCode.IntakeNotFound, 'The intake'),
  /** `GET /intakes/latest` of a client who never checked in. */
  noneYet: () => new AppError(ErrorCode.IntakeNotFound, 'You have not filled in an intake yet.'),
  expired: () =>
    new AppError(ErrorCode.IntakeExpired, 'This intake has expired; please fill in a new one.'),
  /** A booking named an older intake than the client's latest. */
  supersededForBooking: () =>
    new AppError(
      ErrorCode.IntakeSuperseded,
      'A newer check-in replaced this one; bookings follow your latest check-in.',
    ),
  /** Matches were asked of an older intake than the client's latest. */
  supersededForMatches: () =>
    new AppError(
      ErrorCode.IntakeSuperseded,
      'A newer check-in replaced this one; see the matches of your latest check-in.',
    ),
  gateRefused: (refusal: GateRefusal) => new AppError(GATE_ERROR[refusal.code], refusal.detail),
  flagNotFound: () => new NotFoundError(ErrorCode.FlagNotFound, 'The flag'),
  flagAlreadyResolved: (status: string) =>
    new AppError(ErrorCode.FlagAlreadyResolved, `This flag was already ${status}.`),
};
