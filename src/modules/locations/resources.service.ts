import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Interval } from '../schedules/availability.rules.js';
import { blockedStarts, type ResourcePool } from '../schedules/resource.rules.js';
import type { OfferingRequirements } from '../offerings/offering.entity.js';
import { prepared } from '../../database/prepared.js';
import { locationErrors } from './locations.errors.js';
import { CLAIM_UNIT_SQL, RESOURCE_CALENDARS_SQL, type ResourceRow } from './resources.sql.js';

interface Member {
  id: string;
  name: string;
  busy: Interval[];
}

/** What a location offers one offering: its suitable rooms and units, with when each is taken. */
export interface ResourceCalendars {
  /** Null when the location has no rooms (no room to take). */
  rooms: Member[] | null;
  /** Empty when the location has no equipment (nothing to take). */
  equipment: { kind: string; need: number; units: Member[] }[];
}

const overlaps = (busy: Interval[], start: number, end: number) =>
  busy.some((interval) => interval.start < end && interval.end > start);

/**
 * A location's rooms and equipment as a session needs them: calendars for the slot rules
 * (`pools`), and, inside a booking's transaction, the room and units it takes (`claim`).
 */
@Injectable()
export class ResourcesService {
  /** The calendars meeting [from, to) of what `requires` asks for at the location. */
  async calendars(
    manager: EntityManager,
    locationId: string | null,
    requires: OfferingRequirements,
    from: number,
    to: number,
  ): Promise<ResourceCalendars> {
    const none: ResourceCalendars = { rooms: null, equipment: [] };
    if (!locationId) return none;
    const answer: ResourceRow[] = await manager.query(
      prepared('resource-calendars', RESOURCE_CALENDARS_SQL),
      [
        locationId,
        new Date(from),
        new Date(to),
        requires.roomFeatures,
        requires.equipment.map((need) => need.kind),
      ],
    );
    const [{ manages_rooms: rooms, manages_equipment: equipment }] = answer;
    if (!rooms && !equipment) return none;
    const rows = answer.filter((row) => row.type !== null);
    const member = (row: ResourceRow): Member => ({
      id: row.id,
      name: row.name,
      busy: row.busy.map(([start, end]) => ({ start, end })),
    });
    return {
      rooms: rooms ? rows.filter((row) => row.type === 'room').map(member) : null,
      equipment: (equipment ? requires.equipment : []).map((need) => ({
        kind: need.kind,
        need: need.quantity,
        units: rows.filter((row) => row.kind === need.kind).map(member),
      })),
    };
  }

  /** The calendars as the slot rules' pools: one room of the suitable ones, the units needed. */
  pools(calendars: ResourceCalendars): ResourcePool[] {
    return [
      ...(calendars.rooms ? [{ need: 1, members: calendars.rooms.map((room) => room.busy) }] : []),
      ...calendars.equipment.map((kind) => ({
        need: kind.need,
        members: kind.units.map((unit) => unit.busy),
      })),
    ];
  }

  /**
   * The session starts in [from, to) that the resources forbid at the location (open intervals,
   * for the slot rules' blockedStarts): a session of `lengthMs` (with its buffer) there needs
   * one suitable room and its equipment free throughout.
   */
  async blockedStarts(
    manager: EntityManager,
    locationId: string | null,
    requires: OfferingRequirements,
    from: number,
    to: number,
    lengthMs: number,
  ): Promise<Interval[]> {
    const calendars = await this.calendars(manager, locationId, requires, from, to + lengthMs);
    return blockedStarts(this.pools(calendars), lengthMs);
  }

  /**
   * The rooms free for [start, occupiedUntil), plainest first — the order in which a booking
   * tries them (the exclusion constraint has the last word) — or null without rooms to manage.
   */
  freeRooms(calendars: ResourceCalendars, start: number, occupiedUntil: number) {
    if (!calendars.rooms) return null;
    return calendars.rooms.filter((room) => !overlaps(room.busy, start, occupiedUntil));
  }

  /**
   * Claims the equipment a booking just written needs, unit by unit; a unit a concurrent booking
   * took first is skipped (ON CONFLICT DO NOTHING under the exclusion constraint). Too few free:
   * 409 NO_ROOM_AVAILABLE, and the caller's transaction rolls the booking back.
   */
  async claimEquipment(
    manager: EntityManager,
    calendars: ResourceCalendars,
    bookingId: string,
    start: number,
    occupiedUntil: number,
  ): Promise<void> {
    for (const kind of calendars.equipment) {
      let claimed = 0;
      for (const unit of kind.units) {
        if (claimed === kind.need) break;
        if (overlaps(unit.busy, start, occupiedUntil)) continue;
        const [row] = await manager.query(CLAIM_UNIT_SQL, [
          bookingId,
          unit.id,
          new Date(start),
          new Date(occupiedUntil),
        ]);
        if (row) claimed++;
      }
      if (claimed < kind.need) {
        const what = kind.kind.replace(/-/g, ' ');
        throw kind.units.length < kind.need
          ? locationErrors.notFitted(what)
          : locationErrors.noRoom(what);
      }
    }
  }
}
