import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppConfig } from '../../config/app-config.js';
import { IdempotencyStore } from '../idempotency/idempotency-store.service.js';
import { requestHash } from '../idempotency/request-hash.js';
import { BookingNotices } from './booking-notices.service.js';
import { asDomainError, BookingWriter } from './booking-writer.service.js';
import { toBookingResponse } from './booking.mapper.js';
import { isInsideNotice } from './booking.rules.js';
import { bookingErrors } from './bookings.errors.js';
import { bookingWithRoom, BookingsService } from './bookings.service.js';
import type { BookingResponse, RescheduleBookingDto } from './dto/booking.dto.js';

/**
 * Moving a booking to another time (and possibly therapist or offering): one transaction that
 * frees the old time, books the new one under every booking rule, and links the two. On any
 * refusal — or a lost race for the new time — it all rolls back: the old booking is untouched.
 */
@Injectable()
export class RescheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly writer: BookingWriter,
    private readonly idempotency: IdempotencyStore,
    private readonly notices: BookingNotices,
    private readonly config: AppConfig,
  ) {}

  async reschedule(
    user: AuthUser,
    id: string,
    dto: RescheduleBookingDto,
    idempotencyKey?: string,
  ): Promise<BookingResponse> {
    const attempt = async (manager: EntityManager) => {
      try {
        return await this.move(manager, user, id, dto);
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
    const hash = requestHash(`POST /bookings/${id}/reschedule`, dto);
    return this.idempotency.run(user.id, idempotencyKey, hash, {
      attempt,
      // The new booking as it is now: it may have moved or been cancelled since.
      replay: async (manager, stored) =>
        toBookingResponse(await bookingWithRoom(manager, stored.id)),
    });
  }

  private async move(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    dto: RescheduleBookingDto,
  ): Promise<BookingResponse> {
    const now = new Date();
    // What the move rests on, read first without a lock; then a booking's locks in its order,
    // and only then the booking row itself (read again under its lock).
    const peek = await this.bookings.findVisible(manager, user, id);
    await this.writer.lockForBooking(
      manager,
      dto.offeringId ?? peek.offeringId,
      [peek.therapistId, dto.therapistId ?? peek.therapistId],
      peek.clientId,
    );
    const old = await this.bookings.findVisible(manager, user, id, true);
    if (old.status !== 'confirmed') throw bookingErrors.cannotChange(old.status);
    if (old.startsAt.getTime() <= now.getTime()) throw bookingErrors.cannotMoveStarted();
    const noticeHours = this.config.cancellationNoticeHours;
    if (
      user.role === 'client' &&
      isInsideNotice(old.startsAt.getTime(), now.getTime(), noticeHours)
    ) {
      throw bookingErrors.tooLateToReschedule(noticeHours);
    }
    const therapistId = dto.therapistId ?? old.therapistId;
    if (user.role === 'therapist' && therapistId !== user.id) {
      throw bookingErrors.therapistMovesOwnOnly();
    }
    // Free the old time first, so the new one may overlap it (a session moved half an hour on).
    // Until the new booking exists, the old one names itself as its successor.
    await manager.query(
      `UPDATE bookings
          SET status = 'rescheduled', rescheduled_to_id = id, screening = 'clear',
              screening_deadline = NULL, updated_at = now()
        WHERE id = $1`,
      [old.id],
    );
    const booking = await this.writer.book(
      manager,
      old.clientId,
      {
        therapistId,
        offeringId: dto.offeringId ?? old.offeringId,
        startsAt: dto.startsAt,
        notes: old.notes,
        replaces: { id: old.id, seriesId: old.seriesId },
      },
      now,
    );
    await manager.query(`UPDATE bookings SET rescheduled_to_id = $2 WHERE id = $1`, [
      old.id,
      booking.id,
    ]);
    await this.notices.rescheduled(manager, old.id, booking.id, now);
    return toBookingResponse(booking);
  }
}
