import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { MINUTE_MS } from '../../common/time/duration.js';
import { toIsoInstant } from '../../common/time/iso.js';
import { parseWindow } from '../../common/time/window.js';
import { AppConfig } from '../../config/app-config.js';
import { horizonEnd } from '../bookings/booking.rules.js';
import { SHORTEST_LIVE_OFFERINGS_SQL } from '../offerings/offering.sql.js';
import {
  countSlots,
  type Interval,
  SlotQuery,
  SlotRun,
  slotStarts,
} from '../schedules/availability.rules.js';
import { type LocatedQuery, locatedSlotRuns } from '../schedules/resource.rules.js';
import { LocationsService } from '../locations/locations.service.js';
import type { OfferingRequirements } from '../offerings/offering.entity.js';
import { SlotsService } from '../schedules/slots.service.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import { MATCH_CANDIDATES_SQL, MatchCandidateRow } from '../therapists/qualification.sql.js';
import { MatchQueryDto, MatchResponse } from './dto/intake.dto.js';
import { intakeErrors } from './intake.errors.js';
import type { Suggestion } from './intake.rules.js';
import type { IntakeStatus, TechniqueSlug } from './intake.types.js';
import { MatchPair, MatchRow, MatchSearch, rankAnswer } from './match-search.rules.js';
import { AVAILABILITY_SATURATION_SLOTS } from './matching.rules.js';
import { TherapistPhotosService } from '../therapists/therapist-photos.service.js';

const MAX_MATCH_WINDOW_DAYS = 31;
const NEXT_SLOTS = 5;

type Candidate = MatchRow & { facts: MatchCandidateRow };

/**
 * The intake, if it is this client's, and whether a later one supersedes it: one lean read on
 * every matches request, where loading the entity and a query builder's EXISTS cost more app CPU
 * than the whole ranking.
 */
const MATCH_INTAKE_SQL = `
  SELECT i.status, i.suggestions, i.pregnant, i.expires_at, i.guidance_version,
         EXISTS (SELECT 1 FROM intakes later
                  WHERE later.client_id = i.client_id AND later.created_at > i.created_at)
           AS superseded
    FROM intakes i WHERE i.id = $1 AND i.client_id = $2`;

interface MatchIntakeRow {
  status: IntakeStatus;
  suggestions: Suggestion[];
  pregnant: boolean;
  expires_at: Date;
  guidance_version: string;
  superseded: boolean;
}

interface Offering {
  id: string;
  technique_slug: TechniqueSlug;
  duration_minutes: number;
  buffer_minutes: number;
  requires: OfferingRequirements;
}

interface MatchRequest {
  manager: EntityManager;
  suggestions: Suggestion[];
  offerings: Map<TechniqueSlug, Offering>;
  pregnant: boolean;
  limit: number;
  /** Only therapists working there, only their hours there. */
  locationId?: string;
  from: number;
  to: number;
  now: number;
  /** Each location's resource calendars for one offering, read once per request. */
  memo: Map<string, Promise<Interval[]>>;
}

