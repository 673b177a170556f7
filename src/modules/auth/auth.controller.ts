import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, CurrentUser } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { LoginRateLimit } from '../../common/http/throttling.js';
import { AuthResponse, LoginDto, RegisterDto, UserResponse } from './dto/auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/register')
  @ApiPublic('Create an account', 400, 409)
  @ApiCreatedResponse({ type: AuthResponse })
  register(@Body() dto: RegisterDto): Promise<AuthResponse> {
    return this.auth.register(dto);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @LoginRateLimit()
  @ApiOkResponse({ type: AuthResponse })
  @ApiPublic('Sign in', 400, 401)
  login(@Body() dto: LoginDto): Promise<AuthResponse> {
    return this.auth.login(dto);
  }

  @Get('me')
  @ApiAuth('Read my account')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }
}
