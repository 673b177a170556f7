import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import { toIsoInstant } from '../../common/time/iso.js';
import { DAY_MS, parseWindow } from '../../common/time/window.js';
import type { TechniqueSlug } from '../intake/intake.types.js';
import {
  fitsAvailability,
  findSlotStarts,
  isSlotOffered,
} from '../schedules/availability.rules.js';
import { AppConfig } from '../../config/app-config.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import {
  qualificationFactsSql,
  type QualificationFactsRow,
} from '../therapists/qualification.sql.js';
import { Booking } from './booking.entity.js';
import { BookingAction, isLateCancellation, transition } from './booking.rules.js';
import {
  BookingListQueryDto,
  BookingResponse,
  CreateBookingDto,
  SlotQueryDto,
  SlotsResponse,
} from './dto/booking.dto.js';
import { BOOKING_SCREENING, type BookingScreening } from './screening-policy.js';
import { SlotsService } from '../schedules/slots.service.js';

const MINUTE_MS = 60_000;
export const MAX_SLOT_WINDOW_DAYS = 31;
const IDEMPOTENCY_TTL_MS = DAY_MS;

/** PostgreSQL's refusal of an overlapping live booking (the exclusion constraint). */
const EXCLUSION_VIOLATION = '23P01';
/** A deadlock or serialization failure: nothing was decided, so a retry may succeed. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);

export function toBookingResponse(booking: Booking): BookingResponse {
  return {
    id: booking.id,
    status: booking.status,
    clientId: booking.clientId,
    therapistId: booking.therapistId,
    offeringId: booking.offeringId,
    technique: booking.techniqueSlug,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    durationMinutes: Math.round(
      (booking.endsAt.getTime() - booking.startsAt.getTime()) / MINUTE_MS,
    ),
    priceCents: booking.priceCents,
    notes: booking.notes,
    intakeId: booking.intakeId,
    screening: booking.screening,
    screeningDeadline: booking.screeningDeadline?.toISOString() ?? null,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    cancelledBy: booking.cancellerRole,
    cancellationCode: booking.cancellationCode,
    cancellationReason: booking.cancellationReason,
    lateCancellation: booking.lateCancellation,
    createdAt: booking.createdAt.toISOString(),
  };
}

function slotTaken(): AppError {
  return new AppError(ErrorCode.SlotTaken, 'Another booking holds this time; pick another slot.');
}

/** A constraint or concurrency refusal from PostgreSQL, as the domain error it means. */
function asDomainError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof QueryFailedError) {
    const { code, constraint } = error.driverError as { code?: string; constraint?: string };
    if (code === EXCLUSION_VIOLATION) return slotTaken();
    if (code && TRANSIENT_CODES.has(code)) {
      return new AppError(
        ErrorCode.ConcurrentUpdate,
        'Another change happened at the same moment; please try again.',
      );
    }
    // The row locks below make these unreachable; kept so a missed path still answers plainly.
    if (code === '23503' && constraint === 'FK_bookings_offering') {
      return new NotFoundError(ErrorCode.OfferingNotFound, 'The offering');
    }
    if (code === '23503' && constraint === 'FK_bookings_therapist') {
      return new NotFoundError(ErrorCode.TherapistNotFound, 'The therapist');
    }
  }
  return null;
}

interface TherapistRow extends QualificationFactsRow {
  timezone: string;
}

function notQualified(technique: string): AppError {
  return new AppError(
    ErrorCode.TherapistNotQualified,
    `This therapist is not certified to offer ${technique} on the date of this session (a verified licence${
      technique === 'prenatal' ? ' and prenatal certification' : ''
    } valid through the session and the technique in their profile are needed).`,
  );
}

interface OfferingRow {
  id: string;
  technique_slug: TechniqueSlug;
  duration_minutes: number;
  buffer_minutes: number;
  price_cents: number;
}

interface StoredAnswer {
  status_code: number;
  response_body: Record<string, unknown>;
  request_hash: string;
  created_at: Date;
}

