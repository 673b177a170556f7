import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { IsTimeZone } from '../../../common/validation/validators.js';
import { MESSAGE_KINDS, type MessageKind } from '../outbox-message.entity.js';

/**
 * What admins filter the outbox by (`sending` is shown as `queued`: still on its way);
 * `superseded`: not sent because its booking was cancelled first.
 */
export const VISIBLE_OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'superseded'] as const;
export type VisibleOutboxStatus = (typeof VISIBLE_OUTBOX_STATUSES)[number];

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Send a reminder before each session' })
  @IsBoolean({ message: 'reminders must be true or false' })
  reminders!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Europe/Lisbon',
    description: 'IANA time zone messages show times in (besides the spa’s); null forgets it',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsTimeZone()
  timezone?: string | null;
}

export class NotificationPreferencesResponse {
  @ApiProperty() reminders!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Lisbon' }) timezone!: string | null;
}

export class OutboxListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: VISIBLE_OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(VISIBLE_OUTBOX_STATUSES, {
    message: 'status must be queued, sent, failed or superseded',
  })
  status?: VisibleOutboxStatus;
}

export class OutboxMessageResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the message’s Message-ID' }) id!: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: MessageKind;
  @ApiProperty({ description: 'The recipient’s email address' }) recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: VISIBLE_OUTBOX_STATUSES }) status!: VisibleOutboxStatus;
  @ApiProperty({ description: 'Delivery attempts so far' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
}

export class OutboxMessagePage {
  @ApiProperty({ type: [OutboxMessageResponse] }) items!: OutboxMessageResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
