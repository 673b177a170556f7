import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingLedgerModule } from '../bookings/booking-ledger.module.js';
import { Offering } from './offering.entity.js';
import { OfferingsController } from './offerings.controller.js';
import { OfferingsService } from './offerings.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Offering]), BookingLedgerModule],
  controllers: [OfferingsController],
  providers: [OfferingsService],
  exports: [OfferingsService],
})
export class OfferingsModule {}
