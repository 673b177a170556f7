import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant, IsText, IsTimeZone } from '../../../common/validation/validators.js';

/** A feature or equipment kind: a short lower-case slug (`prenatal-table`, `hot-stones`). */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slugMessage = (what: string) =>
  `${what} must be lower-case words joined by hyphens, like prenatal-table`;

export class CreateLocationDto {
  @IsText(100, 'Unknot Riverside')
  name!: string;

  @IsText(300, '12 Quay Street, Lisbon')
  address!: string;

  @IsTimeZone()
  timezone!: string;
}

export class UpdateLocationDto extends PartialType(CreateLocationDto) {}

export class LocationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ description: 'IANA time zone' }) timezone!: string;
}

export class CreateRoomDto {
  @IsText(100, 'Room 2')
  name!: string;

  @ApiProperty({ type: [String], example: ['table', 'shower'], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'features must not repeat a feature' })
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(SLUG, { each: true, message: slugMessage('each feature') })
  features!: string[];
}

export class RoomResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) features!: string[];
}

export class CreateEquipmentDto {
  @ApiProperty({ example: 'hot-stones', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  @Matches(SLUG, { message: slugMessage('kind') })
  kind!: string;

  @IsText(100, 'Basalt stone set')
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 50, example: 2, description: 'Each unit is claimable' })
  @IsInt()
  @Min(1)
  @Max(50)
  quantity!: number;
}

export class EquipmentUnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class EquipmentResponse {
  @ApiProperty() kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ type: [EquipmentUnitResponse] }) units!: EquipmentUnitResponse[];
}

export class EquipmentNeedDto {
  @ApiProperty({ example: 'hot-stones' })
  @IsString()
  @MaxLength(40)
  @Matches(SLUG, { message: slugMessage('kind') })
  kind!: string;

  @ApiProperty({ minimum: 1, maximum: 10, example: 1 })
  @IsInt()
  @Min(1)
  @Max(10)
  quantity!: number;
}

/** What an offering needs at a location that manages rooms or equipment. */
export class RequirementsDto {
  @ApiProperty({ type: [String], example: ['prenatal-table'], maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'roomFeatures must not repeat a feature' })
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(SLUG, { each: true, message: slugMessage('each room feature') })
  roomFeatures!: string[];

  @ApiProperty({ type: [EquipmentNeedDto], maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique((need: EquipmentNeedDto) => need?.kind, {
    message: 'equipment must name each kind once',
  })
  @ValidateNested({ each: true })
  @Type(() => EquipmentNeedDto)
  equipment!: EquipmentNeedDto[];
}

export class ScheduleQueryDto {
  @IsInstant({ example: '2026-12-10T00:00:00Z' })
  from!: string;

  @IsInstant({ example: '2026-12-11T00:00:00Z' })
  to!: string;
}

export class ScheduledSessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: ['confirmed', 'completed', 'no-show', 'held'] }) status!: string;
  @ApiProperty({ format: 'uuid' }) therapistId!: string;
  @ApiProperty() therapistName!: string;
  @ApiProperty() sessionName!: string;
}

export class RoomScheduleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) features!: string[];
  @ApiProperty({ type: [ScheduledSessionResponse] }) sessions!: ScheduledSessionResponse[];
}

export class LocationScheduleResponse {
  @ApiProperty({ type: LocationResponse }) location!: LocationResponse;
  @ApiProperty({ type: [RoomScheduleResponse] }) rooms!: RoomScheduleResponse[];
}
