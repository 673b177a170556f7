import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import { AppConfig } from '../../config/app-config.js';
import { IdempotencyStore } from '../idempotency/idempotency-store.service.js';
import { requestHash } from '../idempotency/request-hash.js';
import { offeringErrors } from '../offerings/offerings.errors.js';
import { OfferingsService } from '../offerings/offerings.service.js';
import { fitsAvailability, isSlotOffered } from '../schedules/availability.rules.js';
import { SlotsService } from '../schedules/slots.service.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import { therapistErrors } from '../therapists/therapists.errors.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { BookingNotices } from './booking-notices.service.js';
import { Booking } from './booking.entity.js';
import { bookingFromRow, toBookingResponse } from './booking.mapper.js';
import { BookingAction, horizonEnd, isLateCancellation, transition } from './booking.rules.js';
import { INSERT_BOOKING_SQL, insertBookingParams } from './booking.sql.js';
import { bookingErrors } from './bookings.errors.js';
import { BookingListQueryDto, BookingResponse, CreateBookingDto } from './dto/booking.dto.js';
import { BOOKING_SCREENING, type BookingScreening } from './screening-policy.js';

/** PostgreSQL's refusal of an overlapping live booking (the exclusion constraint). */
const EXCLUSION_VIOLATION = '23P01';
/** A deadlock or serialization failure: nothing was decided, so a retry may succeed. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);

/** A constraint or concurrency refusal from PostgreSQL, as the domain error it means. */
function asDomainError(error: unknown): AppError | null {
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

@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offerings: OfferingsService,
    private readonly therapists: TherapistsService,
    private readonly slots: SlotsService,
    private readonly idempotency: IdempotencyStore,
    @Inject(BOOKING_SCREENING) private readonly screening: BookingScreening,
    private readonly config: AppConfig,
    private readonly notices: BookingNotices,
  ) {}

  /**
   * Books a slot. Without an Idempotency-Key: one transaction. With one: the first answer for
   * (client, key) is stored in the same transaction and replayed to retries with the same body.
   */
  async create(
    client: AuthUser,
    dto: CreateBookingDto,
    idempotencyKey?: string,
  ): Promise<BookingResponse> {
    if (idempotencyKey === undefined) {
      try {
        return await this.dataSource.transaction((manager) => this.book(manager, client.id, dto));
      } catch (error) {
        throw asDomainError(error) ?? error;
      }
    }
    return this.idempotency.run(client.id, idempotencyKey, requestHash('POST /bookings', dto), {
      attempt: async (manager) => {
        try {
          return await this.book(manager, client.id, dto);
        } catch (error) {
          throw asDomainError(error) ?? error;
        }
      },
      // The booking as it is now: it may have been cancelled since the first answer.
      replay: async (manager, stored) =>
        toBookingResponse(await manager.findOneByOrFail(Booking, { id: stored.id })),
    });
  }

  /**
   * Every booking rule (README, API section), checked inside the booking's transaction; the
   * exclusion constraint has the last word. What the booking rests on is locked first, always in
   * this order — the offering and the therapist FOR SHARE, then the client's screening — so
   * archiving the offering, changing the profile, revoking a certificate or adding time off (each
   * FOR UPDATE) is either fully before this booking (which then sees it) or waits until the
   * booking is committed (and then sees the booking).
   */
  private async book(
    manager: EntityManager,
    clientId: string,
    dto: CreateBookingDto,
  ): Promise<BookingResponse> {
    const now = new Date();
    const startsAt = Date.parse(dto.startsAt);
    const offering = await this.offerings.findLiveRow(manager, dto.offeringId, true);
    const therapist = await this.therapists.bookingFacts(
      manager,
      dto.therapistId,
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
      intakeId: dto.intakeId,
      prenatalCertified: endsAt <= (qualifiedUntil(therapist, true) ?? 0),
      now,
    });

    const slotQuery = await this.slots.slotQuery(
      manager,
      {
        therapistId: dto.therapistId,
        timezone: therapist.timezone,
        durationMinutes: offering.duration_minutes,
        bufferMinutes: offering.buffer_minutes,
      },
      startsAt,
      startsAt + 1,
      now.getTime(),
    );
    if (!isSlotOffered(slotQuery, startsAt)) {
      if (startsAt % (15 * MINUTE_MS) !== 0 || !fitsAvailability(slotQuery, startsAt, endsAt)) {
        throw bookingErrors.slotUnavailable();
      }
      throw bookingErrors.slotTaken();
    }

    const [row] = await manager.query(
      INSERT_BOOKING_SQL,
      insertBookingParams({
        clientId,
        therapistId: dto.therapistId,
        offering,
        startsAt,
        notes: dto.notes ?? null,
        intakeId,
      }),
    );
    if (!row) throw bookingErrors.slotTaken();
    await this.notices.confirmed(manager, row.id, now);
    return toBookingResponse(bookingFromRow(row));
  }

  async list(user: AuthUser, query: BookingListQueryDto): Promise<Page<BookingResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const builder = this.dataSource.manager
      .createQueryBuilder(Booking, 'b')
      .orderBy('b.starts_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .limit(query.limit + 1);
    if (user.role === 'client') builder.andWhere('b.client_id = :userId', { userId: user.id });
    if (user.role === 'therapist')
      builder.andWhere('b.therapist_id = :userId', { userId: user.id });
    if (query.status) builder.andWhere('b.status = :status', { status: query.status });
    if (query.from) builder.andWhere('b.ends_at > :from', { from: query.from });
    if (query.to) builder.andWhere('b.starts_at < :to', { to: query.to });
    if (after) {
      builder.andWhere('(b.starts_at, b.id) > (:startsAt::timestamptz, :id::uuid)', {
        startsAt: after[0],
        id: after[1],
      });
    }
    const rows = await builder.getMany();
    return toPage(rows, query.limit, toBookingResponse, (b) => [b.startsAt.toISOString(), b.id]);
  }

  async get(user: AuthUser, id: string): Promise<BookingResponse> {
    return toBookingResponse(await this.findVisible(this.dataSource.manager, user, id));
  }

  /** Cancels (its client, its therapist, an admin) or closes (its therapist) a confirmed booking. */
  async act(
    user: AuthUser,
    id: string,
    action: BookingAction,
    reason?: string,
  ): Promise<BookingResponse> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.findVisible(manager, user, id, true);
      if (action !== 'cancel' && user.id !== booking.therapistId) {
        throw bookingErrors.notFound();
      }
      const now = Date.now();
      const next = transition(booking.status, action, booking.startsAt.getTime(), now);
      if (!next.ok) {
        if (next.reason === 'not-started') throw bookingErrors.notStarted();
        if (next.reason === 'started') throw bookingErrors.alreadyStarted();
        throw bookingErrors.cannotChange(booking.status);
      }
      booking.status = next.status;
      if (action === 'cancel') {
        booking.cancelledAt = new Date(now);
        booking.cancelledBy = user.id;
        booking.cancellerRole = user.role;
        // A cancelled booking waits for no review.
        booking.screening = 'clear';
        booking.screeningDeadline = null;
        booking.cancellationReason = reason ?? null;
        booking.lateCancellation = isLateCancellation(
          user.id === booking.clientId,
          booking.startsAt.getTime(),
          now,
        );
      }
      await manager.save(Booking, booking);
      if (next.status === 'cancelled' || next.status === 'completed') {
        await this.notices.changed(manager, `booking.${next.status}`, [booking.id]);
      }
      return toBookingResponse(booking);
    });
  }

  /** A booking the user may see: their own as client or therapist, any for an admin; else 404. */
  private async findVisible(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    lock = false,
  ): Promise<Booking> {
    const booking = await manager.findOne(Booking, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const visible =
      booking &&
      (user.role === 'admin' ||
        (user.role === 'client' && booking.clientId === user.id) ||
        (user.role === 'therapist' && booking.therapistId === user.id));
    if (!visible) throw bookingErrors.notFound();
    return booking;
  }
}
