import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { TherapistsController } from './therapists.controller.js';
import { LocationsModule } from '../locations/locations.module.js';
import { TherapistsPersonalData } from './therapists-personal-data.service.js';
import { TherapistsService } from './therapists.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';

@Module({
  imports: [NotificationsModule, AuditModule, BookingLedgerModule, LocationsModule],
  controllers: [TherapistsController],
  providers: [TherapistsService, TherapistsPersonalData],
  exports: [TherapistsService, TherapistsPersonalData],
})
export class TherapistsModule {}