/**
 * Therapists ranked for a client's intake. The ranking is rankMatches' over every qualified
 * (therapist, technique) pair, but only its head is computed: MatchSearch reads candidates best
 * score bound first and counts free slots until nothing unread can enter the answer, so a request
 * costs about its `limit`, whatever the number of therapists (README, Performance).
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly slots: SlotsService,
    private readonly locations: LocationsService,
    private readonly config: AppConfig,
    private readonly photos: TherapistPhotosService,
  ) {}

  /**
   * Qualified for a suggested technique (prenatal-certified for a pregnant client), by suggestion
   * score, experience and free slots, with the next free slots of the technique's shortest
   * offering (the same slot rules as /slots).
   */
  async matches(client: AuthUser, id: string, query: MatchQueryDto): Promise<MatchResponse[]> {
    const manager = this.dataSource.manager;
    const [intake]: MatchIntakeRow[] = await manager.query(MATCH_INTAKE_SQL, [id, client.id]);
    if (!intake) throw intakeErrors.notFound();
    const now = Date.now();
    if (intake.superseded) {
      throw intakeErrors.supersededForMatches();
    }
    if (intake.expires_at.getTime() <= now) {
      throw intakeErrors.expired();
    }
    const window = parseWindow(query, {
      defaultFrom: now,
      notBefore: now,
      defaultDays: 7,
      maxDays: MAX_MATCH_WINDOW_DAYS,
    });
    const from = window.from;
    const to = Math.max(from, Math.min(window.to, horizonEnd(now, this.config.bookingHorizonDays)));
    if (query.locationId) await this.locations.requireLocation(manager, query.locationId);
    if (intake.status === 'blocked' || intake.suggestions.length === 0) return [];

    const offerings = await this.shortestOfferings(
      manager,
      intake.suggestions.map((s) => s.technique),
    );
    const suggestions = intake.suggestions.filter((s) => offerings.has(s.technique));
    if (suggestions.length === 0) return [];
    const request: MatchRequest = {
      manager,
      suggestions,
      offerings,
      pregnant: intake.pregnant,
      limit: query.limit,
      locationId: query.locationId,
      from,
      to,
      now,
      memo: new Map(),
    };
    const answer = (await this.search(request)).map(({ pair, located }) => {
      const runs = locatedSlotRuns(located);
      return { pair, runs, freeSlotCount: countSlots(runs) };
    });
    const ranked = rankAnswer(
      {
        status: intake.status,
        suggestions,
        flags: [],
        excluded: [],
        guidanceVersion: intake.guidance_version,
      },
      answer,
      { pregnant: intake.pregnant },
    );
    const byPair = new Map(
      answer.map((scored) => [`${scored.pair.row.therapistId}:${scored.pair.technique}`, scored]),
    );
    const photoUrls = await this.photos.urlsOf(ranked.map((match) => match.therapistId));
    return ranked.map((match) => {
      const { pair, runs } = byPair.get(`${match.therapistId}:${match.technique}`)!;
      return {
        therapist: {
          id: pair.row.therapistId,
          name: pair.row.facts.name,
          yearsExperience: pair.row.yearsExperience,
          timezone: pair.row.facts.timezone,
          photoUrl: photoUrls.get(pair.row.therapistId) ?? null,
        },
        technique: match.technique,
        score: match.score,
        reasons: match.reasons,
        nextSlots: this.nextSlots(runs, offerings.get(match.technique)!),
      };
    });
  }

  /** The answer's pairs, each with the slot queries its exact count and next slots come from. */
  private async search(
    request: MatchRequest,
  ): Promise<{ pair: MatchPair<Candidate>; located: LocatedQuery[] }[]> {
    const { manager, limit, pregnant } = request;
    // One row more than the answer: when the best-bounded therapists have free slots enough, the
    // first batch settles it without a second read.
    const pageSize = limit + 1;
    const search = new MatchSearch<Candidate>(request.suggestions, { pregnant, limit, pageSize });
    const slotQueries = new Map<MatchPair<Candidate>, LocatedQuery[]>();
    for (;;) {
      const wanted = search.pagesWanted();
      if (wanted.length > 0) {
        const rows: MatchCandidateRow[] = await manager.query(MATCH_CANDIDATES_SQL, [
          wanted.map((w) => w.technique),
          wanted.map((w) => w.offset),
          pregnant,
          pageSize,
          request.locationId ?? null,
        ]);
        wanted.forEach(({ suggestionRank }, index) =>
          search.addPage(
            suggestionRank,
            rows
              .filter((row) => Number(row.wanted) === index + 1)
              .map((row) => ({
                therapistId: row.id,
                yearsExperience: row.years_experience,
                hasPrenatalCertification: row.prenatal,
                facts: row,
              })),
          ),
        );
        continue;
      }
      const pairs = search.nextPairs(limit);
      if (pairs.length === 0) break;
      const queries = await this.slotQueries(request, pairs);
      for (const [index, pair] of pairs.entries()) {
        const located = await this.slots.locate(
          manager,
          queries[index],
          pair.row.facts.location_id,
          request.offerings.get(pair.technique)!.requires,
          { only: request.locationId, memo: request.memo },
        );
        slotQueries.set(pair, located);
        // The score stops growing at a few free slots; the answer's exact counts come later.
        const runs = locatedSlotRuns(located, AVAILABILITY_SATURATION_SLOTS);
        search.addScore(pair, countSlots(runs));
      }
    }
    return search.answer().map((pair) => ({ pair, located: slotQueries.get(pair)! }));
  }

  private slotQueries(
    { manager, offerings, pregnant, from, to, now }: MatchRequest,
    pairs: readonly MatchPair<Candidate>[],
  ): Promise<SlotQuery[]> {
    const subjects = pairs.map(({ row, technique }) => {
      const offering = offerings.get(technique)!;
      return {
        therapistId: row.therapistId,
        timezone: row.facts.timezone,
        durationMinutes: offering.duration_minutes,
        bufferMinutes: offering.buffer_minutes,
        // No slot may end after the therapist's qualification for it does (prenatal
        // certification included for a pregnant client); not qualified: nothing is offered.
        bookableUntil:
          qualifiedUntil(
            { ...row.facts, offers_technique: true },
            pregnant || technique === 'prenatal',
          ) ?? 0,
      };
    });
    return this.slots.slotQueries(manager, subjects, from, to, now);
  }

  private nextSlots(runs: readonly SlotRun[], offering: Offering): MatchResponse['nextSlots'] {
    return slotStarts(runs, NEXT_SLOTS).map((start) => ({
      startsAt: toIsoInstant(start),
      endsAt: toIsoInstant(start + offering.duration_minutes * MINUTE_MS),
      offeringId: offering.id,
    }));
  }

  /** Per technique, its shortest live offering (the one matches show slots for). */
  private async shortestOfferings(
    manager: EntityManager,
    techniques: TechniqueSlug[],
  ): Promise<Map<TechniqueSlug, Offering>> {
    const rows: Offering[] = await manager.query(SHORTEST_LIVE_OFFERINGS_SQL, [techniques]);
    return new Map(rows.map((row) => [row.technique_slug, row]));
  }
}
