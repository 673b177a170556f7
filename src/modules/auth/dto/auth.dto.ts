import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsText } from '../../../common/validation/validators.js';

export const SELF_REGISTRABLE_ROLES = ['client', 'therapist'] as const;

export class RegisterDto {
  @ApiProperty({ example: 'ana@example.com', maxLength: 254 })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 128, example: 'correct horse battery' })
  @IsString()
  @Length(10, 128, { message: 'password must be 10 to 128 characters' })
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

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['client', 'therapist', 'admin'] }) role!: string;
}

export class AuthResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ description: 'JWT (HS256) for the Authorization: Bearer header' })
  accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}
