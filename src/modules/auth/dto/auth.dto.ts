import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNewPassword } from '../../../common/validation/password.js';
import { IsText } from '../../../common/validation/validators.js';

export const SELF_REGISTRABLE_ROLES = ['client', 'therapist'] as const;

/** An email address as people type it, checked for shape only. */
const IsEmailAddress = () =>
  applyDecorators(
    ApiProperty({ example: 'ana@example.com', maxLength: 254 }),
    IsEmail({}, { message: 'email must be a valid email address' }),
    MaxLength(254),
  );

/** A secret from a link we sent (reset, verification). */
const IsLinkToken = () =>
  applyDecorators(
    ApiProperty({ description: 'The token from the link in the email', maxLength: 200 }),
    IsString(),
    MaxLength(200),
  );

export class RegisterDto {
  @IsEmailAddress()
  email!: string;

  @IsNewPassword()
  password!: string;

  @IsText(100, 'Ana Lima')
  name!: string;

  @ApiPropertyOptional({ enum: SELF_REGISTRABLE_ROLES, default: 'client' })
  @IsOptional()
  @IsIn(SELF_REGISTRABLE_ROLES, { message: 'role must be client or therapist' })
  role?: (typeof SELF_REGISTRABLE_ROLES)[number];
}

export class LoginDto {
  @ApiProperty({ example: 'ana@example.com' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description: 'The refresh token; browsers send the HttpOnly cookie instead',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  @IsNewPassword('another long passphrase')
  newPassword!: string;
}

export class PasswordResetRequestDto {
  @IsEmailAddress()
  email!: string;
}

export class PasswordResetConfirmDto {
  @IsLinkToken()
  token!: string;

  @IsNewPassword('another long passphrase')
  newPassword!: string;
}

export class VerifyEmailDto {
  @IsLinkToken()
  token!: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['client', 'therapist', 'admin'] }) role!: string;
  @ApiProperty({ description: 'The user opened the confirmation link sent to this address' })
  emailVerified!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '+351912345678',
    description: 'E.164; the therapists of the user’s live bookings see it',
  })
  phone!: string | null;
}

export class AuthResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ description: 'JWT (HS256) for the Authorization: Bearer header' })
  accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({
    description:
      'Trade it once at POST /auth/refresh for a new pair; also set as an HttpOnly cookie on /api/v1/auth',
  })
  refreshToken!: string;
}
