import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../users/user.entity.js';
import {
  FlagQueryDto,
  FlagResponse,
  FlagWithIntakeResponse,
  ResolveFlagDto,
} from './dto/intake.dto.js';
import { IntakeFlag } from './intake-flag.entity.js';
import { Intake } from './intake.entity.js';
import { intakeErrors } from './intake.errors.js';
import { answeredInFull, statusAfterReview } from './intake.rules.js';
import { toFlagResponse, toIntakeResponse } from './intake.service.js';
import { RescreeningService } from './rescreening.service.js';
import { lockClientScreening } from './screening-facts.js';
import { AccountNotices } from '../notifications/account-notices.service.js';

/** The admins' review queue. Every read of an intake and every decision is audited. */
@Injectable()
export class IntakeReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
    private readonly notices: AccountNotices,
  ) {}

  /** Flags with their intake, oldest first; each intake shown is one audited read. */
  async list(admin: AuthUser, query: FlagQueryDto): Promise<Page<FlagWithIntakeResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.dataSource.transaction(async (manager) => {
      const builder = manager
        .createQueryBuilder(IntakeFlag, 'f')
        .where('f.status = :status', { status: query.status })
        .orderBy('f.created_at', 'ASC')
        .addOrderBy('f.id', 'ASC')
        .limit(query.limit + 1);
      if (after) {
        builder.andWhere('(f.created_at, f.id) > (:createdAt::timestamptz, :id::uuid)', {
          createdAt: after[0],
          id: after[1],
        });
      }
      const flags = await builder.getMany();
      const page = flags.slice(0, query.limit);
      const intakeIds = [...new Set(page.map((f) => f.intakeId))];
      const intakes = intakeIds.length ? await manager.findBy(Intake, { id: In(intakeIds) }) : [];
      const allFlags = intakeIds.length
        ? await manager.find(IntakeFlag, {
            where: { intakeId: In(intakeIds) },
            order: { createdAt: 'ASC' },
          })
        : [];
      const clients = intakes.length
        ? await manager.findBy(User, { id: In([...new Set(intakes.map((i) => i.clientId))]) })
        : [];
      for (const intakeId of intakeIds) {
        await this.audit.record(
          {
            actorId: admin.id,
            action: 'intake.read',
            subjectType: 'intake',
            subjectId: intakeId,
            details: { via: 'flag-queue' },
          },
          manager,
        );
      }
      const intakeById = new Map(intakes.map((i) => [i.id, i]));
      const clientById = new Map(clients.map((c) => [c.id, c]));
      return toPage(
        flags,
        query.limit,
        (flag) => {
          const intake = intakeById.get(flag.intakeId)!;
          const client = clientById.get(intake.clientId)!;
          return {
            ...toFlagResponse(flag),
            createdAt: flag.createdAt.toISOString(),
            client: { id: client.id, name: client.name, email: client.email },
            intake: toIntakeResponse(
              intake,
              allFlags.filter((f) => f.intakeId === intake.id),
            ),
          };
        },
        (flag) => [flag.createdAt.toISOString(), flag.id],
      );
    });
  }

  /**
   * Approves or rejects an open flag, re-derives the intake's status and re-screens the client's
   * upcoming bookings, audited, in one transaction.
   */
  async resolve(admin: AuthUser, flagId: string, dto: ResolveFlagDto): Promise<FlagResponse> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await manager.findOneBy(IntakeFlag, { id: flagId });
      if (!peek) throw intakeErrors.flagNotFound();
      const intake = await manager.findOneByOrFail(Intake, { id: peek.intakeId });
      await lockClientScreening(manager, intake.clientId);
      const flag = await manager.findOneOrFail(IntakeFlag, {
        where: { id: flagId },
        lock: { mode: 'pessimistic_write' },
      });
      if (flag.status !== 'open') throw intakeErrors.flagAlreadyResolved(flag.status);
      Object.assign(flag, {
        status: dto.decision === 'approve' ? 'approved' : 'rejected',
        resolvedBy: admin.id,
        resolvedAt: new Date(),
        resolutionNote: dto.note,
      });
      await manager.save(flag);
      const flags = await manager.findBy(IntakeFlag, { intakeId: intake.id });
      // A check-in that stopped at a red flag holds too few answers to book on, whatever the review.
      const status = answeredInFull(intake.answers) ? statusAfterReview(flags) : 'blocked';
      await manager.update(Intake, { id: intake.id }, { status });
      // An approval clears bookings that waited for it; a rejection cancels them.
      await this.rescreening.rescreenClient(manager, intake.clientId);
      // Worded from what the client may do now, not from this one flag's verdict.
      await this.notices.flagDecided(manager, intake.clientId, status === 'clear');
      await this.audit.record(
        {
          actorId: admin.id,
          action: `intake-flag.${dto.decision}`,
          subjectType: 'intake',
          subjectId: intake.id,
          details: { flagId, code: flag.code, note: dto.note },
        },
        manager,
      );
      return toFlagResponse(flag);
    });
  }
}
