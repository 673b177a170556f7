import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { LocationsModule } from '../locations/locations.module.js';
import { OfferingsModule } from '../offerings/offerings.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { UsersModule } from '../users/users.module.js';
import { BookingLedgerModule } from './booking-ledger.module.js';
import { AgendaService } from './agenda.service.js';
import { BookingsController } from './bookings.controller.js';
import { BookingWriter } from './booking-writer.service.js';
import { BookingsService } from './bookings.service.js';
import { RescheduleService } from './reschedule.service.js';
import { CalendarService } from './calendar.service.js';
import { SlotSearchService } from './slot-search.service.js';
import { TherapistBookingsController } from './therapist-bookings.controller.js';

@Module({
  imports: [
    BookingLedgerModule,
    IdempotencyModule,
    IntakeModule,
    LocationsModule,
    OfferingsModule,
    SchedulesModule,
    TherapistsModule,
    UsersModule,
  ],
  controllers: [BookingsController, TherapistBookingsController],
  providers: [
    BookingWriter,
    BookingsService,
    RescheduleService,
    SlotSearchService,
    AgendaService,
    CalendarService,
  ],
  exports: [BookingWriter],
})
export class BookingsModule {}
