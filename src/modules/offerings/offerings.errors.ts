import { NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The offerings feature's refusals, each with its message written once. */
export const offeringErrors = {
  notFound: () => new NotFoundError(ErrorCode.OfferingNotFound, 'The offering'),
};
