import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/auth.decorators.js';
import { ApiPublic } from '../../common/http/api-problems.decorator.js';
import { AccountRateLimit } from '../../common/http/throttling.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthResponse, SetupDto } from './dto/auth.dto.js';
import { FirstRunService } from './first-run.service.js';
import { secureCookies, setRefreshCookie } from './refresh-cookie.js';

@ApiTags('auth')
@Controller('setup')
export class SetupController {
  constructor(
    private readonly firstRun: FirstRunService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @AccountRateLimit()
  @ApiPublic(
    'Create the first administrator with the link logged at start-up (signed in; 404 once one exists)',
    400,
    404,
    409,
  )
  @ApiCreatedResponse({ type: AuthResponse })
  async setUp(
    @Body() dto: SetupDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    const signedIn = await this.firstRun.setUp(dto);
    setRefreshCookie(
      reply,
      signedIn.response.refreshToken,
      signedIn.refreshExpiresAt,
      secureCookies(request, this.config.publicUrl),
    );
    return signedIn.response;
  }
}
