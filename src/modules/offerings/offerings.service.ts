import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import {
  CreateOfferingDto,
  OfferingListQueryDto,
  OfferingResponse,
  UpdateOfferingDto,
} from './dto/offering.dto.js';
import { Offering } from './offering.entity.js';

export function toOfferingResponse(offering: Offering): OfferingResponse {
  return {
    id: offering.id,
    technique: offering.techniqueSlug,
    name: offering.name,
    durationMinutes: offering.durationMinutes,
    priceCents: offering.priceCents,
    bufferMinutes: offering.bufferMinutes,
  };
}

@Injectable()
export class OfferingsService {
  constructor(@InjectRepository(Offering) private readonly offerings: Repository<Offering>) {}

  async list(query: OfferingListQueryDto): Promise<Page<OfferingResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const builder = this.offerings
      .createQueryBuilder('o')
      .where('o.archived_at IS NULL')
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(query.limit + 1);
    if (query.technique) builder.andWhere('o.technique_slug = :technique', query);
    if (after) {
      builder.andWhere('(o.created_at, o.id) > (:createdAt::timestamptz, :id::uuid)', {
        createdAt: after[0],
        id: after[1],
      });
    }
    const rows = await builder.getMany();
    return toPage(rows, query.limit, toOfferingResponse, (o) => [o.createdAt.toISOString(), o.id]);
  }

  async get(id: string): Promise<OfferingResponse> {
    return toOfferingResponse(await this.findLive(id));
  }

  /** A bookable (not archived) offering, or 404. */
  async findLive(id: string): Promise<Offering> {
    const offering = await this.offerings.findOneBy({ id, archivedAt: IsNull() });
    if (!offering) throw new NotFoundError(ErrorCode.OfferingNotFound, 'The offering');
    return offering;
  }

  async create(dto: CreateOfferingDto): Promise<OfferingResponse> {
    const offering = await this.offerings.save(
      this.offerings.create({
        techniqueSlug: dto.technique,
        name: dto.name,
        durationMinutes: dto.durationMinutes,
        priceCents: dto.priceCents,
        bufferMinutes: dto.bufferMinutes,
        archivedAt: null,
      }),
    );
    return toOfferingResponse(offering);
  }

  /**
   * Existing bookings keep the duration and price they were booked at. One UPDATE of a live row:
   * an offering archived or deleted meanwhile stays so (404), never revived by a stale copy.
   */
  async update(id: string, dto: UpdateOfferingDto): Promise<OfferingResponse> {
    const changes = Object.fromEntries(
      Object.entries({
        techniqueSlug: dto.technique,
        name: dto.name,
        durationMinutes: dto.durationMinutes,
        priceCents: dto.priceCents,
        bufferMinutes: dto.bufferMinutes,
      }).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(changes).length === 0) return this.get(id);
    const result = await this.offerings
      .createQueryBuilder()
      .update(Offering)
      .set(changes)
      .where('id = :id AND archived_at IS NULL', { id })
      .returning('*')
      .execute();
    const [row] = result.raw as Record<string, unknown>[];
    if (!row) throw new NotFoundError(ErrorCode.OfferingNotFound, 'The offering');
    return toOfferingResponse(await this.findLive(id));
  }

  /** Deletes an unused offering; one with bookings is archived so its history is never lost. */
  async remove(id: string): Promise<void> {
    await this.offerings.manager.transaction(async (manager) => {
      const offering = await manager.findOne(Offering, {
        where: { id, archivedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!offering) throw new NotFoundError(ErrorCode.OfferingNotFound, 'The offering');
      const [{ used }] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM bookings WHERE offering_id = $1) AS used`,
        [id],
      );
      if (used) await manager.update(Offering, { id }, { archivedAt: new Date() });
      else await manager.delete(Offering, { id });
    });
  }
}
