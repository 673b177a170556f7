import { ApiProperty } from '@nestjs/swagger';
import { TECHNIQUE_SLUGS } from '../intake/intake.types.js';

export class TechniqueResponse {
  @ApiProperty({ enum: TECHNIQUE_SLUGS }) slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['gentle', 'moderate', 'firm'] }) intensity!: string;
  @ApiProperty({ type: [String] }) goodFor!: string[];
  @ApiProperty({ type: [String] }) cautions!: string[];
}
