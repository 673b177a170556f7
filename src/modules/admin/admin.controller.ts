import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth } from '../../common/http/api-problems.decorator.js';
import { Page, PageQueryDto } from '../../common/pagination/pagination.js';
import { IdParam } from '../../common/validation/id-param.js';
import { AuditEntryPage, AuditEntryResponse } from '../audit/audit-entry.response.js';
import { AuditService } from '../audit/audit.service.js';
import {
  AdminCertificationResponse,
  CertificationListQueryDto,
  CertificationPage,
  CertificationResponse,
  DecideCertificationDto,
  RejectCertificationDto,
  RevokeCertificationDto,
} from '../therapists/dto/therapist.dto.js';
import { TherapistsService } from '../therapists/therapists.service.js';

@ApiTags('admin')
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly therapists: TherapistsService,
    private readonly audit: AuditService,
  ) {}

  @Get('certifications')
  @ApiAuth('List certifications to review', 400)
  @ApiOkResponse({ type: CertificationPage })
  listCertifications(
    @Query() query: CertificationListQueryDto,
  ): Promise<Page<AdminCertificationResponse>> {
    return this.therapists.listCertifications(query);
  }

  @Post('certifications/:id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: CertificationResponse })
  @ApiAuth('Verify a certification', 400, 404, 409)
  verify(
    @CurrentUser() admin: AuthUser,
    @IdParam() id: string,
    @Body() dto: DecideCertificationDto,
  ): Promise<CertificationResponse> {
    return this.therapists.decideCertification(admin.id, id, 'verified', dto.note);
  }

  @Post('certifications/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: CertificationResponse })
  @ApiAuth('Reject a certification', 400, 404, 409)
  reject(
    @CurrentUser() admin: AuthUser,
    @IdParam() id: string,
    @Body() dto: RejectCertificationDto,
  ): Promise<CertificationResponse> {
    return this.therapists.decideCertification(admin.id, id, 'rejected', dto.note);
  }

  @Post('certifications/:id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: CertificationResponse })
  @ApiAuth('Revoke a certification', 400, 404, 409)
  revoke(
    @CurrentUser() admin: AuthUser,
    @IdParam() id: string,
    @Body() dto: RevokeCertificationDto,
  ): Promise<CertificationResponse> {
    return this.therapists.revokeCertification(admin.id, id, dto.reason);
  }

  @Get('audit-log')
  @ApiAuth('Read the audit log, newest first', 400)
  @ApiOkResponse({ type: AuditEntryPage })
  auditLog(@Query() query: PageQueryDto): Promise<Page<AuditEntryResponse>> {
    return this.audit.list(query);
  }
}
