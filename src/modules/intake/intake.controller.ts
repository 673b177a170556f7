import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth } from '../../common/http/api-problems.decorator.js';
import { Page, PageQueryDto } from '../../common/pagination/pagination.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  CreatedIntakeResponse,
  CreateIntakeDto,
  FlagPage,
  FlagQueryDto,
  FlagResponse,
  FlagWithIntakeResponse,
  IntakePage,
  IntakeResponse,
  MatchQueryDto,
  MatchResponse,
  ResolveFlagDto,
} from './dto/intake.dto.js';
import { IntakeHistoryService } from './intake-history.service.js';
import { IntakeReviewService } from './intake-review.service.js';
import { IntakeService } from './intake.service.js';
import { MatchingService } from './matching.service.js';

@ApiTags('intake')
@Controller()
export class IntakeController {
  constructor(
    private readonly intakes: IntakeService,
    private readonly history: IntakeHistoryService,
    private readonly matching: MatchingService,
    private readonly review: IntakeReviewService,
  ) {}

  @Roles('client')
  @Post('intakes')
  @ApiCreatedResponse({ type: CreatedIntakeResponse })
  @ApiAuth('File a screening intake', 400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateIntakeDto,
  ): Promise<CreatedIntakeResponse> {
    return this.intakes.create(user.id, dto);
  }

  @Roles('client')
  @Get('intakes')
  @ApiOkResponse({ type: IntakePage })
  @ApiAuth('List my intakes, newest first', 400)
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<IntakeResponse>> {
    return this.history.list(user.id, query);
  }

  @Roles('client')
  @Get('intakes/latest')
  @ApiOkResponse({ type: IntakeResponse })
  @ApiAuth('Read my newest intake, expired or not', 404)
  latest(@CurrentUser() user: AuthUser): Promise<IntakeResponse> {
    return this.history.latest(user.id);
  }

  @Roles('client', 'admin')
  @Get('intakes/:id')
  @ApiOkResponse({ type: IntakeResponse })
  @ApiAuth('Read an intake', 400, 404)
  get(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<IntakeResponse> {
    return this.intakes.get(user, id);
  }

  @Roles('client')
  @Get('intakes/:id/matches')
  @ApiOkResponse({ type: [MatchResponse] })
  @ApiAuth('Rank therapists for an intake, with their next free slots', 400, 404, 422)
  matches(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: MatchQueryDto,
  ): Promise<MatchResponse[]> {
    return this.matching.matches(user, id, query);
  }

  @Roles('admin')
  @Get('admin/intake-flags')
  @ApiOkResponse({ type: FlagPage })
  @ApiAuth('List intake flags to review, oldest first', 400)
  flags(
    @CurrentUser() admin: AuthUser,
    @Query() query: FlagQueryDto,
  ): Promise<Page<FlagWithIntakeResponse>> {
    return this.review.list(admin, query);
  }

  @Roles('admin')
  @Post('admin/intake-flags/:id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: FlagResponse })
  @ApiAuth('Approve or reject an intake flag', 400, 404, 409)
  resolve(
    @CurrentUser() admin: AuthUser,
    @IdParam() id: string,
    @Body() dto: ResolveFlagDto,
  ): Promise<FlagResponse> {
    return this.review.resolve(admin, id, dto);
  }
}
