import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The waitlist's refusals, each with its message written once. */
export const waitlistErrors = {
  entryNotFound: () => new NotFoundError(ErrorCode.WaitlistEntryNotFound, 'The waitlist entry'),
  offerNotFound: () => new NotFoundError(ErrorCode.OfferNotFound, 'The offer'),
  offerClosed: () =>
    new AppError(
      ErrorCode.OfferNotOpen,
      'This offer has ended (it expired, or was claimed or declined); the time is no longer held.',
    ),
  full: (most: number) =>
    new AppError(
      ErrorCode.WaitlistFull,
      `You are waiting for ${most} times already; leave one of them to join for another.`,
    ),
};
