import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export const sessionEnded = () =>
  new AppError(ErrorCode.Unauthenticated, 'Your session has ended; sign in again.');
