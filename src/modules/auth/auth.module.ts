import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginFailure } from './login-failure.entity.js';
import { LoginLimiterService } from './login-limiter.service.js';
import { PasswordHasher } from './password-hasher.js';

@Module({
  imports: [UsersModule, TypeOrmModule.forFeature([LoginFailure])],
  controllers: [AuthController],
  providers: [AuthService, PasswordHasher, LoginLimiterService],
  exports: [PasswordHasher],
})
export class AuthModule {}
