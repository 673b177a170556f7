import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { Page } from '../../common/pagination/pagination.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  CertificationResponse,
  CreateCertificationDto,
  PublicTherapistPage,
  PublicTherapistResponse,
  TherapistListQueryDto,
  TherapistProfileResponse,
  UpsertTherapistProfileDto,
} from './dto/therapist.dto.js';
import { TherapistsService } from './therapists.service.js';

@ApiTags('therapists')
@Controller('therapists')
export class TherapistsController {
  constructor(private readonly therapists: TherapistsService) {}

  @Roles('therapist')
  @Get('me')
  @ApiAuth('Read my therapist profile', 409)
  @ApiOkResponse({ type: TherapistProfileResponse })
  ownProfile(@CurrentUser() user: AuthUser): Promise<TherapistProfileResponse> {
    return this.therapists.ownProfile(user.id);
  }

  @Roles('therapist')
  @Put('me')
  @ApiAuth('Create or replace my therapist profile', 400, 404, 409)
  @ApiOkResponse({ type: TherapistProfileResponse })
  upsertProfile(
    @CurrentUser() user: AuthUser,
    @Body() dto: UpsertTherapistProfileDto,
  ): Promise<TherapistProfileResponse> {
    return this.therapists.upsertProfile(user.id, dto);
  }

  @Roles('therapist')
  @Post('me/certifications')
  @ApiAuth('File a certification for review', 400, 409)
  @ApiCreatedResponse({ type: CertificationResponse })
  addCertification(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCertificationDto,
  ): Promise<CertificationResponse> {
    return this.therapists.addCertification(user.id, dto);
  }

  @Roles('therapist')
  @Get('me/certifications')
  @ApiAuth('List my certifications')
  @ApiOkResponse({ type: [CertificationResponse] })
  listCertifications(@CurrentUser() user: AuthUser): Promise<CertificationResponse[]> {
    return this.therapists.listOwnCertifications(user.id);
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: PublicTherapistPage })
  @ApiPublic('List bookable therapists', 400)
  list(@Query() query: TherapistListQueryDto): Promise<Page<PublicTherapistResponse>> {
    return this.therapists.listPublic(query);
  }

  @Public()
  @Get(':id')
  @ApiOkResponse({ type: PublicTherapistResponse })
  @ApiPublic('Read a therapist’s public profile', 400, 404)
  get(@IdParam() id: string): Promise<PublicTherapistResponse> {
    return this.therapists.getPublic(id);
  }
}
