import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountTokens } from './account-tokens.service.js';
import { AuthPersonalData } from './auth-personal-data.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { EmailVerification } from './email-verification.service.js';
import { LoginFailure } from './login-failure.entity.js';
import { LoginLimiterService } from './login-limiter.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordsService } from './passwords.service.js';

@Module({
  imports: [UsersModule, NotificationsModule, TypeOrmModule.forFeature([LoginFailure])],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordHasher,
    LoginLimiterService,
    AccountTokens,
    EmailVerification,
    PasswordsService,
    AuthPersonalData,
  ],
  exports: [PasswordHasher, LoginLimiterService, AuthPersonalData],
})
export class AuthModule {}
