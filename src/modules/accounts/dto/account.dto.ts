import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptionalLine, IsOptionalPhone } from '../../../common/validation/validators.js';
import { UserResponse } from '../../auth/dto/auth.dto.js';

/** Only the fields given change; `phone: null` removes the number. */
export class UpdateAccountDto {
  @IsOptionalLine(100, 'Ana Lima')
  name?: string;

  @IsOptionalPhone()
  phone?: string | null;
}

export class EraseAccountDto {
  @ApiProperty({
    description: 'The account password, to confirm',
    example: 'correct horse battery',
  })
  @IsString()
  @MaxLength(128)
  password!: string;
}

const records = (description: string) =>
  ApiProperty({
    description,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  });

/** Everything Unknot holds about the caller (GDPR Art. 15 and 20), section by section. */
export class AccountExport {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: UserResponse }) account!: UserResponse;
  @ApiProperty({ format: 'date-time' }) accountCreatedAt!: string;
  @records('Sign-ins, with when each refresh token was used') sessions!: unknown[];
  @records('Links emailed to confirm the address or reset the password (never the secret)')
  emailedLinks!: unknown[];
  @records('Failed sign-ins with this address') failedLogins!: unknown[];
  @records('Reminder and time zone choices') notificationPreferences!: unknown[];
  @records('Emails sent to this account') messages!: unknown[];
  @records('Check-ins (intakes) with their answers, suggestions and flags') intakes!: unknown[];
  @records('Sessions booked, as client or therapist') bookings!: unknown[];
  @records('The therapist profile') therapistProfile!: unknown[];
  @records('Techniques on the therapist profile') therapistTechniques!: unknown[];
  @records('Certifications filed') certifications!: unknown[];
  @records('The photo kept for the profile (its size and version; the picture is at its url)')
  therapistPhoto!: unknown[];
  @records('Weekly hours') weeklyHours!: unknown[];
  @records('Time off') timeOff!: unknown[];
  @records('Answers kept for retried requests (24 hours)') idempotencyKeys!: unknown[];
  @records('Waitlist entries, with the times offered') waitlist!: unknown[];
  @records('Audit log entries by this account, or about it and its check-ins') auditLog!: unknown[];
}
