import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { decodeCursor, Page, PageQueryDto, toPage } from '../../common/pagination/pagination.js';
import { IntakeResponse } from './dto/intake.dto.js';
import { IntakeFlag } from './intake-flag.entity.js';
import { Intake } from './intake.entity.js';
import { intakeErrors } from './intake.errors.js';
import { toIntakeResponse } from './intake.service.js';

/** A client's own check-ins, so a returning client sees their suggestions on any device. */
@Injectable()
export class IntakeHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The client's own intakes, newest first, each with its flags. */
  async list(clientId: string, query: PageQueryDto): Promise<Page<IntakeResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const builder = this.dataSource.manager
      .createQueryBuilder(Intake, 'i')
      .where('i.client_id = :clientId', { clientId })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(query.limit + 1);
    if (after) {
      builder.andWhere('(i.created_at, i.id) < (:createdAt::timestamptz, :id::uuid)', {
        createdAt: after[0],
        id: after[1],
      });
    }
    const intakes = await builder.getMany();
    const flags = await this.flagsOf(intakes.slice(0, query.limit).map((i) => i.id));
    return toPage(
      intakes,
      query.limit,
      (intake) => toIntakeResponse(intake, flags.get(intake.id) ?? []),
      (intake) => [intake.createdAt.toISOString(), intake.id],
    );
  }

  /** The client's newest intake, expired or not (its `expiresAt` says which). */
  async latest(clientId: string): Promise<IntakeResponse> {
    const [intake] = await this.dataSource.manager.find(Intake, {
      where: { clientId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 1,
    });
    if (!intake) throw intakeErrors.noneYet();
    const flags = await this.flagsOf([intake.id]);
    return toIntakeResponse(intake, flags.get(intake.id) ?? []);
  }

  private async flagsOf(intakeIds: string[]): Promise<Map<string, IntakeFlag[]>> {
    const byIntake = new Map<string, IntakeFlag[]>();
    if (intakeIds.length === 0) return byIntake;
    const flags = await this.dataSource.manager.find(IntakeFlag, {
      where: { intakeId: In(intakeIds) },
      order: { createdAt: 'ASC' },
    });
    for (const flag of flags) {
      byIntake.set(flag.intakeId, [...(byIntake.get(flag.intakeId) ?? []), flag]);
    }
    return byIntake;
  }
}
