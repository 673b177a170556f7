import { Module } from '@nestjs/common';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OfferingsModule } from '../offerings/offerings.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { WaitlistOffers } from './waitlist-offers.service.js';
import { WaitlistPersonalData } from './waitlist-personal-data.service.js';
import { WaitlistController } from './waitlist.controller.js';
import { WaitlistService } from './waitlist.service.js';

/** The waitlist: entries, offers of freed time held for their clients, claims. */
@Module({
  imports: [
    BookingLedgerModule,
    BookingsModule,
    NotificationsModule,
    OfferingsModule,
    SchedulesModule,
    TherapistsModule,
  ],
  controllers: [WaitlistController],
  providers: [WaitlistService, WaitlistOffers, WaitlistPersonalData],
  exports: [WaitlistPersonalData],
})
export class WaitlistModule {}
