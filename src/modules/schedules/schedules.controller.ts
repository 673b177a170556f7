import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth } from '../../common/http/api-problems.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  AvailabilityResponse,
  CreatedTimeOffResponse,
  CreateTimeOffDto,
  SetAvailabilityDto,
  TimeOffQueryDto,
  TimeOffResponse,
  WeeklyHoursResponse,
} from './dto/schedule.dto.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@Roles('therapist')
@Controller('therapists/me')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get('availability')
  @ApiAuth('Read my weekly hours', 409)
  @ApiOkResponse({ type: WeeklyHoursResponse })
  getAvailability(@CurrentUser() user: AuthUser): Promise<WeeklyHoursResponse> {
    return this.schedules.getAvailability(user.id);
  }

  @Put('availability')
  @ApiAuth('Replace my weekly hours', 400, 404, 409)
  @ApiOkResponse({ type: AvailabilityResponse })
  setAvailability(
    @CurrentUser() user: AuthUser,
    @Body() dto: SetAvailabilityDto,
  ): Promise<AvailabilityResponse> {
    return this.schedules.setAvailability(user.id, dto);
  }

  @Post('time-off')
  @ApiAuth('Add time off', 400, 409)
  @ApiCreatedResponse({ type: CreatedTimeOffResponse })
  addTimeOff(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTimeOffDto,
  ): Promise<CreatedTimeOffResponse> {
    return this.schedules.addTimeOff(user.id, dto);
  }

  @Get('time-off')
  @ApiAuth('List my time off', 400)
  @ApiOkResponse({ type: [TimeOffResponse] })
  listTimeOff(
    @CurrentUser() user: AuthUser,
    @Query() query: TimeOffQueryDto,
  ): Promise<TimeOffResponse[]> {
    return this.schedules.listTimeOff(user.id, query);
  }

  @Delete('time-off/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiAuth('Remove time off', 400, 404)
  removeTimeOff(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.schedules.removeTimeOff(user.id, id);
  }
}
