import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The locations feature's refusals, each with its message written once. */
export const locationErrors = {
  notFound: () => new NotFoundError(ErrorCode.LocationNotFound, 'The location'),
  roomNameTaken: () =>
    new AppError(ErrorCode.Conflict, 'This location already has a room of that name.'),
  /** The location has no room (or not enough units of a kind) fitted for the session at all. */
  notFitted: (what: string) =>
    new AppError(
      ErrorCode.NoRoomAvailable,
      `This location has no ${what} for this session; pick a therapist at another location.`,
    ),
  noRoom: (what: string) =>
    new AppError(
      ErrorCode.NoRoomAvailable,
      `No ${what} free for the whole session at this time; pick another time.`,
    ),
};
