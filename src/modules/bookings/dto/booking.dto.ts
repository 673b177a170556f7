import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { IsInstant, IsOptionalText } from '../../../common/validation/validators.js';
import {
  BOOKING_SCREENINGS,
  BOOKING_STATUSES,
  CANCELLER_ROLES,
  SYSTEM_CANCELLATION_CODES,
  type BookingScreeningState,
  type CancellerRole,
  type SystemCancellationCode,
} from '../booking.entity.js';

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'offeringId must be a UUID' })
  offeringId!: string;

  @IsInstant({ example: '2026-12-01T15:00:00Z' })
  startsAt!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Optional: the client’s latest unexpired intake, which every booking is judged on; another one is refused with INTAKE_SUPERSEDED',
  })
  @IsOptional()
  @IsUUID('all', { message: 'intakeId must be a UUID' })
  intakeId?: string;

  @IsOptionalText(500, 'Please focus on the left shoulder blade.')
  notes?: string;
}

export class RescheduleBookingDto {
  @IsInstant({ example: '2026-12-02T15:00:00Z' })
  startsAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Another therapist (default: the same)' })
  @IsOptional()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Another offering (default: the same)' })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be a UUID' })
  offeringId?: string;
}

export class PolicyResponse {
  @ApiProperty({
    description:
      'A client may cancel until the start, but within this many hours it counts as late; a client may not reschedule within it',
  })
  cancellationNoticeHours!: number;
  @ApiProperty({ description: 'How long a waitlist offer holds its time' })
  waitlistHoldMinutes!: number;
  @ApiProperty({ description: 'How far ahead a session may start' })
  bookingHorizonDays!: number;
}

export class CancelBookingDto {
  @IsOptionalText(500, 'Feeling unwell')
  reason?: string;
}

export class SlotQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'offeringId must be a UUID' })
  offeringId!: string;

  @IsInstant({ required: false, example: '2026-12-01T00:00:00Z' })
  from?: string;

  @IsInstant({ required: false, example: '2026-12-08T00:00:00Z' })
  to?: string;
}

export class BookingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BOOKING_STATUSES })
  @IsOptional()
  @IsIn(BOOKING_STATUSES)
  status?: (typeof BOOKING_STATUSES)[number];

  @IsInstant({ required: false })
  from?: string;

  @IsInstant({ required: false })
  to?: string;
}

export class WindowQueryDto {
  @IsInstant({ required: false })
  from?: string;

  @IsInstant({ required: false })
  to?: string;
}

export class SlotResponse {
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class SlotsResponse {
  @ApiProperty({ format: 'uuid' }) therapistId!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ description: 'The therapist’s time zone, for display' }) timezone!: string;
  @ApiProperty({ type: [SlotResponse] }) slots!: SlotResponse[];
}

export class BookingRoomResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class BookingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) status!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ format: 'uuid' }) therapistId!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty() technique!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty() priceCents!: number;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The intake the booking rests on: the client’s latest, kept current by re-screening',
  })
  intakeId!: string | null;
  @ApiProperty({
    enum: BOOKING_SCREENINGS,
    description:
      '`pending-review`: a newer intake reported a clot risk; the booking is cancelled unless a clinician approves it by `screeningDeadline`',
  })
  screening!: BookingScreeningState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  screeningDeadline!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ enum: CANCELLER_ROLES, nullable: true, description: 'Who cancelled' })
  cancelledBy!: CancellerRole | null;
  @ApiProperty({
    enum: SYSTEM_CANCELLATION_CODES,
    nullable: true,
    description: 'For cancellations by the system: the screening rule that refused the booking',
  })
  cancellationCode!: SystemCancellationCode | null;
  @ApiProperty({ type: String, nullable: true }) cancellationReason!: string | null;
  @ApiProperty() lateCancellation!: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The booking this one replaced (a reschedule)',
  })
  rescheduledFromId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The booking that replaced this one (status rescheduled)',
  })
  rescheduledToId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Where the session happens (none when the therapist has no location)',
  })
  locationId!: string | null;
  @ApiProperty({
    type: BookingRoomResponse,
    nullable: true,
    description: 'The room it takes, at a location that manages rooms',
  })
  room!: BookingRoomResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class BookingPage {
  @ApiProperty({ type: [BookingResponse] }) items!: BookingResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class SessionIntakeFacts {
  @ApiProperty() pregnant!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) pregnancyWeeks!: number | null;
  @ApiProperty({ description: 'Every clot-risk flag was reviewed and approved by an admin' })
  clotRiskReviewed!: boolean;
  @ApiPropertyOptional({ enum: ['light', 'medium', 'firm'], nullable: true }) pressure!:
    string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) likesScents!: boolean | null;
  @ApiProperty({ type: [String] }) painAreas!: string[];
}

/** The client of a session; how to reach them only while the session is live. */
export class SessionClientResponse {
  @ApiProperty() name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Only for a confirmed session that has not started; otherwise null',
  })
  email!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'E.164, only for a confirmed session that has not started and a client who gave one; otherwise null',
  })
  phone!: string | null;
}

export class TherapistBookingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() technique!: string;
  @ApiProperty() offeringName!: string;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: SessionClientResponse }) client!: SessionClientResponse;
  @ApiProperty({
    type: BookingRoomResponse,
    nullable: true,
    description: 'The room the session is in, at a location that manages rooms',
  })
  room!: BookingRoomResponse | null;
  @ApiProperty({
    type: SessionIntakeFacts,
    nullable: true,
    description: 'What the session needs from the intake; null without one or once cancelled',
  })
  intake!: SessionIntakeFacts | null;
}

export class CalendarUrlResponse {
  @ApiProperty({ example: 'https://unknot.example/api/v1/calendar/3kq...Zs.ics' }) url!: string;
}
