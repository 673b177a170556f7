import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BOOKING_SCREENING } from '../bookings/screening-policy.js';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { LocationsModule } from '../locations/locations.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { RescreeningService } from './rescreening.service.js';
import { IntakeHistoryService } from './intake-history.service.js';
import { IntakeReviewService } from './intake-review.service.js';
import { IntakePersonalData } from './intake-personal-data.service.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';
import { MatchingService } from './matching.service.js';
import { ScreeningService } from './screening.service.js';
import { SessionFactsService } from './session-facts.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';

@Module({
  imports: [
    NotificationsModule,
    AuditModule,
    SchedulesModule,
    TherapistsModule,
    BookingLedgerModule,
    LocationsModule,
  ],
  controllers: [IntakeController],
  providers: [
    IntakeService,
    IntakeHistoryService,
    MatchingService,
    IntakeReviewService,
    ScreeningService,
    RescreeningService,
    SessionFactsService,
    IntakePersonalData,
    { provide: BOOKING_SCREENING, useExisting: ScreeningService },
  ],
  exports: [BOOKING_SCREENING, SessionFactsService, IntakePersonalData],
})
export class IntakeModule {}
