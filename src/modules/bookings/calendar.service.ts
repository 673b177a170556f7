import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createEvents, EventAttributes } from 'ics';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import { UsersService } from '../users/users.service.js';
import { bookingEventUid, sessionTitle } from '../notifications/invitation.rules.js';
import { calendarFeedPath, calendarTokenOf } from './calendar.rules.js';

const FEED_DAYS_BACK = 30;
const FEED_DAYS_AHEAD = 366;

/**
 * A therapist's private iCalendar feed (RFC 5545). The secret token in its URL is the only
 * credential, so calendar apps can subscribe; rotating it kills the old URL at once.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly therapists: TherapistsService,
    private readonly users: UsersService,
  ) {}

  async feedPath(therapistId: string): Promise<string> {
    const therapist = await this.therapists.requireProfile(therapistId);
    return calendarFeedPath(therapist.calendarToken);
  }

  async rotate(therapistId: string): Promise<string> {
    return calendarFeedPath(await this.therapists.rotateCalendarToken(therapistId));
  }

  /** The feed for `file` (`<token>.ics`); an unknown or rotated token is 404. */
  async feed(file: string): Promise<string> {
    const token = calendarTokenOf(file);
    const therapistId = token ? await this.therapists.findByCalendarToken(token) : null;
    if (!therapistId) throw new NotFoundError(ErrorCode.NotFound, 'The calendar');
    const rows: {
      id: string;
      starts_at: Date;
      ends_at: Date;
      status: string;
      client_id: string;
      updated_at: Date;
      series_id: string | null;
      moves: number;
    }[] = await this.dataSource.query(
      // A moved session is one event (its series' UID) at its latest time; holds are no sessions.
      `SELECT b.id, b.starts_at, b.ends_at, b.status, b.client_id, b.updated_at, b.series_id,
              CASE WHEN b.series_id IS NULL THEN 0
                   ELSE (SELECT count(*)::int FROM bookings p
                          WHERE p.series_id = b.series_id AND p.created_at <= b.created_at) END AS moves
         FROM bookings b
        WHERE b.therapist_id = $1 AND b.status NOT IN ('held', 'rescheduled')
          AND b.starts_at > now() - make_interval(days => $2)
          AND b.starts_at < now() + make_interval(days => $3)
        ORDER BY b.starts_at`,
      [therapistId, FEED_DAYS_BACK, FEED_DAYS_AHEAD],
    );
    const clientNames = await this.users.namesOf(rows.map((row) => row.client_id));
    const events: EventAttributes[] = rows.map((row) => ({
      uid: bookingEventUid(row.series_id ?? row.id),
      start: row.starts_at.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: row.ends_at.getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
      title: sessionTitle(clientNames.get(row.client_id) ?? ''),
      status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      busyStatus: row.status === 'cancelled' ? 'FREE' : 'BUSY',
      lastModified: row.updated_at.getTime(),
      // Calendar apps keep the newest version of an event by SEQUENCE: each move, then the end.
      sequence: row.moves + (row.status === 'confirmed' ? 0 : 1),
    }));
    if (events.length === 0) return emptyCalendar();
    const { error, value } = createEvents(events, {
      productId: 'unknot/bookings',
      calName: 'Unknot sessions',
    });
    if (error || !value) throw error ?? new Error('Could not build the calendar');
    return value;
  }
}

function emptyCalendar(): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:unknot/bookings',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Unknot sessions',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
