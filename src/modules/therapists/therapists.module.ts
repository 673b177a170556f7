import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { TherapistPhotosController } from './therapist-photos.controller.js';
import { TherapistPhotosService } from './therapist-photos.service.js';
import { TherapistsController } from './therapists.controller.js';
import { LocationsModule } from '../locations/locations.module.js';
import { TherapistsPersonalData } from './therapists-personal-data.service.js';
import { TherapistsService } from './therapists.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';

@Module({
  imports: [NotificationsModule, AuditModule, BookingLedgerModule, LocationsModule],
  controllers: [TherapistPhotosController, TherapistsController],
  providers: [TherapistsService, TherapistPhotosService, TherapistsPersonalData],
  exports: [TherapistsService, TherapistPhotosService, TherapistsPersonalData],
})
export class TherapistsModule {}
