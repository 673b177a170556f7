import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth } from '../../common/http/api-problems.decorator.js';
import { type Page, PageQueryDto } from '../../common/pagination/pagination.js';
import { IdParam } from '../../common/validation/id-param.js';
import { BookingResponse } from '../bookings/dto/booking.dto.js';
import { JoinWaitlistDto, WaitlistEntryPage, WaitlistEntryResponse } from './dto/waitlist.dto.js';
import { WaitlistService } from './waitlist.service.js';

@ApiTags('waitlist')
@Roles('client')
@Controller('waitlist')
export class WaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  @Post()
  @ApiCreatedResponse({ type: WaitlistEntryResponse })
  @ApiAuth('Join the waitlist for an offering (and a therapist) in a window', 400, 404, 409, 422)
  join(
    @CurrentUser() user: AuthUser,
    @Body() dto: JoinWaitlistDto,
  ): Promise<WaitlistEntryResponse> {
    return this.waitlist.join(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: WaitlistEntryPage })
  @ApiAuth('List my waitlist entries, each with the time held for me if any', 400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<Page<WaitlistEntryResponse>> {
    return this.waitlist.list(user, query);
  }

  @Post('offers/:id/claim')
  @ApiCreatedResponse({ type: BookingResponse })
  @ApiAuth('Book the time held for me', 400, 404, 409, 422)
  claim(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<BookingResponse> {
    return this.waitlist.claim(user, id);
  }

  @Post('offers/:id/decline')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Declined: the time passes to the next person waiting' })
  @ApiAuth('Let the time held for me go', 400, 404, 409)
  decline(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.waitlist.decline(user, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Left the waitlist' })
  @ApiAuth('Leave the waitlist (a time held for me passes on)', 400, 404)
  leave(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.waitlist.leave(user, id);
  }
}
