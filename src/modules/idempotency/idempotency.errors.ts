import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

export const idempotencyKeyReused = () =>
  new AppError(
    ErrorCode.IdempotencyKeyReused,
    'This Idempotency-Key was used with another request body; use a new key.',
  );
