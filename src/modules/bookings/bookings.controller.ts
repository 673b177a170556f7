import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ValidationError } from '../../common/errors/app-error.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { Page } from '../../common/pagination/pagination.js';
import { IdParam } from '../../common/validation/id-param.js';
import { AppConfig } from '../../config/app-config.js';
import { BookingsService } from './bookings.service.js';
import { RescheduleService } from './reschedule.service.js';
import { SlotSearchService } from './slot-search.service.js';
import {
  BookingListQueryDto,
  BookingPage,
  BookingResponse,
  CancelBookingDto,
  CreateBookingDto,
  PolicyResponse,
  RescheduleBookingDto,
  SlotQueryDto,
  SlotsResponse,
} from './dto/booking.dto.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** A retry-safe write's key, checked where it enters (1–255 visible ASCII characters). */
function checkedKey(key: string | undefined): string | undefined {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([
      {
        field: 'Idempotency-Key',
        message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      },
    ]);
  }
  return key;
}

@ApiTags('bookings')
@Controller()
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly rescheduling: RescheduleService,
    private readonly slotSearch: SlotSearchService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('therapists/:id/slots')
  @ApiOkResponse({ type: SlotsResponse })
  @ApiPublic('List the free start times of a therapist for an offering', 400, 404, 422)
  slots(@IdParam() therapistId: string, @Query() query: SlotQueryDto): Promise<SlotsResponse> {
    return this.slotSearch.findSlots(therapistId, query);
  }

  @Roles('client')
  @Post('bookings')
  // Named as @Headers reads it, so the document lists the header once, optional.
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'Retry-safe key (24 h)' })
  @ApiCreatedResponse({ type: BookingResponse })
  @ApiAuth('Book a session', 400, 404, 409, 422)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateBookingDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<BookingResponse> {
    return this.bookings.create(user, dto, checkedKey(idempotencyKey));
  }

  @Post('bookings/:id/reschedule')
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'Retry-safe key (24 h)' })
  @ApiCreatedResponse({ type: BookingResponse })
  @ApiAuth(
    'Move a booking to another time: the new booking, the old one rescheduled',
    400,
    404,
    409,
    422,
  )
  reschedule(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: RescheduleBookingDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<BookingResponse> {
    return this.rescheduling.reschedule(user, id, dto, checkedKey(idempotencyKey));
  }

  @Public()
  @Get('policy')
  @ApiOkResponse({ type: PolicyResponse })
  @ApiPublic('Read the spa’s booking policy: notice for cancelling and moving, waitlist holds')
  policy(): PolicyResponse {
    return {
      cancellationNoticeHours: this.config.cancellationNoticeHours,
      waitlistHoldMinutes: this.config.waitlistHoldMinutes,
      bookingHorizonDays: this.config.bookingHorizonDays,
    };
  }

  @Get('bookings')
  @ApiOkResponse({ type: BookingPage })
  @ApiAuth('List my bookings', 400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: BookingListQueryDto,
  ): Promise<Page<BookingResponse>> {
    return this.bookings.list(user, query);
  }

  @Get('bookings/:id')
  @ApiOkResponse({ type: BookingResponse })
  @ApiAuth('Read a booking', 400, 404)
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<BookingResponse> {
    return this.bookings.get(user, id);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: BookingResponse })
  @ApiAuth('Cancel a booking', 400, 404, 409)
  cancel(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CancelBookingDto,
  ): Promise<BookingResponse> {
    return this.bookings.act(user, id, 'cancel', dto.reason);
  }

  @Roles('therapist')
  @Post('bookings/:id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: BookingResponse })
  @ApiAuth('Mark a session completed', 400, 404, 409, 422)
  complete(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<BookingResponse> {
    return this.bookings.act(user, id, 'complete');
  }

  @Roles('therapist')
  @Post('bookings/:id/no-show')
  @HttpCode(200)
  @ApiOkResponse({ type: BookingResponse })
  @ApiAuth('Mark a session a no-show', 400, 404, 409, 422)
  noShow(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<BookingResponse> {
    return this.bookings.act(user, id, 'no-show');
  }
}
