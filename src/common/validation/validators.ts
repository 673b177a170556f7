import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { DateTime, IANAZone } from 'luxon';
import { isInstant } from '../time/instant.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A required human-written line of text: trimmed, 1..max characters. */
export function IsText(max: number, example?: string) {
  return applyDecorators(
    ApiProperty({ minLength: 1, maxLength: max, example }),
    Transform(trim),
    IsString(),
    Length(1, max),
  );
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * An optional phone number in E.164 (`+351912345678`); spaces, dots, dashes and brackets people
 * type between digits are dropped first. `null` is accepted (it clears the number).
 */
export function IsOptionalPhone() {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      pattern: E164.source,
      example: '+351912345678',
      description: 'E.164, with the country code; null removes it',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.replace(/[\s.()-]/g, '') : value,
    ),
    IsString(),
    Matches(E164, {
      message: (args) =>
        `${args.property} must be a phone number with its country code, e.g. +351912345678`,
    }),
  );
}

/**
 * An optional line of text that, when given, may not be null or empty (a PATCH that leaves a
 * required column alone): trimmed, 1..max characters.
 */
export function IsOptionalLine(max: number, example?: string) {
  return applyDecorators(
    ApiPropertyOptional({ minLength: 1, maxLength: max, example }),
    ValidateIf((_object, value) => value !== undefined),
    Transform(trim),
    IsString(),
    Length(1, max),
  );
}

/** An optional free-text note: trimmed, at most `max` characters. */
export function IsOptionalText(max: number, example?: string) {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: max, example }),
    IsOptional(),
    Transform(trim),
    IsString(),
    MaxLength(max),
  );
}

/** An IANA time zone name that the time-zone database knows (e.g. Europe/Lisbon). */
export function IsTimeZone() {
  return applyDecorators(
    ApiProperty({ example: 'Europe/Lisbon', description: 'IANA time zone' }),
    IsString(),
    MaxLength(64),
    ValidateBy({
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value),
        defaultMessage: (args) =>
          `${args?.property} must be a known IANA time zone, e.g. Europe/Lisbon`,
      },
    }),
  );
}

/** An ISO 8601 instant with an explicit offset (`2026-12-01T15:00:00Z`), as the API requires (README, API section). */
export function IsInstant(options: { required?: boolean; example?: string } = {}) {
  const required = options.required ?? true;
  const doc = { format: 'date-time', example: options.example ?? '2026-12-01T15:00:00Z' };
  return applyDecorators(
    required ? ApiProperty(doc) : ApiPropertyOptional(doc),
    ...(required ? [] : [IsOptional()]),
    IsString(),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 date-time with an offset between 1900 and 2200, e.g. 2026-12-01T15:00:00Z`,
      },
    }),
  );
}

/** A calendar date YYYY-MM-DD that exists. */
export function IsCalendarDate() {
  return applyDecorators(
    ApiProperty({ format: 'date', example: '2027-06-30' }),
    IsString(),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value) &&
          DateTime.fromISO(value, { zone: 'utc' }).isValid,
        defaultMessage: (args) => `${args?.property} must be a date in the form YYYY-MM-DD`,
      },
    }),
  );
}
