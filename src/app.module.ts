import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthCoreModule } from './common/auth/auth-core.module.js';
import { AuthGuard } from './common/auth/auth.guard.js';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter.js';
import { loggerOptions } from './common/http/logging.js';
import { throttlerOptions } from './common/http/throttling.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { databaseOptions } from './database/database.options.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BookingsModule } from './modules/bookings/bookings.module.js';
import { IntakeModule } from './modules/intake/intake.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OfferingsModule } from './modules/offerings/offerings.module.js';
import { SchedulesModule } from './modules/schedules/schedules.module.js';
import { TechniquesModule } from './modules/techniques/techniques.module.js';
import { TherapistsModule } from './modules/therapists/therapists.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { LocationsModule } from './modules/locations/locations.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WaitlistModule } from './modules/waitlist/waitlist.module.js';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerOptions }),
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        databaseOptions(config.databaseUrl, {
          migrationsRun: true,
          poolSize: config.databasePoolSize,
          extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 },
        }),
    }),
    ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: throttlerOptions }),
    AuthCoreModule,
    SessionsModule,
    JobsModule,
    NotificationsModule,
    HealthModule,
    UsersModule,
    AuthModule,
    AccountsModule,
    TechniquesModule,
    LocationsModule,
    OfferingsModule,
    TherapistsModule,
    SchedulesModule,
    AdminModule,
    IntakeModule,
    BookingsModule,
    WaitlistModule,
  ],
  providers: [
    // Order matters: rate limits first (cheap), then authentication and roles.
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {}
