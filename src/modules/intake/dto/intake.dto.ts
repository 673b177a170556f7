import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  IsUUID,
} from 'class-validator';
import {
  BOOKING_SCREENINGS,
  SYSTEM_CANCELLATION_CODES,
  type BookingScreeningState,
  type SystemCancellationCode,
} from '../../bookings/booking.entity.js';
import { applyDecorators } from '@nestjs/common';
import { LimitQueryDto, PageQueryDto } from '../../../common/pagination/pagination.js';
import { IsInstant, IsText } from '../../../common/validation/validators.js';
import {
  CAUSES,
  ONSETS,
  PAIN_AREAS,
  PRESSURES,
  SENSATIONS,
  TECHNIQUE_SLUGS,
  type Cause,
  type Onset,
  type PainArea,
  type Pressure,
  type Sensation,
} from '../intake.types.js';

/** A list of distinct answers picked from `options`. */
function IsChoiceList(options: readonly string[], optionalBecause?: string) {
  return applyDecorators(
    optionalBecause
      ? ApiPropertyOptional({ enum: options, isArray: true, description: optionalBecause })
      : ApiProperty({ enum: options, isArray: true }),
    IsArray(),
    ArrayMaxSize(options.length),
    ArrayUnique(),
    IsIn(options, {
      each: true,
      message: `each value in $property must be one of ${options.join(', ')}`,
    }),
  );
}

/** A nested answer group, validated field by field. */
function IsGroup(type: new () => object, required = true, optionalBecause?: string) {
  return applyDecorators(
    required && !optionalBecause
      ? ApiProperty({ type })
      : ApiPropertyOptional({ type, description: optionalBecause }),
    ...(required ? [IsDefined()] : [IsOptional()]),
    IsObject(),
    ValidateNested(),
    Type(() => type),
  );
}

export class RedFlagsDto {
  @ApiProperty({ description: 'Pain in the chest' }) @IsBoolean() chestPain!: boolean;
  @ApiProperty({ description: 'Pain that radiates to other body parts' })
  @IsBoolean()
  radiatingPain!: boolean;
  @ApiProperty() @IsBoolean() fever!: boolean;
}

export class PregnancyDto {
  @ApiProperty() @IsBoolean() pregnant!: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 42 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(42)
  weeks?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 52, description: 'Weeks since giving birth' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(52)
  postpartumWeeks?: number;
}

export class ClotScreeningDto {
  @ApiProperty() @IsBoolean() historyOfClots!: boolean;
  @ApiProperty() @IsBoolean() legSwellingOrPain!: boolean;
  @ApiProperty() @IsBoolean() clottingDisorder!: boolean;
  @ApiProperty() @IsBoolean() anticoagulants!: boolean;
  @ApiProperty() @IsBoolean() recentSurgeryOrBedRest!: boolean;
}

export class PreferencesDto {
  @ApiPropertyOptional({ enum: PRESSURES })
  @IsOptional()
  @IsIn(PRESSURES)
  pressure?: Pressure;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() likesScents?: boolean;
}

const anyRedFlag = (dto: { redFlags?: Partial<RedFlagsDto> }) =>
  dto.redFlags?.chestPain === true ||
  dto.redFlags?.radiatingPain === true ||
  dto.redFlags?.fever === true;

/**
 * Required unless a red flag is yes: the web check-in asks red flags first and stops there. A value
 * that is given is always validated.
 */
const UnlessRedFlag = () =>
  ValidateIf((dto: CreateIntakeDto, value: unknown) => value !== undefined || !anyRedFlag(dto));

const REQUIRED_UNLESS_RED_FLAG = 'Required unless a red flag is answered yes';

export class CreateIntakeDto {
  @UnlessRedFlag() @IsChoiceList(PAIN_AREAS, REQUIRED_UNLESS_RED_FLAG) painAreas!: PainArea[];
  @UnlessRedFlag() @IsChoiceList(SENSATIONS, REQUIRED_UNLESS_RED_FLAG) sensations!: Sensation[];

  @ApiPropertyOptional({ enum: ONSETS, description: REQUIRED_UNLESS_RED_FLAG })
  @UnlessRedFlag()
  @IsIn(ONSETS)
  onset!: Onset;

  @UnlessRedFlag() @IsChoiceList(CAUSES, REQUIRED_UNLESS_RED_FLAG) causes!: Cause[];

