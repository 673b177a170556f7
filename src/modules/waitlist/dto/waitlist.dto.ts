import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../../../common/validation/validators.js';

export class JoinWaitlistDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'offeringId must be a UUID' })
  offeringId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One therapist, or any who may give it' })
  @IsOptional()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;

  @IsInstant({ example: '2026-12-10T08:00:00Z' })
  from!: string;

  @IsInstant({ example: '2026-12-12T20:00:00Z' })
  to!: string;
}

export class WaitlistOfferResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) therapistId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The time is held for you until then' })
  expiresAt!: string;
}

export class WaitlistEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) therapistId!: string | null;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: WaitlistOfferResponse,
    nullable: true,
    description: 'A freed time held for you now, to claim or decline',
  })
  offer!: WaitlistOfferResponse | null;
}

export class WaitlistEntryPage {
  @ApiProperty({ type: [WaitlistEntryResponse] }) items!: WaitlistEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
