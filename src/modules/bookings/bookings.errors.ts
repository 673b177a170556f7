import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The bookings feature's refusals, each with its message written once. */
export const bookingErrors = {
  notFound: () => new NotFoundError(ErrorCode.BookingNotFound, 'The booking'),
  slotTaken: () =>
    new AppError(ErrorCode.SlotTaken, 'Another booking holds this time; pick another slot.'),
  slotUnavailable: () =>
    new AppError(
      ErrorCode.SlotUnavailable,
      'The therapist does not work at this time (outside weekly hours, in time off, or off the 15-minute grid).',
    ),
  inPast: () =>
    new AppError(ErrorCode.BookingInPast, 'This time is in the past; pick a future slot.'),
  beyondHorizon: (horizonDays: number) =>
    new AppError(
      ErrorCode.BeyondBookingHorizon,
      `Sessions can be booked at most ${horizonDays} days ahead; pick an earlier time.`,
    ),
  therapistNotQualified: (technique: string) =>
    new AppError(
      ErrorCode.TherapistNotQualified,
      `This therapist is not certified to offer ${technique} on the date of this session (a verified licence${
        technique === 'prenatal' ? ' and prenatal certification' : ''
      } valid through the session and the technique in their profile are needed).`,
    ),
  concurrentUpdate: () =>
    new AppError(
      ErrorCode.ConcurrentUpdate,
      'Another change happened at the same moment; please try again.',
    ),
  notStarted: () => new AppError(ErrorCode.BookingNotStarted, 'The session has not started yet.'),
  alreadyStarted: () =>
    new AppError(
      ErrorCode.InvalidTransition,
      'The session has already started; it can no longer be cancelled.',
    ),
  cannotMoveStarted: () =>
    new AppError(
      ErrorCode.InvalidTransition,
      'The session has already started; it can no longer be moved.',
    ),
  tooLateToReschedule: (noticeHours: number) =>
    new AppError(
      ErrorCode.TooLateToReschedule,
      `A session can be moved up to ${noticeHours} hours before it starts; please contact the spa.`,
    ),
  therapistMovesOwnOnly: () =>
    new AppError(
      ErrorCode.Forbidden,
      'A therapist can move their own sessions only; the spa can hand one to a colleague.',
    ),
  cannotChange: (status: string) =>
    new AppError(ErrorCode.InvalidTransition, `A ${status} booking cannot be changed.`),
};
