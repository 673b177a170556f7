import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export const invalidCredentials = () =>
  new AppError(ErrorCode.InvalidCredentials, 'The email or password is incorrect.');

export const tooManyFailures = () =>
  new AppError(
    ErrorCode.RateLimited,
    'Too many failed logins for this account; try again in 15 minutes.',
  );

export const passwordIncorrect = () =>
  new AppError(ErrorCode.PasswordIncorrect, 'The current password is not correct.');

export const resetTokenInvalid = () =>
  new AppError(
    ErrorCode.ResetTokenInvalid,
    'This reset link was already used or has expired; ask for a new one.',
  );

export const verificationTokenInvalid = () =>
  new AppError(
    ErrorCode.VerificationTokenInvalid,
    'This confirmation link is not valid any more; ask for a new one.',
  );

/** Any first-run link once the spa has an administrator, and any link that never was one. */
export const setupLinkInvalid = () =>
  new AppError(
    ErrorCode.SetupLinkInvalid,
    'This setup link does not work: it is not one we made, or the spa already has an administrator.',
  );
