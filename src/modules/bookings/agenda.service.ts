import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DAY_MS, parseWindow } from '../../common/time/window.js';
import type { IntakeAnswers } from '../intake/intake.types.js';
import { TherapistBookingResponse, WindowQueryDto } from './dto/booking.dto.js';

const MAX_AGENDA_DAYS = 92;

interface AgendaRow {
  id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  technique_slug: string;
  offering_name: string;
  notes: string | null;
  client_name: string;
  answers: IntakeAnswers | null;
  clot_risk_reviewed: boolean;
}

/**
 * A therapist's sessions with what each live session needs from the client's intake — pregnancy,
 * pressure and scent preferences, pain areas, whether a clot risk was cleared — never the answers
 * themselves (red flags, clot answers and causes stay with the client and admins).
 */
@Injectable()
export class AgendaService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
      `SELECT b.id, b.status, b.starts_at, b.ends_at, b.technique_slug, o.name AS offering_name, b.notes,
              u.name AS client_name, i.answers,
              NOT EXISTS (SELECT 1 FROM intake_flags f
                           WHERE f.intake_id = i.id AND f.code = 'CLOT_RISK' AND f.status <> 'approved')
                AS clot_risk_reviewed
         FROM bookings b
         JOIN offerings o ON o.id = b.offering_id
         JOIN users u ON u.id = b.client_id
         -- A cancelled session needs nothing from the intake: its health data stays in the database.
         LEFT JOIN intakes i ON i.id = b.intake_id AND b.status <> 'cancelled'
        WHERE b.therapist_id = $1 AND b.starts_at < $3 AND b.ends_at > $2
        ORDER BY b.starts_at
        LIMIT 500`,
      [therapistId, new Date(from), new Date(to)],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      technique: row.technique_slug,
      offeringName: row.offering_name,
      notes: row.notes,
      client: { name: row.client_name },
      intake: row.answers
        ? {
            pregnant: row.answers.pregnancy.pregnant,
            pregnancyWeeks: row.answers.pregnancy.weeks ?? null,
            clotRiskReviewed: row.clot_risk_reviewed,
            pressure: row.answers.preferences?.pressure ?? null,
            likesScents: row.answers.preferences?.likesScents ?? null,
            painAreas: row.answers.painAreas,
          }
        : null,
    }));
  }
}
