import { Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth, ApiProblems } from '../../common/http/api-problems.decorator.js';
import { AppConfig } from '../../config/app-config.js';
import { AgendaService } from './agenda.service.js';
import { CalendarService } from './calendar.service.js';
import {
  CalendarUrlResponse,
  TherapistBookingResponse,
  WindowQueryDto,
} from './dto/booking.dto.js';

@ApiTags('therapists')
@Controller()
export class TherapistBookingsController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
  ) {}

  @Roles('therapist')
  @Get('therapists/me/bookings')
  @ApiOkResponse({ type: [TherapistBookingResponse] })
  @ApiAuth('List my agenda, with the intake facts each session needs', 400)
  bookings(
    @CurrentUser() user: AuthUser,
    @Query() query: WindowQueryDto,
  ): Promise<TherapistBookingResponse[]> {
    return this.agenda.forTherapist(user.id, query);
  }

  @Roles('therapist')
  @Get('therapists/me/calendar')
  @ApiOkResponse({ type: CalendarUrlResponse })
  @ApiAuth('Read my private calendar subscription URL', 409)
  async calendarUrl(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<CalendarUrlResponse> {
    return { url: this.absolute(request, await this.calendar.feedPath(user.id)) };
  }

  @Roles('therapist')
  @Post('therapists/me/calendar/rotate')
  @HttpCode(200)
  @ApiOkResponse({ type: CalendarUrlResponse })
  @ApiAuth('Replace my calendar URL; the old one stops working', 409)
  async rotate(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<CalendarUrlResponse> {
    return { url: this.absolute(request, await this.calendar.rotate(user.id)) };
  }

  /**
   * The feed calendar apps poll; the secret token in the path is the credential. Like every API
   * answer it is no-store: a shared cache must not keep a client's sessions.
   */
  @Public()
  @SkipThrottle()
  @Get('calendar/:file')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiOperation({ summary: 'Read a calendar feed; the secret token in the path is the credential' })
  @ApiOkResponse({
    description: 'The therapist’s sessions as an RFC 5545 calendar',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiProblems(404, 503)
  feed(@Param('file') file: string): Promise<string> {
    return this.calendar.feed(file);
  }

  private absolute(request: FastifyRequest, path: string): string {
    return `${this.config.publicUrl ?? `${request.protocol}://${request.host}`}${path}`;
  }
}
