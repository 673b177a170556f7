import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { IdempotencyStore } from '../idempotency/idempotency-store.service.js';
import { requestHash } from '../idempotency/request-hash.js';
import { BookingNotices } from './booking-notices.service.js';
import { asDomainError, BookingWriter } from './booking-writer.service.js';
import { Room } from '../locations/room.entity.js';
import { Booking } from './booking.entity.js';
import { toBookingResponse } from './booking.mapper.js';
import { BookingAction, isLateCancellation, transition } from './booking.rules.js';
import { bookingErrors } from './bookings.errors.js';
import { BookingListQueryDto, BookingResponse, CreateBookingDto } from './dto/booking.dto.js';

@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: BookingWriter,
    private readonly idempotency: IdempotencyStore,
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
    const attempt = async (manager: EntityManager) => {
      try {
        return await this.book(manager, client.id, dto);
      } catch (error) {
        throw asDomainError(error) ?? error;
      }
    };
    if (idempotencyKey === undefined) {
      // A refusal at COMMIT is mapped too.
      return this.dataSource.transaction(attempt).catch((error: unknown) => {
        throw asDomainError(error) ?? error;
      });
    }
    return this.idempotency.run(client.id, idempotencyKey, requestHash('POST /bookings', dto), {
      attempt,
      // The booking as it is now: it may have been cancelled since the first answer.
      replay: async (manager, stored) =>
        toBookingResponse(await bookingWithRoom(manager, stored.id)),
    });
  }

  /** A new booking, and the messages (and reminder) it sets off. */
  private async book(
    manager: EntityManager,
    clientId: string,
    dto: CreateBookingDto,
  ): Promise<BookingResponse> {
    const now = new Date();
    const booking = await this.writer.book(manager, clientId, dto, now);
    await this.notices.confirmed(manager, booking.id, now);
    return toBookingResponse(booking);
  }

  async list(user: AuthUser, query: BookingListQueryDto): Promise<Page<BookingResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const builder = this.dataSource.manager
      .createQueryBuilder(Booking, 'b')
      .leftJoinAndSelect('b.room', 'room')
      .orderBy('b.starts_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .limit(query.limit + 1);
    // A waitlist hold is an offer (GET /waitlist), not a booking.
    builder.andWhere(`b.status <> 'held'`);
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
          this.config.cancellationNoticeHours,
        );
      }
      await manager.save(Booking, booking);
      if (next.status === 'cancelled' || next.status === 'completed') {
        await this.notices.changed(manager, `booking.${next.status}`, [booking.id]);
      }
      return toBookingResponse(booking);
    });
  }

  /**
   * A booking the user may see: their own as client or therapist, any for an admin; else 404
   * (a waitlist hold is no booking).
   */
  async findVisible(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    lock = false,
  ): Promise<Booking> {
    // Locked, the booking row alone (its room is read after, never locked).
    const booking = await manager.findOne(Booking, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : { relations: { room: true } }),
    });
    if (lock && booking?.roomId) {
      booking.room = (await manager.findOneBy(Room, { id: booking.roomId })) ?? undefined;
    }
    const visible =
      booking &&
      booking.status !== 'held' &&
      (user.role === 'admin' ||
        (user.role === 'client' && booking.clientId === user.id) ||
        (user.role === 'therapist' && booking.therapistId === user.id));
    if (!visible) throw bookingErrors.notFound();
    return booking;
  }
}

/** A booking with its room, as answers show it. */
export const bookingWithRoom = (manager: EntityManager, id: string): Promise<Booking> =>
  manager.findOneOrFail(Booking, { where: { id }, relations: { room: true } });
