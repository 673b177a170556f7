import { ApiProperty } from '@nestjs/swagger';

export class AuditEntryResponse {
  @ApiProperty({ description: 'Increasing with time (a bigint, as a string)', example: '42' })
  id!: string;
  @ApiProperty({ format: 'uuid', description: 'The admin who acted' }) actorId!: string;
  @ApiProperty({ example: 'certification.verify' }) action!: string;
  @ApiProperty({ example: 'certification' }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action concerned, such as a decision and its note',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AuditEntryPage {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
