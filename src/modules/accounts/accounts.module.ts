import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { UsersModule } from '../users/users.module.js';
import { WaitlistModule } from '../waitlist/waitlist.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';

/** The account as its owner sees it: read, rename, export, erase. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    BookingLedgerModule,
    IdempotencyModule,
    IntakeModule,
    NotificationsModule,
    SchedulesModule,
    TherapistsModule,
    UsersModule,
    WaitlistModule,
  ],
  controllers: [AccountsController],
  providers: [AccountsService],
})
export class AccountsModule {}
