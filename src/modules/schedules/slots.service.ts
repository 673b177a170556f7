import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Interval, SlotQuery } from './availability.rules.js';
import { readSlotFacts, SLOT_FACTS_SQL, SlotFactsRow } from './slot-facts.sql.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import { ResourcesService } from '../locations/resources.service.js';
import type { OfferingRequirements } from '../offerings/offering.entity.js';
import { type LocatedQuery, splitByLocation } from './resource.rules.js';

export interface SlotSubject {
  therapistId: string;
  timezone: string;
  durationMinutes: number;
  bufferMinutes: number;
  /** Sessions must end by this instant (the therapist's qualification); none means no limit. */
  bookableUntil?: number | null;
}

/** Later than any session: "from bookableUntil on", as an interval. */
const FOREVER = 8.64e15;

/**
 * Loads what the pure slot rules need — weekly windows, time off, live bookings with buffers — in
 * one query. The same query answers /slots, checks a booking (inside its transaction) and feeds
 * matching.
 */
@Injectable()
export class SlotsService {
  constructor(private readonly resources: ResourcesService) {}

  /** One therapist (booking, /slots). */
  async slotQuery(
    manager: EntityManager,
    subject: SlotSubject,
    from: number,
    to: number,
    now: number,
  ): Promise<SlotQuery> {
    const [query] = await this.slotQueries(manager, [subject], from, to, now);
    return query;
  }

  /**
   * The query asked once per place the therapist works (resource.rules' splitByLocation), each
   * with the starts its rooms and equipment forbid: what /slots, a waitlist offer and matching
   * offer, so no time is shown that no room could hold. `only` keeps one location's hours.
   * Queries over one window may share `memo`: each location's calendars for one kind of session
   * are then read once (matching asks for many therapists of a few locations).
   */
  async locate(
    manager: EntityManager,
    query: SlotQuery,
    home: string | null,
    requires: OfferingRequirements,
    { only, memo }: { only?: string; memo?: Map<string, Promise<Interval[]>> } = {},
  ): Promise<LocatedQuery[]> {
    const lengthMs = (query.durationMinutes + query.bufferMinutes) * MINUTE_MS;
    const located = splitByLocation(query, home).filter(
      (place) => only === undefined || place.locationId === only,
    );
    for (const place of located) {
      const key = `${place.locationId}|${lengthMs}|${JSON.stringify(requires)}`;
      let blocked = memo?.get(key);
      if (!blocked) {
        blocked = this.resources.blockedStarts(
          manager,
          place.locationId,
          requires,
          query.from,
          query.to,
          lengthMs,
        );
        memo?.set(key, blocked);
      }
      place.query.blockedStarts = await blocked;
    }
    return located;
  }

  /** Many (therapist, offering) pairs at once (matching): still one query. */
  async slotQueries(
    manager: EntityManager,
    subjects: readonly SlotSubject[],
    from: number,
    to: number,
    now: number,
  ): Promise<SlotQuery[]> {
    if (subjects.length === 0) return [];
    const ids = [...new Set(subjects.map((s) => s.therapistId))];
    // A session starting before `to` may run (with its buffer) past it.
    const longest = Math.max(...subjects.map((s) => s.durationMinutes + s.bufferMinutes));
    const horizon = new Date(to + longest * MINUTE_MS);
    const rows: SlotFactsRow[] = await manager.query(SLOT_FACTS_SQL, [
      ids,
      new Date(from),
      horizon,
    ]);
    const facts = new Map(rows.map((row) => [row.therapist_id, readSlotFacts(row)]));
    // One array per therapist and qualification end: the slot rules compute open intervals once
    // per time-off array, so a therapist's offerings (matching asks for several) share them.
    const awayAfter = new Map<string, Interval[]>();
    const timeOffOf = ({ therapistId, bookableUntil }: SlotSubject, timeOff: Interval[]) => {
      if (bookableUntil == null) return timeOff;
      const key = `${therapistId}|${bookableUntil}`;
      let extended = awayAfter.get(key);
      // Past the qualification the therapist is, for booking purposes, away.
      if (!extended)
        awayAfter.set(key, (extended = [...timeOff, { start: bookableUntil, end: FOREVER }]));
      return extended;
    };
    return subjects.map((subject) => {
      const { windows, timeOff, busy } = facts.get(subject.therapistId)!;
      return {
        windows,
        timeZone: subject.timezone,
        timeOff: timeOffOf(subject, timeOff),
        busy,
        durationMinutes: subject.durationMinutes,
        bufferMinutes: subject.bufferMinutes,
        from,
        to,
        notBefore: now,
      };
    });
  }
}
