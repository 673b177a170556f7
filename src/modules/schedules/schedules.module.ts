import { Module } from '@nestjs/common';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { UsersModule } from '../users/users.module.js';
import { SchedulesController } from './schedules.controller.js';
import { LocationsModule } from '../locations/locations.module.js';
import { SchedulesPersonalData } from './schedules-personal-data.service.js';
import { SchedulesService } from './schedules.service.js';
import { SlotsService } from './slots.service.js';

@Module({
  imports: [BookingLedgerModule, TherapistsModule, UsersModule, LocationsModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, SlotsService, SchedulesPersonalData],
  exports: [SchedulesService, SlotsService, SchedulesPersonalData],
})
export class SchedulesModule {}
