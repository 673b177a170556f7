import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { AgendaService } from './agenda.service.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsService } from './bookings.service.js';
import { CalendarService } from './calendar.service.js';
import { TherapistBookingsController } from './therapist-bookings.controller.js';

@Module({
  imports: [IntakeModule, SchedulesModule, TherapistsModule],
  controllers: [BookingsController, TherapistBookingsController],
  providers: [BookingsService, AgendaService, CalendarService],
})
export class BookingsModule {}
