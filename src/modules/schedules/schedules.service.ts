import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, ValidationError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { clockToMinute, minuteToClock } from '../../common/time/clock.js';
import { BookingLedger } from '../bookings/booking-ledger.service.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { UsersService } from '../users/users.service.js';
import { AppConfig } from '../../config/app-config.js';
import { horizonEnd } from '../bookings/booking.rules.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { LocationsService } from '../locations/locations.service.js';
import { freedTimeJob } from '../waitlist/freed-time.js';
import { AvailabilityWindow } from './availability-window.entity.js';
import { fitsAvailability, validateWeeklyWindows, WeeklyWindow } from './availability.rules.js';
import {
  AvailabilityResponse,
  BookingConflictResponse,
  CreatedTimeOffResponse,
  CreateTimeOffDto,
  SetAvailabilityDto,
  TimeOffQueryDto,
  TimeOffResponse,
  WeeklyHoursResponse,
} from './dto/schedule.dto.js';
import { TimeOff } from './time-off.entity.js';

const MAX_TIME_OFF_MS = 366 * 86_400_000;

export function toTimeOffResponse(row: TimeOff): TimeOffResponse {
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
  };
}

/** Everything the slot search needs to know about one therapist's hours. */
export interface TherapistSchedule {
  timezone: string;
  windows: WeeklyWindow[];
}

@Injectable()
export class SchedulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly therapists: TherapistsService,
    private readonly bookings: BookingLedger,
    private readonly users: UsersService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly locations: LocationsService,
  ) {}

  async weeklyWindows(therapistId: string, manager: EntityManager = this.dataSource.manager) {
    const rows = await manager.find(AvailabilityWindow, {
      where: { therapistId },
      order: { weekday: 'ASC', startMinute: 'ASC' },
    });
    return rows.map((row) => ({
      weekday: row.weekday,
      start: minuteToClock(row.startMinute),
      end: minuteToClock(row.endMinute),
      locationId: row.locationId,
    }));
  }

  async getAvailability(therapistId: string): Promise<WeeklyHoursResponse> {
    const therapist = await this.therapists.requireProfile(therapistId);
    return { timezone: therapist.timezone, weekly: await this.weeklyWindows(therapistId) };
  }

  /**
   * Replaces the weekly hours. Existing bookings are never moved or cancelled: the answer lists the
   * upcoming ones the new hours no longer cover, so the therapist can act on them.
   */
  async setAvailability(
    therapistId: string,
    dto: SetAvailabilityDto,
  ): Promise<AvailabilityResponse> {
    const problems = validateWeeklyWindows(dto.weekly);
    if (problems.length > 0) {
      throw new ValidationError(
        problems.map((p) => ({ field: `weekly[${p.index}].${p.field}`, message: p.message })),
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const therapist = await this.therapists.requireProfile(therapistId, manager);
      // Serialises concurrent edits of one schedule.
      await this.therapists.lockForChange(manager, therapistId);
      for (const id of new Set(dto.weekly.flatMap((w) => (w.locationId ? [w.locationId] : [])))) {
        await this.locations.requireLocation(manager, id);
      }
      await manager.delete(AvailabilityWindow, { therapistId });
      if (dto.weekly.length > 0) {
        await manager.insert(
          AvailabilityWindow,
          dto.weekly.map((w) => ({
            therapistId,
            weekday: w.weekday,
            startMinute: clockToMinute(w.start),
            endMinute: clockToMinute(w.end),
            locationId: w.locationId ?? null,
          })),
        );
      }
      const weekly = await this.weeklyWindows(therapistId, manager);
      const upcoming = await this.upcomingBookings(manager, therapistId, new Date(), null);
      const outside = upcoming.filter(
        (b) =>
          !fitsAvailability(
            { windows: weekly, timeZone: therapist.timezone, timeOff: [] },
            Date.parse(b.startsAt),
            Date.parse(b.endsAt),
          ),
      );
      // New hours may open time someone is waiting for: the waitlist looks at the whole horizon.
      const now = new Date();
      await this.jobs.sendMany(manager, [
        freedTimeJob(
          therapistId,
          now,
          new Date(horizonEnd(now.getTime(), this.config.bookingHorizonDays)),
        ),
      ]);
      return { timezone: therapist.timezone, weekly, bookingsOutsideHours: outside };
    });
  }

  async addTimeOff(therapistId: string, dto: CreateTimeOffDto): Promise<CreatedTimeOffResponse> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) {
      throw new ValidationError([{ field: 'endsAt', message: 'endsAt must be after startsAt' }]);
    }
    if (endsAt.getTime() - startsAt.getTime() > MAX_TIME_OFF_MS) {
      throw new ValidationError([
        { field: 'endsAt', message: 'time off may last at most 366 days' },
      ]);
    }
    await this.therapists.requireProfile(therapistId);
    return this.dataSource.transaction(async (manager) => {
      // The lock bookings take FOR SHARE: a booking in flight commits first (and is listed below
      // as a conflict) or waits and then sees this time off.
      await this.therapists.lockForChange(manager, therapistId);
      const row = await manager.save(
        manager.create(TimeOff, { therapistId, startsAt, endsAt, reason: dto.reason ?? null }),
      );
      const conflicts = await this.upcomingBookings(manager, therapistId, startsAt, endsAt);
      return { ...toTimeOffResponse(row), conflictingBookings: conflicts };
    });
  }

  async listTimeOff(therapistId: string, query: TimeOffQueryDto): Promise<TimeOffResponse[]> {
    const builder = this.dataSource.manager
      .createQueryBuilder(TimeOff, 't')
      .where('t.therapist_id = :therapistId', { therapistId })
      .orderBy('t.starts_at', 'ASC')
      .limit(500);
    if (query.from) builder.andWhere('t.ends_at > :from', { from: query.from });
    if (query.to) builder.andWhere('t.starts_at < :to', { to: query.to });
    return (await builder.getMany()).map(toTimeOffResponse);
  }

  /** Another therapist's time off is 404, like one that does not exist. Its time goes to the waitlist. */
  async removeTimeOff(therapistId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [[removed]]: [{ starts_at: Date; ends_at: Date }[], number] = await manager.query(
        `DELETE FROM time_off WHERE id = $1 AND therapist_id = $2 RETURNING starts_at, ends_at`,
        [id, therapistId],
      );
      if (!removed) throw new NotFoundError(ErrorCode.TimeOffNotFound, 'The time off');
      await this.jobs.sendMany(manager, [
        freedTimeJob(therapistId, removed.starts_at, removed.ends_at),
      ]);
    });
  }

  private async upcomingBookings(
    manager: EntityManager,
    therapistId: string,
    from: Date,
    to: Date | null,
  ): Promise<BookingConflictResponse[]> {
    const bookings = await this.bookings.confirmedForTherapist(manager, therapistId, from, to);
    const names = await this.users.namesOf(bookings.map((booking) => booking.clientId));
    return bookings.map((booking) => ({
      id: booking.id,
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
      clientName: names.get(booking.clientId) ?? '',
    }));
  }
}
