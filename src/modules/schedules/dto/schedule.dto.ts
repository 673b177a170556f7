import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant, IsOptionalText } from '../../../common/validation/validators.js';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class WeeklyWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: Monday = 1 … Sunday = 7' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '09:00', description: 'Local time HH:mm on a 15-minute grid' })
  @IsString()
  @Matches(CLOCK_TIME, { message: 'start must be a time HH:mm' })
  start!: string;

  @ApiProperty({ example: '17:00', description: 'Local time HH:mm (24:00 = midnight)' })
  @IsString()
  @Matches(CLOCK_TIME, { message: 'end must be a time HH:mm' })
  end!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Where these hours are, when not at the home location',
  })
  @IsOptional()
  @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId?: string | null;
}

export class SetAvailabilityDto {
  @ApiProperty({ type: [WeeklyWindowDto] })
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowDto)
  weekly!: WeeklyWindowDto[];
}

export class CreateTimeOffDto {
  @IsInstant({ example: '2026-12-24T00:00:00Z' })
  startsAt!: string;

  @IsInstant({ example: '2026-12-27T00:00:00Z' })
  endsAt!: string;

  @IsOptionalText(200, 'Holidays')
  reason?: string;
}

export class TimeOffQueryDto {
  @IsInstant({ required: false })
  from?: string;

  @IsInstant({ required: false })
  to?: string;
}

export class BookingConflictResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() clientName!: string;
}

export class WeeklyHoursResponse {
  @ApiProperty({ description: 'The profile’s IANA time zone, which the hours are in' })
  timezone!: string;
  @ApiProperty({ type: [WeeklyWindowDto] }) weekly!: WeeklyWindowDto[];
}

export class AvailabilityResponse extends WeeklyHoursResponse {
  @ApiProperty({
    type: [BookingConflictResponse],
    description:
      'Upcoming confirmed bookings that the hours no longer cover (they are kept; act on them)',
  })
  bookingsOutsideHours!: BookingConflictResponse[];
}

export class TimeOffResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
}

export class CreatedTimeOffResponse extends TimeOffResponse {
  @ApiProperty({
    type: [BookingConflictResponse],
    description: 'Confirmed bookings inside the time off (they are kept; act on them)',
  })
  conflictingBookings!: BookingConflictResponse[];
}
