import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCreatedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenService } from '../../common/auth/access-token.service.js';
import { bearerToken } from '../../common/auth/auth.guard.js';
import { CurrentUser, Public } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { AppConfig } from '../../config/app-config.js';
import { AccountRateLimit, LoginRateLimit } from '../../common/http/throttling.js';
import { AuthService, type SignedIn } from './auth.service.js';
import {
  AuthResponse,
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  VerifyEmailDto,
} from './dto/auth.dto.js';
import { EmailVerification } from './email-verification.service.js';
import { PasswordsService } from './passwords.service.js';
import {
  clearRefreshCookie,
  refreshCookieOf,
  secureCookies,
  setRefreshCookie,
} from './refresh-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
    private readonly verification: EmailVerification,
    private readonly accessTokens: AccessTokenService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @AccountRateLimit()
  @ApiPublic('Create an account (a confirmation link is emailed)', 400, 409)
  @ApiCreatedResponse({ type: AuthResponse })
  async register(
    @Body() dto: RegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.withCookie(request, reply, await this.auth.register(dto));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @LoginRateLimit()
  @ApiOkResponse({ type: AuthResponse })
  @ApiPublic('Sign in', 400, 401)
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.withCookie(request, reply, await this.auth.login(dto));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponse })
  @ApiPublic(
    'Trade a refresh token (body or cookie) for a new pair; a used one ends its session',
    400,
    401,
  )
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    try {
      const signedIn = await this.auth.refresh(dto.refreshToken ?? refreshCookieOf(request));
      return this.withCookie(request, reply, signedIn);
    } catch (error) {
      clearRefreshCookie(reply, this.secure(request));
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiPublic('Sign out: the session ends on every instance', 400)
  @ApiNoContentResponse({ description: 'Signed out (also when nothing was signed in)' })
  async logout(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const bearer = bearerToken(request.headers.authorization);
    const subject = bearer ? await this.accessTokens.verify(bearer) : null;
    await this.auth.logout(subject, dto.refreshToken ?? refreshCookieOf(request));
    clearRefreshCookie(reply, this.secure(request));
  }

  @Post('password')
  @HttpCode(204)
  @ApiAuth('Change my password (my other sessions end)', 400)
  @ApiNoContentResponse({ description: 'Changed' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.passwords.change(user, dto);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @AccountRateLimit()
  @ApiPublic('Email a one-hour reset link, if an account has this address', 400)
  @ApiAcceptedResponse({ description: 'Accepted, whether or not an account has this address' })
  requestReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    return this.passwords.requestReset(dto.email);
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @AccountRateLimit()
  @ApiPublic('Set a new password with a reset link (every session ends)', 400)
  @ApiNoContentResponse({ description: 'The new password is set' })
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.passwords.confirmReset(dto);
  }

  @Public()
  @Post('verify-email')
  @HttpCode(204)
  @ApiPublic('Confirm my address with the emailed link', 400)
  @ApiNoContentResponse({ description: 'The address is confirmed' })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    return this.verification.verify(dto.token);
  }

  @Post('verify-email/resend')
  @HttpCode(202)
  @AccountRateLimit()
  @ApiAuth('Email a new confirmation link (none once confirmed)')
  @ApiAcceptedResponse({ description: 'A link is on its way unless the address is confirmed' })
  resendVerification(@CurrentUser() user: AuthUser): Promise<void> {
    return this.verification.resend(user.id);
  }

  private secure(request: FastifyRequest): boolean {
    return secureCookies(request, this.config.publicUrl);
  }

  private withCookie(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn) {
    const { refreshToken } = signedIn.response;
    setRefreshCookie(reply, refreshToken, signedIn.refreshExpiresAt, this.secure(request));
    return signedIn.response;
  }
}
