import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import { AppConfig } from '../../config/app-config.js';
import { offeringErrors } from '../offerings/offerings.errors.js';
import { OfferingsService } from '../offerings/offerings.service.js';
import { fitsAvailability, isSlotOffered } from '../schedules/availability.rules.js';
import { locationErrors } from '../locations/locations.errors.js';
import { ResourcesService } from '../locations/resources.service.js';
import { splitByLocation } from '../schedules/resource.rules.js';
import { SlotsService } from '../schedules/slots.service.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import { therapistErrors } from '../therapists/therapists.errors.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { Booking } from './booking.entity.js';
import { bookingFromRow } from './booking.mapper.js';
import { horizonEnd } from './booking.rules.js';
import { INSERT_BOOKING_SQL, insertBookingParams, THERAPIST_TAKEN_SQL } from './booking.sql.js';
import { bookingErrors } from './bookings.errors.js';
import { BOOKING_SCREENING, type BookingScreening } from './screening-policy.js';

/** PostgreSQL's refusal of an overlapping live booking (the exclusion constraint). */
const EXCLUSION_VIOLATION = '23P01';
/** A deadlock or serialization failure: nothing was decided, so a retry may succeed. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);

/** A constraint or concurrency refusal from PostgreSQL, as the domain error it means. */
export function asDomainError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof QueryFailedError) {
    const { code, constraint } = error.driverError as { code?: string; constraint?: string };
    if (code === EXCLUSION_VIOLATION) return bookingErrors.slotTaken();
    if (code && TRANSIENT_CODES.has(code)) return bookingErrors.concurrentUpdate();
    // The row locks below make these unreachable; kept so a missed path still answers plainly.
    if (code === '23503' && constraint === 'FK_bookings_offering') {
      return offeringErrors.notFound();
    }
    if (code === '23503' && constraint === 'FK_bookings_therapist') {
      return therapistErrors.notFound();
    }
  }
  return null;
}

/** A session to book for a client; `startsAt` an ISO instant. */
export interface BookingRequest {
  therapistId: string;
  offeringId: string;
  startsAt: string;
  intakeId?: string;
  notes?: string | null;
  /** A reschedule: the booking this one replaces (its series carries on). */
  replaces?: { id: string; seriesId: string | null };
}

/**
 * Writes one booking after every booking rule (README, API section) — the one path by which a
 * booking comes to be: a new booking, a reschedule's new time, a waitlist claim.
 */
