import { Module } from '@nestjs/common';
import { BookingLedger } from './booking-ledger.service.js';

/** The bookings statements other modules may run (kept apart so they need not import bookings). */
@Module({ providers: [BookingLedger], exports: [BookingLedger] })
export class BookingLedgerModule {}
