import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { dictionary } from '@zxcvbn-ts/language-common';
import { IsString, Length, ValidateBy } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;

/**
 * Whether a password is among the most common ones leaked in breaches (NIST SP 800-63B 5.1.1.2):
 * the 49,000-word list zxcvbn-ts keeps, compared without case. Only the entries the length rule
 * lets through are kept in memory.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    dictionary['passwords-common'].filter((entry) => entry.length >= PASSWORD_MIN_LENGTH),
  );
  return common.has(password.toLowerCase());
}

/** A new password: 10 to 128 characters, and not a commonly breached one. */
export function IsNewPassword(example = 'correct horse battery') {
  return applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, example }),
    IsString(),
    Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
      message: (args) => `${args.property} must be 10 to 128 characters`,
    }),
    ValidateBy({
      name: 'isNotCommonPassword',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !isCommonPassword(value),
        defaultMessage: (args) =>
          `${args?.property} is one of the most common passwords; choose another`,
      },
    }),
  );
}
