import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** The therapists feature's refusals, each with its message written once. */
export const therapistErrors = {
  notFound: () => new NotFoundError(ErrorCode.TherapistNotFound, 'The therapist'),
  profileRequired: () =>
    new AppError(ErrorCode.ProfileRequired, 'Set up your profile first (PUT /therapists/me).'),
  techniqueInUse: () =>
    new AppError(
      ErrorCode.TechniqueInUse,
      'You have upcoming sessions of a technique you are removing; cancel or hold them before removing it from your profile.',
    ),
  photoNotFound: () => new NotFoundError(ErrorCode.PhotoNotFound, 'The photo'),
  unsupportedImage: () =>
    new AppError(
      ErrorCode.UnsupportedImage,
      'The photo must be a JPEG, PNG or WebP picture, and this file is not one.',
    ),
  imageTooLarge: () =>
    new AppError(
      ErrorCode.ImageTooLarge,
      'The photo has more pixels than we can take (at most 50 megapixels); please send a smaller one.',
    ),
  certificationNotFound: () =>
    new NotFoundError(ErrorCode.CertificationNotFound, 'The certification'),
  certificationAlreadyDecided: (status: string) =>
    new AppError(
      ErrorCode.CertificationAlreadyDecided,
      `This certification was already ${status}.`,
    ),
  certificationNotVerified: (status: string) =>
    new AppError(
      ErrorCode.CertificationNotVerified,
      `Only a verified certification can be revoked; this one is ${status}.`,
    ),
};