@Injectable()
export class BookingWriter {
  constructor(
    private readonly offerings: OfferingsService,
    private readonly therapists: TherapistsService,
    private readonly slots: SlotsService,
    @Inject(BOOKING_SCREENING) private readonly screening: BookingScreening,
    private readonly resources: ResourcesService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Takes, in a booking's order, the locks a booking of `offeringId` with these therapists for
   * this client would take — the offering and the therapists FOR SHARE (sorted), then the client's
   * screening lock — for a change that must lock a booking row or a waitlist offer too: those come
   * after these, as everywhere, so no two transactions wait for each other in a cycle.
   */
  async lockForBooking(
    manager: EntityManager,
    offeringId: string,
    therapistIds: readonly string[],
    clientId: string,
  ): Promise<void> {
    await this.offerings.findLiveRow(manager, offeringId, true);
    for (const id of [...new Set(therapistIds)].sort()) {
      await this.therapists.lockForBooking(manager, id);
    }
    await this.screening.lockClient(manager, clientId);
  }

  /** The client's screening lock alone (a change to the client's waitlist, say). */
  lockClient(manager: EntityManager, clientId: string): Promise<void> {
    return this.screening.lockClient(manager, clientId);
  }

  /**
   * Every rule, checked inside the caller's transaction; the exclusion constraint has the last
   * word. What the booking rests on is locked first, always in this order — the offering and the
   * therapist FOR SHARE, then the client's screening — so archiving the offering, changing the
   * profile, revoking a certificate or adding time off (each FOR UPDATE) is either fully before
   * this booking (which then sees it) or waits until the booking is committed (and then sees it).
   * A time the caller frees in this transaction (a reschedule's old booking, a claimed hold) is
   * free here: the slot check reads the transaction's own changes.
   */
  async book(
    manager: EntityManager,
    clientId: string,
    request: BookingRequest,
    now: Date,
  ): Promise<Booking> {
    const startsAt = Date.parse(request.startsAt);
    const offering = await this.offerings.findLiveRow(manager, request.offeringId, true);
    const therapist = await this.therapists.bookingFacts(
      manager,
      request.therapistId,
      offering.technique_slug,
      true,
    );
    if (startsAt <= now.getTime()) throw bookingErrors.inPast();
    if (startsAt > horizonEnd(now.getTime(), this.config.bookingHorizonDays)) {
      throw bookingErrors.beyondHorizon(this.config.bookingHorizonDays);
    }
    const endsAt = startsAt + offering.duration_minutes * MINUTE_MS;
    const until = qualifiedUntil(therapist, offering.technique_slug === 'prenatal');
    if (until === null || endsAt > until) {
      throw bookingErrors.therapistNotQualified(offering.technique_slug);
    }
    const { intakeId } = await this.screening.screen(manager, {
      clientId,
      technique: offering.technique_slug,
      intakeId: request.intakeId,
      prenatalCertified: endsAt <= (qualifiedUntil(therapist, true) ?? 0),
      now,
    });

    const slotQuery = await this.slots.slotQuery(
      manager,
      {
        therapistId: request.therapistId,
        timezone: therapist.timezone,
        durationMinutes: offering.duration_minutes,
        bufferMinutes: offering.buffer_minutes,
      },
      startsAt,
      startsAt + 1,
      now.getTime(),
    );
    // A session happens in one place: the location whose hours hold it whole.
    const places = splitByLocation(slotQuery, therapist.location_id);
    const place = places.find((located) => isSlotOffered(located.query, startsAt));
    if (!place) {
      const inHours = places.some((located) => fitsAvailability(located.query, startsAt, endsAt));
      if (startsAt % (15 * MINUTE_MS) !== 0 || !inHours) {
        throw bookingErrors.slotUnavailable();
      }
      throw bookingErrors.slotTaken();
    }

    // What it takes there: a room (the plainest that fits and is free, leaving special rooms to
    // the sessions that need them) and the equipment it needs.
    const { locationId } = place;
    const occupiedUntil = endsAt + offering.buffer_minutes * MINUTE_MS;
    const calendars = await this.resources.calendars(
      manager,
      locationId,
      offering.requires,
      startsAt,
      occupiedUntil,
    );
    const rooms = this.resources.freeRooms(calendars, startsAt, occupiedUntil);
    const insert = (room: { id: string; name: string } | null) =>
      manager.query(
        INSERT_BOOKING_SQL,
        insertBookingParams({
          clientId,
          therapistId: request.therapistId,
          offering,
          startsAt,
          notes: request.notes ?? null,
          intakeId,
          replaces: request.replaces,
          locationId,
          roomId: room?.id ?? null,
        }),
      );
    let booked: Booking | null = null;
    for (const room of rooms ?? [null]) {
      const [row] = await insert(room);
      if (row) {
        booked = bookingFromRow(row, room);
        break;
      }
      // Nothing written: the therapist's time or this room went to a concurrent booking.
      const [{ taken }] = await manager.query(THERAPIST_TAKEN_SQL, [
        request.therapistId,
        new Date(startsAt),
        new Date(occupiedUntil),
      ]);
      if (!room || taken) throw bookingErrors.slotTaken();
    }
    if (!booked) {
      throw calendars.rooms?.length
        ? locationErrors.noRoom('room')
        : locationErrors.notFitted('room');
    }
    await this.resources.claimEquipment(manager, calendars, booked.id, startsAt, occupiedUntil);
    return booked;
  }
}
