import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { BookingLedger } from './booking-ledger.service.js';
import { BookingNotices } from './booking-notices.service.js';
import { BookingsPersonalData } from './bookings-personal-data.service.js';

/**
 * The bookings statements other modules may run, and what bookings tell people (kept apart so
 * the modules that re-judge bookings need not import bookings).
 */
@Module({
  imports: [NotificationsModule],
  providers: [BookingLedger, BookingNotices, BookingsPersonalData],
  exports: [BookingLedger, BookingNotices, BookingsPersonalData],
})
export class BookingLedgerModule {}
