import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IntakeAnswers } from './intake.types.js';

/**
 * What a therapist's session needs from the client's intake — pregnancy, pressure and scent
 * preferences, pain areas, whether a clot risk was cleared — never the answers themselves (red
 * flags, clot answers and causes stay with the client and admins).
 */
export interface SessionFacts {
  pregnant: boolean;
  pregnancyWeeks: number | null;
  clotRiskReviewed: boolean;
  pressure: string | null;
  likesScents: boolean | null;
  painAreas: string[];
}

interface SessionFactsRow {
  id: string;
  answers: IntakeAnswers;
  clot_risk_reviewed: boolean;
}

/** The intake module's answer to "what does this session need to know", for other modules. */
@Injectable()
export class SessionFactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The session facts of each of these intakes, by intake id (unknown ids are left out). */
  async forIntakes(intakeIds: readonly string[]): Promise<Map<string, SessionFacts>> {
    if (intakeIds.length === 0) return new Map();
    const rows: SessionFactsRow[] = await this.dataSource.query(
      `SELECT i.id, i.answers,
              NOT EXISTS (SELECT 1 FROM intake_flags f
                           WHERE f.intake_id = i.id AND f.code = 'CLOT_RISK' AND f.status <> 'approved')
                AS clot_risk_reviewed
         FROM intakes i
        WHERE i.id = ANY($1::uuid[])`,
      [[...new Set(intakeIds)]],
    );
    return new Map(
      rows.map(({ id, answers, clot_risk_reviewed }) => [
        id,
        {
          pregnant: answers.pregnancy.pregnant,
          pregnancyWeeks: answers.pregnancy.weeks ?? null,
          clotRiskReviewed: clot_risk_reviewed,
          pressure: answers.preferences?.pressure ?? null,
          likesScents: answers.preferences?.likesScents ?? null,
          painAreas: answers.painAreas,
        },
      ]),
    );
  }
}
