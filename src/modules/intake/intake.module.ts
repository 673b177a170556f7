import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BOOKING_SCREENING } from '../bookings/screening-policy.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { IntakeReviewService } from './intake-review.service.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';
import { ScreeningService } from './screening.service.js';

@Module({
  imports: [AuditModule, SchedulesModule],
  controllers: [IntakeController],
  providers: [
    IntakeService,
    IntakeReviewService,
    ScreeningService,
    { provide: BOOKING_SCREENING, useExisting: ScreeningService },
  ],
  exports: [BOOKING_SCREENING],
})
export class IntakeModule {}