@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly slots: SlotsService,
    @Inject(BOOKING_SCREENING) private readonly screening: BookingScreening,
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
    const to = Math.min(window.to, this.horizonEnd(now));
    const manager = this.dataSource.manager;
    const offering = await this.liveOffering(manager, query.offeringId);
    const therapist = await this.therapist(manager, therapistId, offering.technique_slug);
    const until = qualifiedUntil(therapist, offering.technique_slug === 'prenatal');
    if (until === null || until <= now) throw notQualified(offering.technique_slug);
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
    const duration = offering.duration_minutes * MINUTE_MS;
    return {
      therapistId,
      offeringId: offering.id,
      timezone: therapist.timezone,
      slots: findSlotStarts(slotQuery).map((start) => ({
        startsAt: toIsoInstant(start),
        endsAt: toIsoInstant(start + duration),
      })),
    };
  }

  /** The latest start a booking may have: BOOKING_HORIZON_DAYS ahead. */
  private horizonEnd(now: number): number {
    return now + this.config.bookingHorizonDays * DAY_MS;
  }

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
    const requestHash = hashRequest(dto);
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Concurrent retries of one key queue here; the later ones then see the stored answer.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `${client.id}:${idempotencyKey}`,
      ]);
      const [stored]: StoredAnswer[] = await manager.query(
        `SELECT status_code, response_body, request_hash, created_at
           FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [client.id, idempotencyKey],
      );
      if (stored && Date.now() - stored.created_at.getTime() < IDEMPOTENCY_TTL_MS) {
        if (stored.request_hash !== requestHash) {
          throw new AppError(
            ErrorCode.IdempotencyKeyReused,
            'This Idempotency-Key was used with another request body; use a new key.',
          );
        }
        if (stored.status_code === 201) {
          // The booking as it is now: it may have been cancelled since the first answer.
          const booking = await manager.findOneByOrFail(Booking, {
            id: String(stored.response_body.id),
          });
          return { statusCode: 201, body: { ...toBookingResponse(booking) } };
        }
        return { statusCode: stored.status_code, body: stored.response_body };
      }
      if (stored) {
        await manager.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [
          client.id,
          idempotencyKey,
        ]);
      }
      await manager.query('SAVEPOINT booking_attempt');
      let answer: { statusCode: number; body: Record<string, unknown> };
      try {
        const booking = await this.book(manager, client.id, dto);
        answer = { statusCode: 201, body: { ...booking } };
      } catch (error) {
        const refusal = asDomainError(error);
        // A transient failure is not an answer to remember: the whole attempt rolls back.
        if (!refusal || refusal.code === ErrorCode.ConcurrentUpdate) throw refusal ?? error;
        await manager.query('ROLLBACK TO SAVEPOINT booking_attempt');
        answer = {
          statusCode: refusal.status,
          body: { code: refusal.code, detail: refusal.detail, errors: refusal.errors ?? null },
        };
      }
      await manager.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body)
         VALUES ($1, $2, $3, $4, $5)`,
        [client.id, idempotencyKey, requestHash, answer.statusCode, answer.body],
      );
      return answer;
    });
    if (outcome.statusCode === 201) return outcome.body as unknown as BookingResponse;
    const { code, detail, errors } = outcome.body as {
      code: ErrorCode;
      detail: string;
      errors: AppError['errors'] | null;
    };
    throw new AppError(code, detail, errors ?? undefined);
  }

  /**
   * Every rule of API.md, checked inside the booking's transaction; the exclusion constraint has
   * the last word. What the booking rests on is locked first, always in this order — the offering
   * and the therapist FOR SHARE, then the client's screening — so archiving the offering, changing
   * the profile, revoking a certificate or adding time off (each FOR UPDATE) is either fully
   * before this booking (which then sees it) or waits until the booking is committed (and then
   * sees the booking).
   */
  private async book(
    manager: EntityManager,
    clientId: string,
    dto: CreateBookingDto,
  ): Promise<BookingResponse> {
    const now = new Date();
    const startsAt = Date.parse(dto.startsAt);
    const offering = await this.liveOffering(manager, dto.offeringId, 'FOR SHARE');
    const therapist = await this.therapist(
      manager,
      dto.therapistId,
      offering.technique_slug,
      'FOR SHARE',
    );
    if (startsAt <= now.getTime()) {
      throw new AppError(ErrorCode.BookingInPast, 'This time is in the past; pick a future slot.');
    }
    if (startsAt > this.horizonEnd(now.getTime())) {
      throw new AppError(
        ErrorCode.BeyondBookingHorizon,
        `Sessions can be booked at most ${this.config.bookingHorizonDays} days ahead; pick an earlier time.`,
      );
    }
    const endsAt = startsAt + offering.duration_minutes * MINUTE_MS;
    const until = qualifiedUntil(therapist, offering.technique_slug === 'prenatal');
    if (until === null || endsAt > until) throw notQualified(offering.technique_slug);
    const { intakeId } = await this.screening.screen(manager, {
      clientId,
      therapistId: dto.therapistId,
      technique: offering.technique_slug,
      intakeId: dto.intakeId,
      endsAt: new Date(endsAt),
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
        throw new AppError(
          ErrorCode.SlotUnavailable,
          'The therapist does not work at this time (outside weekly hours, in time off, or off the 15-minute grid).',
        );
      }
      throw slotTaken();
    }

    // The exclusion constraint is the last word on overlaps. ON CONFLICT DO NOTHING makes the insert
    // speculative: it waits for a racing, uncommitted overlap to commit or roll back before it
    // writes its own index entry, so racers never wait on each other's entries and cannot deadlock
    // (a plain INSERT did, each cycle costing deadlock_timeout; bench/results/candidate-fixes.md).
    // Only the exclusion constraint can conflict here (the id is generated), so no row means a
    // racer won this time.
    const [row] = await manager.query(
      `INSERT INTO bookings (client_id, therapist_id, offering_id, technique_slug, starts_at, ends_at,
                             occupied_until, price_cents, notes, intake_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT DO NOTHING
       RETURNING *`,
      [
        clientId,
        dto.therapistId,
        offering.id,
        offering.technique_slug,
        new Date(startsAt),
        new Date(endsAt),
        new Date(endsAt + offering.buffer_minutes * MINUTE_MS),
        offering.price_cents,
        dto.notes ?? null,
        intakeId,
      ],
    );
    if (!row) throw slotTaken();
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
        throw new NotFoundError(ErrorCode.BookingNotFound, 'The booking');
      }
      const now = Date.now();
      const next = transition(booking.status, action, booking.startsAt.getTime(), now);
      if (!next.ok) {
        if (next.reason === 'not-started') {
          throw new AppError(ErrorCode.BookingNotStarted, 'The session has not started yet.');
        }
        throw new AppError(
          ErrorCode.InvalidTransition,
          next.reason === 'started'
            ? 'The session has already started; it can no longer be cancelled.'
            : `A ${booking.status} booking cannot be changed.`,
        );
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
    if (!visible) throw new NotFoundError(ErrorCode.BookingNotFound, 'The booking');
    return booking;
  }

  private async liveOffering(
    manager: EntityManager,
    id: string,
    lock: '' | 'FOR SHARE' = '',
  ): Promise<OfferingRow> {
    const [offering]: OfferingRow[] = await manager.query(
      `SELECT id, technique_slug, duration_minutes, buffer_minutes, price_cents
         FROM offerings WHERE id = $1 AND archived_at IS NULL ${lock}`,
      [id],
    );
    if (!offering) throw new NotFoundError(ErrorCode.OfferingNotFound, 'The offering');
    return offering;
  }

  /**
   * The therapist's time zone and what their qualification for `technique` rests on. With a lock,
   * the row is locked first and read in a second statement: a statement that waited for a lock
   * still reads with the snapshot it took before waiting, and would miss the change it waited for.
   */
  private async therapist(
    manager: EntityManager,
    id: string,
    technique: string,
    lock: '' | 'FOR SHARE' = '',
  ): Promise<TherapistRow> {
    if (lock) await manager.query(`SELECT 1 FROM therapists WHERE id = $1 ${lock}`, [id]);
    const [therapist]: TherapistRow[] = await manager.query(
      `SELECT t.timezone, ${qualificationFactsSql('t.id', '$2::text')}
         FROM therapists t WHERE t.id = $1`,
      [id, technique],
    );
    if (!therapist) throw new NotFoundError(ErrorCode.TherapistNotFound, 'The therapist');
    return therapist;
  }
}

/** Same method, path and canonical body => same hash (key order does not matter). */
export function hashRequest(dto: CreateBookingDto): string {
  const canonical = JSON.stringify(
    Object.fromEntries(
      Object.entries(dto)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
  return createHash('sha256').update(`POST /bookings\n${canonical}`).digest('hex');
}

export function bookingFromRow(row: Record<string, unknown>): Booking {
  return Object.assign(new Booking(), {
    id: row.id,
    clientId: row.client_id,
    therapistId: row.therapist_id,
    offeringId: row.offering_id,
    techniqueSlug: row.technique_slug,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    occupiedUntil: row.occupied_until,
    priceCents: row.price_cents,
    status: row.status,
    notes: row.notes,
    intakeId: row.intake_id ?? null,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    cancellerRole: row.canceller_role,
    cancellationReason: row.cancellation_reason,
    cancellationCode: row.cancellation_code,
    screening: row.screening,
    screeningDeadline: row.screening_deadline,
    lateCancellation: row.late_cancellation,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
