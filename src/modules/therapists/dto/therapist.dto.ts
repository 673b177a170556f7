import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  IsUUID,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  IsCalendarDate,
  IsOptionalText,
  IsText,
  IsTimeZone,
} from '../../../common/validation/validators.js';
import { TECHNIQUE_SLUGS, type TechniqueSlug } from '../../intake/intake.types.js';
import { CERTIFICATION_STATUSES, type CertificationStatus } from '../certification.entity.js';

export const CERTIFICATION_KINDS = ['massage-license', ...TECHNIQUE_SLUGS] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

const techniqueMessage = `each value in techniques must be one of ${TECHNIQUE_SLUGS.join(', ')}`;

export class UpsertTherapistProfileDto {
  @ApiProperty({ maxLength: 2000, example: 'Ten years of sports and prenatal massage.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(2000)
  bio!: string;

  @ApiProperty({ minimum: 0, maximum: 70, example: 8 })
  @IsInt()
  @Min(0)
  @Max(70)
  yearsExperience!: number;

  @IsTimeZone()
  timezone!: string;

  @ApiProperty({ enum: TECHNIQUE_SLUGS, isArray: true })
  @IsArray()
  @ArrayMaxSize(TECHNIQUE_SLUGS.length)
  @ArrayUnique({ message: 'techniques must not repeat a technique' })
  @IsIn(TECHNIQUE_SLUGS, { each: true, message: techniqueMessage })
  techniques!: TechniqueSlug[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Home location: where the weekly hours are, unless a window names another',
  })
  @IsOptional()
  @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId?: string | null;
}

export class CreateCertificationDto {
  @ApiProperty({ enum: CERTIFICATION_KINDS })
  @IsIn(CERTIFICATION_KINDS, {
    message: `kind must be one of ${CERTIFICATION_KINDS.join(', ')}`,
  })
  kind!: CertificationKind;

  @IsText(200, 'State Board of Massage Therapy')
  issuer!: string;

  @IsText(100, 'MT-123456')
  number!: string;

  /** Last valid day; it must not be in the past. */
  @IsCalendarDate()
  expiresOn!: string;
}

export class DecideCertificationDto {
  @IsOptionalText(1000, 'Checked against the state registry.')
  note?: string;
}

export class RejectCertificationDto {
  @IsText(1000, 'The licence number does not match the registry.')
  note!: string;
}

export class RevokeCertificationDto {
  @IsText(1000, 'The licensing board suspended this licence on 2026-11-30.')
  reason!: string;
}

export class TherapistListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TECHNIQUE_SLUGS })
  @IsOptional()
  @IsIn(TECHNIQUE_SLUGS, { message: `technique must be one of ${TECHNIQUE_SLUGS.join(', ')}` })
  technique?: TechniqueSlug;
}

export class CertificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CERTIFICATION_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(CERTIFICATION_STATUSES)
  status: CertificationStatus = 'pending';
}

export class CertificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) therapistId!: string;
  @ApiProperty({ enum: CERTIFICATION_KINDS }) kind!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status!: string;
  @ApiProperty({
    description: 'Verified by an admin and not revoked (whether or not it has expired since)',
  })
  verified!: boolean;
  @ApiProperty({ description: 'Past its expiry date: it counts for nothing' }) expired!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
}

export class PublicCertificationResponse {
  @ApiProperty({ enum: CERTIFICATION_KINDS }) kind!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
}

export class TherapistProfileResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() bio!: string;
  @ApiProperty() yearsExperience!: number;
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: TECHNIQUE_SLUGS, isArray: true }) techniques!: string[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Home location (weekly windows may name another)',
  })
  locationId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/therapists/6f1c…/photo?v=Xk3v9QmZ0aL2bC4d',
    description:
      'The photo (640 px; add &size=small for 160 px), its version in the URL; null without one',
  })
  photoUrl!: string | null;
  @ApiProperty({ description: 'Has a verified, unexpired massage-license' }) bookable!: boolean;
  @ApiProperty({ type: [CertificationResponse] }) certifications!: CertificationResponse[];
}

export class PublicTherapistResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() bio!: string;
  @ApiProperty() yearsExperience!: number;
  @ApiProperty() timezone!: string;
  @ApiProperty({
    enum: TECHNIQUE_SLUGS,
    isArray: true,
    description: 'Techniques it may be booked for',
  })
  techniques!: string[];
  @ApiProperty({ type: [PublicCertificationResponse] })
  certifications!: PublicCertificationResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/therapists/6f1c…/photo?v=Xk3v9QmZ0aL2bC4d',
    description:
      'The photo (640 px; add &size=small for 160 px), its version in the URL; null without one',
  })
  photoUrl!: string | null;
}

export class PublicTherapistPage {
  @ApiProperty({ type: [PublicTherapistResponse] }) items!: PublicTherapistResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** In the admin's review queue: who filed it, so the admin can check the register. */
export class AdminCertificationResponse extends CertificationResponse {
  @ApiProperty() therapistName!: string;
  @ApiProperty() therapistEmail!: string;
}

export class CertificationPage {
  @ApiProperty({ type: [AdminCertificationResponse] }) items!: AdminCertificationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