  @ApiPropertyOptional({ description: `Knots in the upper back. ${REQUIRED_UNLESS_RED_FLAG}` })
  @UnlessRedFlag()
  @IsBoolean()
  knots!: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: REQUIRED_UNLESS_RED_FLAG })
  @UnlessRedFlag()
  @IsInt()
  @Min(0)
  @Max(10)
  stressLevel!: number;

  @IsGroup(RedFlagsDto) redFlags!: RedFlagsDto;
  @UnlessRedFlag() @IsGroup(PregnancyDto, true, REQUIRED_UNLESS_RED_FLAG) pregnancy!: PregnancyDto;
  @IsGroup(ClotScreeningDto, false) clotScreening?: ClotScreeningDto;
  @IsGroup(PreferencesDto, false) preferences?: PreferencesDto;
}

/** `limit`: the best N of the ranking (default 20, at most 100); every therapist is ranked. */
export class MatchQueryDto extends LimitQueryDto {
  @IsInstant({ required: false }) from?: string;
  @IsInstant({ required: false }) to?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only therapists who work at this location, and only their hours there',
  })
  @IsOptional()
  @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId?: string;
}

export class FlagQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'approved', 'rejected'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'approved', 'rejected'])
  status: 'open' | 'approved' | 'rejected' = 'open';
}

export class ResolveFlagDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision!: 'approve' | 'reject';

  @IsText(1000, 'Spoke with the client’s OB-GYN: no current clot; gentle prenatal massage is fine.')
  note!: string;
}

export class SuggestionResponse {
  @ApiProperty({ enum: TECHNIQUE_SLUGS }) technique!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

export class FlagResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['RED_FLAG_SEE_DOCTOR', 'CLOT_RISK', 'RED_FLAG_RETRACTED'] }) code!: string;
  @ApiProperty({ enum: ['critical', 'high'] }) severity!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['open', 'approved', 'rejected'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) resolutionNote!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt!:
    string | null;
}

export class IntakeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['clear', 'needs-review', 'blocked'] }) status!: string;
  @ApiProperty({ type: [SuggestionResponse] }) suggestions!: SuggestionResponse[];
  @ApiProperty({ type: [FlagResponse] }) flags!: FlagResponse[];
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Version of the guidance table that produced the suggestions' })
  guidanceVersion!: string;
  @ApiProperty({ type: CreateIntakeDto }) answers!: CreateIntakeDto;
}

export class IntakePage {
  @ApiProperty({ type: [IntakeResponse] }) items!: IntakeResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** An upcoming booking that a new intake (or a review) changed. */
export class AffectedBookingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['confirmed', 'cancelled'] }) status!: 'confirmed' | 'cancelled';
  @ApiProperty({
    enum: SYSTEM_CANCELLATION_CODES,
    nullable: true,
    description: 'Why the system cancelled it',
  })
  cancellationCode!: SystemCancellationCode | null;
  @ApiProperty({
    enum: BOOKING_SCREENINGS,
    description:
      '`pending-review`: kept until 24 hours before the start, unless the clot risk is approved',
  })
  screening!: BookingScreeningState;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ enum: TECHNIQUE_SLUGS }) technique!: string;
}

/** The answer to a new intake: the intake, and the upcoming bookings it changed. */
export class CreatedIntakeResponse extends IntakeResponse {
  @ApiProperty({ type: [AffectedBookingResponse] }) affectedBookings!: AffectedBookingResponse[];
}

export class MatchSlotResponse {
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
}

export class MatchTherapistResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() yearsExperience!: number;
  @ApiProperty() timezone!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The photo (640 px; add &size=small for 160 px), versioned; null without one',
  })
  photoUrl!: string | null;
}

export class MatchResponse {
  @ApiProperty({ type: MatchTherapistResponse }) therapist!: MatchTherapistResponse;
  @ApiProperty({ enum: TECHNIQUE_SLUGS }) technique!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ type: [MatchSlotResponse], description: 'Up to 5 earliest free slots' })
  nextSlots!: MatchSlotResponse[];
}

export class FlaggedClientResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class FlagWithIntakeResponse extends FlagResponse {
  @ApiProperty({ type: IntakeResponse }) intake!: IntakeResponse;
  @ApiProperty({
    type: FlaggedClientResponse,
    description: 'The client, so the reviewer can call them',
  })
  client!: FlaggedClientResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class FlagPage {
  @ApiProperty({ type: [FlagWithIntakeResponse] }) items!: FlagWithIntakeResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
