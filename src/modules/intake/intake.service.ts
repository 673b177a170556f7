import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ValidationError, FieldError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { MENU_TECHNIQUES_SQL } from '../offerings/offering.sql.js';
import {
  CreatedIntakeResponse,
  CreateIntakeDto,
  FlagResponse,
  IntakeResponse,
} from './dto/intake.dto.js';
import { IntakeFlag } from './intake-flag.entity.js';
import { Intake } from './intake.entity.js';
import { intakeErrors } from './intake.errors.js';
import {
  assessIntake,
  FlagDraft,
  hasRedFlag,
  missingClotAnswers,
  retractionDraft,
  statusAfterReview,
} from './intake.rules.js';
import type { IntakeAnswers, RedFlag, TechniqueSlug } from './intake.types.js';
import { RescreeningService } from './rescreening.service.js';
import { lockClientScreening } from './screening-facts.js';
import { DAY_MS } from '../../common/time/duration.js';

export const INTAKE_VALIDITY_DAYS = 30;

export function toFlagResponse(flag: IntakeFlag): FlagResponse {
  return {
    id: flag.id,
    code: flag.code,
    severity: flag.severity,
    message: flag.message,
    status: flag.status,
    resolutionNote: flag.resolutionNote,
    resolvedAt: flag.resolvedAt?.toISOString() ?? null,
  };
}

export function toIntakeResponse(intake: Intake, flags: IntakeFlag[]): IntakeResponse {
  return {
    id: intake.id,
    status: intake.status,
    suggestions: intake.suggestions.map(({ technique, score, reasons }) => ({
      technique,
      score,
      reasons,
    })),
    flags: flags.map(toFlagResponse),
    expiresAt: intake.expiresAt.toISOString(),
    createdAt: intake.createdAt.toISOString(),
    guidanceVersion: intake.guidanceVersion,
    answers: intake.answers as IntakeResponse['answers'],
  };
}

/** How long a red flag outlives the check-in that reported it. */
const RED_FLAG_MEMORY_DAYS = 30;

/** Answer rules a per-field validator cannot express. */
function crossFieldProblems(answers: IntakeAnswers): FieldError[] {
  const problems: FieldError[] = missingClotAnswers(answers).map((field) => ({
    field,
    message: `${field} must be answered when pregnant or postpartum`,
  }));
  if (!answers.pregnancy) return problems;
  const { pregnant, weeks, postpartumWeeks } = answers.pregnancy;
  if (!pregnant && weeks !== undefined) {
    problems.push({
      field: 'pregnancy.weeks',
      message: 'pregnancy.weeks is only for a current pregnancy',
    });
  }
  if (pregnant && postpartumWeeks !== undefined) {
    problems.push({
      field: 'pregnancy.postpartumWeeks',
      message: 'pregnancy.postpartumWeeks cannot be given during a pregnancy',
    });
  }
  return problems;
}

@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
  ) {}

  /**
   * Screens the answers, stores the intake and its flags, and re-screens the client's upcoming
   * bookings against it, all in one transaction under the client's screening lock.
   */
  async create(clientId: string, dto: CreateIntakeDto): Promise<CreatedIntakeResponse> {
    const answers = JSON.parse(JSON.stringify(dto)) as IntakeAnswers;
    const problems = crossFieldProblems(answers);
    if (problems.length > 0) throw new ValidationError(problems);
    return this.dataSource.transaction(async (manager) => {
      await lockClientScreening(manager, clientId);
      const now = new Date();
      const pregnant = answers.pregnancy?.pregnant === true;
      const assessment = assessIntake(answers, undefined, await this.menu(manager, pregnant));
      const retraction = hasRedFlag(answers)
        ? null
        : await this.retractedRedFlag(manager, clientId, now);
      if (retraction) assessment.flags.push(retraction);
      const intake = await manager.save(
        manager.create(Intake, {
          clientId,
          answers,
          status: statusAfterReview(
            assessment.flags.map((f) => ({ code: f.code, status: 'open' })),
          ),
          pregnant,
          // The DTO requires all five answers whenever the group is given.
          clotScreened: answers.clotScreening !== undefined,
          suggestions: assessment.suggestions,
          guidanceVersion: assessment.guidanceVersion,
          expiresAt: new Date(now.getTime() + INTAKE_VALIDITY_DAYS * DAY_MS),
        }),
      );
      const flags = await manager.save(
        assessment.flags.map((flag) =>
          manager.create(IntakeFlag, {
            intakeId: intake.id,
            code: flag.code,
            severity: flag.severity,
            message: flag.message,
            status: 'open',
            resolvedBy: null,
            resolvedAt: null,
            resolutionNote: null,
          }),
        ),
      );
      const affectedBookings = await this.rescreening.rescreenClient(manager, clientId);
      return { ...toIntakeResponse(intake, flags), affectedBookings };
    });
  }

  /**
   * Techniques the menu offers now with a therapist qualified for them today — prenatal-certified
   * too for a pregnant client: the only ones an intake may suggest, so a suggestion is never a
   * dead end.
   */
  private async menu(manager: EntityManager, pregnant: boolean): Promise<Set<TechniqueSlug>> {
    const rows: { technique_slug: TechniqueSlug }[] = await manager.query(MENU_TECHNIQUES_SQL, [
      pregnant,
    ]);
    return new Set(rows.map((row) => row.technique_slug));
  }

  /**
   * A red flag stands for 30 days: an intake answering no after one (not cleared since by an
   * approved retraction) waits for an admin to confirm the doctor's clearance.
   */
  private async retractedRedFlag(
    manager: EntityManager,
    clientId: string,
    now: Date,
  ): Promise<FlagDraft | null> {
    const [row]: { created_at: Date; red_flags: Record<RedFlag, boolean> | null }[] =
      await manager.query(
        `SELECT i.created_at, i.answers->'redFlags' AS red_flags
           FROM intakes i JOIN intake_flags f ON f.intake_id = i.id
          WHERE i.client_id = $1 AND i.created_at > $2
            AND f.code IN ('RED_FLAG_SEE_DOCTOR', 'RED_FLAG_RETRACTED') AND f.status <> 'approved'
            AND NOT EXISTS (
              SELECT 1 FROM intakes later JOIN intake_flags cleared ON cleared.intake_id = later.id
               WHERE later.client_id = i.client_id AND later.created_at > i.created_at
                 AND cleared.code = 'RED_FLAG_RETRACTED' AND cleared.status = 'approved')
          ORDER BY i.created_at DESC LIMIT 1`,
        [clientId, new Date(now.getTime() - RED_FLAG_MEMORY_DAYS * DAY_MS)],
      );
    return row ? retractionDraft(row.created_at, row.red_flags) : null;
  }

  /** Its client or an admin (each admin read is audited); anyone else gets 404. */
  async get(user: AuthUser, id: string): Promise<IntakeResponse> {
    const intake = await this.dataSource.manager.findOneBy(Intake, { id });
    if (!intake || (user.role !== 'admin' && intake.clientId !== user.id)) {
      throw intakeErrors.notFound();
    }
    const flags = await this.dataSource.manager.find(IntakeFlag, {
      where: { intakeId: id },
      order: { createdAt: 'ASC' },
    });
    if (user.role === 'admin') {
      await this.audit.record({
        actorId: user.id,
        action: 'intake.read',
        subjectType: 'intake',
        subjectId: id,
      });
    }
    return toIntakeResponse(intake, flags);
  }
}
