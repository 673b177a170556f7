import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth } from '../../common/http/api-problems.decorator.js';
import type { Page } from '../../common/pagination/pagination.js';
import {
  NotificationPreferencesDto,
  NotificationPreferencesResponse,
  OutboxListQueryDto,
  OutboxMessagePage,
  OutboxMessageResponse,
} from './dto/notifications.dto.js';
import { NotificationPreferences } from './notification-preferences.service.js';
import { Outbox } from './outbox.service.js';

@ApiTags('notifications')
@Controller('me/notifications')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferences) {}

  @Get()
  @ApiAuth('Read your notification preferences')
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  get(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesResponse> {
    return this.preferences.get(user.id);
  }

  @Put()
  @ApiAuth('Turn reminders on or off; set the time zone messages use', 400)
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  put(
    @CurrentUser() user: AuthUser,
    @Body() dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponse> {
    return this.preferences.put(user.id, dto);
  }
}

@ApiTags('admin')
@Roles('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: Outbox) {}

  @Get()
  @ApiAuth('Watch outgoing email, newest first', 400)
  @ApiOkResponse({ type: OutboxMessagePage })
  list(@Query() query: OutboxListQueryDto): Promise<Page<OutboxMessageResponse>> {
    return this.outbox.list(query);
  }
}
