import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PHOTO_SIZE_NAMES, type PhotoSize } from '../photo.rules.js';

export class PhotoQueryDto {
  @ApiPropertyOptional({
    enum: PHOTO_SIZE_NAMES,
    default: 'large',
    description: 'small: 160 × 160 px; large: 640 × 640 px',
  })
  @IsOptional()
  @IsIn(PHOTO_SIZE_NAMES, { message: `size must be one of ${PHOTO_SIZE_NAMES.join(', ')}` })
  size: PhotoSize = 'large';

  @ApiPropertyOptional({
    description:
      'The version from photoUrl: the current one makes the answer cacheable for a year (immutable)',
    example: 'Xk3v9QmZ0aL2bC4d',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'v must be a photo version from photoUrl' })
  v?: string;
}
