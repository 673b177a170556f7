import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseWindow } from '../../common/time/window.js';
import { DAY_MS } from '../../common/time/duration.js';
import { SessionFactsService } from '../intake/session-facts.service.js';
import { OfferingsService } from '../offerings/offerings.service.js';
import { UsersService } from '../users/users.service.js';
import { TherapistBookingResponse, WindowQueryDto } from './dto/booking.dto.js';

const MAX_AGENDA_DAYS = 92;

interface AgendaRow {
  id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  technique_slug: string;
  offering_id: string;
  client_id: string;
  notes: string | null;
  intake_id: string | null;
  room_id: string | null;
  room_name: string | null;
}

/**
 * A therapist's sessions, each live one with what it needs from the client's intake (the intake
 * module's session facts, never the answers themselves).
 */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessionFacts: SessionFactsService,
    private readonly offerings: OfferingsService,
    private readonly users: UsersService,
  ) {}

  async forTherapist(
    therapistId: string,
    query: WindowQueryDto,
  ): Promise<TherapistBookingResponse[]> {
    const { from, to } = parseWindow(query, {
      defaultFrom: Date.now() - DAY_MS,
      defaultDays: 14,
      maxDays: MAX_AGENDA_DAYS,
    });
    const rows: AgendaRow[] = await this.dataSource.query(
      `SELECT b.id, b.status, b.starts_at, b.ends_at, b.technique_slug, b.offering_id, b.client_id,
              b.notes, b.intake_id, b.room_id, r.name AS room_name
         FROM bookings b
         LEFT JOIN rooms r ON r.id = b.room_id
        WHERE b.therapist_id = $1 AND b.starts_at < $3 AND b.ends_at > $2
          AND b.status NOT IN ('held', 'rescheduled')
        ORDER BY b.starts_at
        LIMIT 500`,
      [therapistId, new Date(from), new Date(to)],
    );
    // A cancelled session needs nothing from the intake: its health data stays in the database.
    const intakeIds = rows.flatMap((row) =>
      row.status !== 'cancelled' && row.intake_id ? [row.intake_id] : [],
    );
    // How to reach a client is for the sessions still to come, and only those.
    const now = Date.now();
    const live = (row: AgendaRow) => row.status === 'confirmed' && row.starts_at.getTime() > now;
    const [facts, offeringNames, clientNames, contacts] = await Promise.all([
      this.sessionFacts.forIntakes(intakeIds),
      this.offerings.namesOf(rows.map((row) => row.offering_id)),
      this.users.namesOf(rows.map((row) => row.client_id)),
      this.users.contactsOf(rows.filter(live).map((row) => row.client_id)),
    ]);
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      technique: row.technique_slug,
      offeringName: offeringNames.get(row.offering_id) ?? '',
      notes: row.notes,
      client: {
        name: clientNames.get(row.client_id) ?? '',
        email: live(row) ? (contacts.get(row.client_id)?.email ?? null) : null,
        phone: live(row) ? (contacts.get(row.client_id)?.phone ?? null) : null,
      },
      room: row.room_id ? { id: row.room_id, name: row.room_name ?? '' } : null,
      intake:
        row.status !== 'cancelled' && row.intake_id ? (facts.get(row.intake_id) ?? null) : null,
    }));
  }
}
