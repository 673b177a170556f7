import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toIsoInstant } from '../../common/time/iso.js';
import { parseWindow } from '../../common/time/window.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import { AppConfig } from '../../config/app-config.js';
import { OfferingsService } from '../offerings/offerings.service.js';
import { locatedSlotStarts } from '../schedules/resource.rules.js';
import { SlotsService } from '../schedules/slots.service.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { horizonEnd } from './booking.rules.js';
import { bookingErrors } from './bookings.errors.js';
import { SlotQueryDto, SlotsResponse } from './dto/booking.dto.js';

const MAX_SLOT_WINDOW_DAYS = 31;

/**
 * The free start times a client may book: the same availability function and the same checks as
 * a booking (BookingsService.book), read without locks.
 */
@Injectable()
export class SlotSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offerings: OfferingsService,
    private readonly therapists: TherapistsService,
    private readonly slots: SlotsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Free start times of a bookable therapist for an offering (at most 31 days, not in the past,
   * not past the booking horizon, none ending after the therapist's qualification does).
   */
  async findSlots(therapistId: string, query: SlotQueryDto): Promise<SlotsResponse> {
    const now = Date.now();
    const window = parseWindow(query, {
      defaultFrom: now,
      notBefore: now,
      defaultDays: 7,
      maxDays: MAX_SLOT_WINDOW_DAYS,
    });
    const from = window.from;
    const to = Math.min(window.to, horizonEnd(now, this.config.bookingHorizonDays));
    const manager = this.dataSource.manager;
    const offering = await this.offerings.findLiveRow(manager, query.offeringId);
    const therapist = await this.therapists.bookingFacts(
      manager,
      therapistId,
      offering.technique_slug,
    );
    const until = qualifiedUntil(therapist, offering.technique_slug === 'prenatal');
    if (until === null || until <= now) {
      throw bookingErrors.therapistNotQualified(offering.technique_slug);
    }
    const slotQuery = await this.slots.slotQuery(
      manager,
      {
        therapistId,
        timezone: therapist.timezone,
        durationMinutes: offering.duration_minutes,
        bufferMinutes: offering.buffer_minutes,
        bookableUntil: until,
      },
      from,
      Math.max(from, to),
      now,
    );
    // Each place the therapist works, with the times its rooms and equipment leave free.
    const located = await this.slots.locate(
      manager,
      slotQuery,
      therapist.location_id,
      offering.requires,
    );
    const duration = offering.duration_minutes * MINUTE_MS;
    return {
      therapistId,
      offeringId: offering.id,
      timezone: therapist.timezone,
      slots: locatedSlotStarts(located).map((start) => ({
        startsAt: toIsoInstant(start),
        endsAt: toIsoInstant(start + duration),
      })),
    };
  }
}
