import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import { BookingLedger } from '../bookings/booking-ledger.service.js';
import {
  CreateOfferingDto,
  OfferingListQueryDto,
  OfferingResponse,
  UpdateOfferingDto,
} from './dto/offering.dto.js';
import { Offering, type OfferingRequirements } from './offering.entity.js';
import { offeringErrors } from './offerings.errors.js';
import {
  LIVE_OFFERING_FOR_SHARE_SQL,
  LIVE_OFFERING_SQL,
  type LiveOfferingRow,
} from './offering.sql.js';

export function toOfferingResponse(offering: Offering): OfferingResponse {
  return {
    id: offering.id,
    technique: offering.techniqueSlug,
    name: offering.name,
    durationMinutes: offering.durationMinutes,
    priceCents: offering.priceCents,
    bufferMinutes: offering.bufferMinutes,
    requires: offering.requires,
  };
}

const NO_REQUIREMENTS: OfferingRequirements = { roomFeatures: [], equipment: [] };

/** Requirements as stored: features sorted, so equal needs read equal. */
const normalised = (requires: OfferingRequirements): OfferingRequirements => ({
  roomFeatures: [...requires.roomFeatures].sort(),
  equipment: requires.equipment.map(({ kind, quantity }) => ({ kind, quantity })),
});

@Injectable()
export class OfferingsService {
  constructor(
    @InjectRepository(Offering) private readonly offerings: Repository<Offering>,
    private readonly bookings: BookingLedger,
  ) {}

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
    if (!offering) throw offeringErrors.notFound();
    return offering;
  }

  /**
   * What a booking or slot search needs of a bookable offering, in the caller's transaction; with
   * `lock`, held FOR SHARE so archiving or editing it waits for the booking to commit. Else 404.
   */
  async findLiveRow(manager: EntityManager, id: string, lock = false): Promise<LiveOfferingRow> {
    const [offering]: LiveOfferingRow[] = await manager.query(
      lock ? LIVE_OFFERING_FOR_SHARE_SQL : LIVE_OFFERING_SQL,
      [id],
    );
    if (!offering) throw offeringErrors.notFound();
    return offering;
  }

  /** The names of these offerings, archived ones too, by id. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const offerings = await this.offerings.find({
      select: { id: true, name: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(offerings.map((offering) => [offering.id, offering.name]));
  }

  async create(dto: CreateOfferingDto): Promise<OfferingResponse> {
    const offering = await this.offerings.save(
      this.offerings.create({
        techniqueSlug: dto.technique,
        name: dto.name,
        durationMinutes: dto.durationMinutes,
        priceCents: dto.priceCents,
        bufferMinutes: dto.bufferMinutes,
        requires: normalised(dto.requires ?? NO_REQUIREMENTS),
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
        requires: dto.requires && normalised(dto.requires),
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
    if (!row) throw offeringErrors.notFound();
    return toOfferingResponse(await this.findLive(id));
  }

  /** Deletes an unused offering; one with bookings is archived so its history is never lost. */
  async remove(id: string): Promise<void> {
    await this.offerings.manager.transaction(async (manager) => {
      const offering = await manager.findOne(Offering, {
        where: { id, archivedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!offering) throw offeringErrors.notFound();
      if (await this.bookings.anyOfOffering(manager, id))
        await manager.update(Offering, { id }, { archivedAt: new Date() });
      else await manager.delete(Offering, { id });
    });
  }
}
