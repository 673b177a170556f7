import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountTokens } from './account-tokens.service.js';
import { AuthPersonalData } from './auth-personal-data.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { FirstRunService } from './first-run.service.js';
import { SetupController } from './setup.controller.js';
import { EmailVerification } from './email-verification.service.js';
import { LoginFailure } from './login-failure.entity.js';
import { LoginLimiterService } from './login-limiter.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordsService } from './passwords.service.js';

@Module({
  imports: [
    UsersModule,
    NotificationsModule,
    AuditModule,
    TypeOrmModule.forFeature([LoginFailure]),
  ],
  controllers: [AuthController, SetupController],
  providers: [
    AuthService,
    FirstRunService,
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
