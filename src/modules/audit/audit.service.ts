import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, Page, PageQueryDto, toPage } from '../../common/pagination/pagination.js';
import { asRecords } from '../../common/privacy/personal-data.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditEntryResponse } from './audit-entry.response.js';

export interface AuditRecord {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records an admin read or decision, in the caller's transaction when one is given. */
  async record(entry: AuditRecord, manager: EntityManager = this.entries.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details)
       VALUES ($1, $2, $3, $4, $5)`,
      [entry.actorId, entry.action, entry.subjectType, entry.subjectId, entry.details ?? {}],
    );
  }

  /**
   * What the log says about a person: what they did (as an admin) and every admin read or
   * decision about them or their check-ins. The log itself is never changed (append-only).
   */
  async exportOf(
    manager: EntityManager,
    userId: string,
    subjectIds: readonly string[],
  ): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM audit_log
        WHERE actor_id = $1 OR subject_id = $1 OR subject_id = ANY($2::uuid[])
        ORDER BY id`,
      [userId, subjectIds],
    );
    return asRecords(rows);
  }

  /** Newest first. */
  async list(query: PageQueryDto): Promise<Page<AuditEntryResponse>> {
    const before = decodeCursor(query.cursor, ['integer']);
    const builder = this.entries
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .limit(query.limit + 1);
    if (before) builder.where('a.id < :id::bigint', { id: before[0] });
    const rows = await builder.getMany();
    return toPage(
      rows,
      query.limit,
      (row) => ({
        id: row.id,
        actorId: row.actorId,
        action: row.action,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        details: row.details,
        createdAt: row.createdAt.toISOString(),
      }),
      (row) => [row.id],
    );
  }
}
