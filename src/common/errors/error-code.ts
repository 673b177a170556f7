/**
 * Stable machine codes of problem answers, part of the public contract (the README's API section
 * and the served OpenAPI document): never rename one; add a code only when something throws it,
 * and give it a status in `statusOf` below.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UriTooLong = 'URI_TOO_LONG',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  RateLimited = 'RATE_LIMITED',
  InternalError = 'INTERNAL_ERROR',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** A write refused by a database constraint the request could not have known about. */
  Conflict = 'CONFLICT',
  /** A concurrent change won (deadlock or serialization failure); retrying is safe. */
  ConcurrentUpdate = 'CONCURRENT_UPDATE',

  EmailTaken = 'EMAIL_TAKEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  PasswordIncorrect = 'PASSWORD_INCORRECT',
  ResetTokenInvalid = 'RESET_TOKEN_INVALID',
  VerificationTokenInvalid = 'VERIFICATION_TOKEN_INVALID',
  LastAdmin = 'LAST_ADMIN',

  OfferingNotFound = 'OFFERING_NOT_FOUND',
  TherapistNotFound = 'THERAPIST_NOT_FOUND',
  ProfileRequired = 'PROFILE_REQUIRED',
  CertificationNotFound = 'CERTIFICATION_NOT_FOUND',
  CertificationAlreadyDecided = 'CERTIFICATION_ALREADY_DECIDED',
  CertificationNotVerified = 'CERTIFICATION_NOT_VERIFIED',
  TechniqueInUse = 'TECHNIQUE_IN_USE',
  TimeOffNotFound = 'TIME_OFF_NOT_FOUND',
  PhotoNotFound = 'PHOTO_NOT_FOUND',
  UnsupportedImage = 'UNSUPPORTED_IMAGE',
  ImageTooLarge = 'IMAGE_TOO_LARGE',

  BookingNotFound = 'BOOKING_NOT_FOUND',
  SlotUnavailable = 'SLOT_UNAVAILABLE',
  SlotTaken = 'SLOT_TAKEN',
  BookingInPast = 'BOOKING_IN_PAST',
  BookingNotStarted = 'BOOKING_NOT_STARTED',
  TherapistNotQualified = 'THERAPIST_NOT_QUALIFIED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  InvalidTransition = 'INVALID_TRANSITION',
  BeyondBookingHorizon = 'BEYOND_BOOKING_HORIZON',
  TooLateToReschedule = 'TOO_LATE_TO_RESCHEDULE',

  IntakeNotFound = 'INTAKE_NOT_FOUND',
  IntakeExpired = 'INTAKE_EXPIRED',
  IntakeBlocked = 'INTAKE_BLOCKED',
  IntakeSuperseded = 'INTAKE_SUPERSEDED',
  PrenatalScreeningRequired = 'PRENATAL_SCREENING_REQUIRED',
  ClotReviewPending = 'CLOT_REVIEW_PENDING',
  TechniqueContraindicated = 'TECHNIQUE_CONTRAINDICATED',
  FlagNotFound = 'FLAG_NOT_FOUND',
  FlagAlreadyResolved = 'FLAG_ALREADY_RESOLVED',

  WaitlistEntryNotFound = 'WAITLIST_ENTRY_NOT_FOUND',
  OfferNotFound = 'OFFER_NOT_FOUND',
  OfferNotOpen = 'OFFER_NOT_OPEN',
  WaitlistFull = 'WAITLIST_FULL',

  LocationNotFound = 'LOCATION_NOT_FOUND',
  NoRoomAvailable = 'NO_ROOM_AVAILABLE',
}

/** The HTTP status of each code. The exhaustive switch makes a new code without a status a compile error. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.MalformedJson:
    case ErrorCode.ResetTokenInvalid:
    case ErrorCode.VerificationTokenInvalid:
      return 400;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.PasswordIncorrect:
      return 403;
    case ErrorCode.NotFound:
    case ErrorCode.RouteNotFound:
    case ErrorCode.OfferingNotFound:
    case ErrorCode.TherapistNotFound:
    case ErrorCode.CertificationNotFound:
    case ErrorCode.TimeOffNotFound:
    case ErrorCode.PhotoNotFound:
    case ErrorCode.BookingNotFound:
    case ErrorCode.IntakeNotFound:
    case ErrorCode.FlagNotFound:
    case ErrorCode.WaitlistEntryNotFound:
    case ErrorCode.OfferNotFound:
    case ErrorCode.LocationNotFound:
      return 404;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.EmailTaken:
    case ErrorCode.SlotUnavailable:
    case ErrorCode.SlotTaken:
    case ErrorCode.InvalidTransition:
    case ErrorCode.CertificationAlreadyDecided:
    case ErrorCode.FlagAlreadyResolved:
    case ErrorCode.ProfileRequired:
    case ErrorCode.Conflict:
    case ErrorCode.ConcurrentUpdate:
    case ErrorCode.CertificationNotVerified:
    case ErrorCode.TechniqueInUse:
    case ErrorCode.LastAdmin:
    case ErrorCode.OfferNotOpen:
    case ErrorCode.WaitlistFull:
    case ErrorCode.NoRoomAvailable:
      return 409;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.UriTooLong:
      return 414;
    case ErrorCode.UnsupportedMediaType:
    case ErrorCode.UnsupportedImage:
      return 415;
    case ErrorCode.ImageTooLarge:
    case ErrorCode.BookingInPast:
    case ErrorCode.BookingNotStarted:
    case ErrorCode.TherapistNotQualified:
    case ErrorCode.IdempotencyKeyReused:
    case ErrorCode.IntakeExpired:
    case ErrorCode.IntakeBlocked:
    case ErrorCode.PrenatalScreeningRequired:
    case ErrorCode.ClotReviewPending:
    case ErrorCode.TechniqueContraindicated:
    case ErrorCode.IntakeSuperseded:
    case ErrorCode.BeyondBookingHorizon:
    case ErrorCode.TooLateToReschedule:
      return 422;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.InternalError:
      return 500;
    case ErrorCode.ServiceUnavailable:
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for error code ${String(unhandled)}`);
    }
  }
}
