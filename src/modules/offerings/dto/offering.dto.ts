import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDivisibleBy, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { RequirementsDto } from '../../locations/dto/location.dto.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { IsText } from '../../../common/validation/validators.js';
import { TECHNIQUE_SLUGS, type TechniqueSlug } from '../../intake/intake.types.js';

export class CreateOfferingDto {
  @ApiProperty({ enum: TECHNIQUE_SLUGS })
  @IsIn(TECHNIQUE_SLUGS, { message: `technique must be one of ${TECHNIQUE_SLUGS.join(', ')}` })
  technique!: TechniqueSlug;

  @IsText(100, 'Upper-back trigger point, 60 min')
  name!: string;

  @ApiProperty({ minimum: 15, maximum: 240, multipleOf: 15, example: 60 })
  @IsInt()
  @Min(15)
  @Max(240)
  @IsDivisibleBy(15, { message: 'durationMinutes must be a multiple of 15' })
  durationMinutes!: number;

  @ApiProperty({ minimum: 0, example: 8500, description: 'Integer cents' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  priceCents!: number;

  @ApiProperty({
    minimum: 0,
    maximum: 60,
    example: 15,
    description: 'Clean-up minutes after each session',
  })
  @IsInt()
  @Min(0)
  @Max(60)
  bufferMinutes!: number;

  @ApiPropertyOptional({
    type: RequirementsDto,
    description:
      'What a session needs at a location that manages rooms or equipment (default: nothing)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementsDto)
  requires?: RequirementsDto;
}

export class UpdateOfferingDto extends PartialType(CreateOfferingDto) {}

export class OfferingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TECHNIQUE_SLUGS })
  @IsOptional()
  @IsIn(TECHNIQUE_SLUGS, { message: `technique must be one of ${TECHNIQUE_SLUGS.join(', ')}` })
  technique?: TechniqueSlug;
}

export class OfferingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TECHNIQUE_SLUGS }) technique!: string;
  @ApiProperty() name!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty() priceCents!: number;
  @ApiProperty() bufferMinutes!: number;
  @ApiProperty({ type: RequirementsDto }) requires!: RequirementsDto;
}

export class OfferingPage {
  @ApiProperty({ type: [OfferingResponse] }) items!: OfferingResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
