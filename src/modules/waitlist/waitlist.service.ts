import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { decodeCursor, type Page, toPage } from '../../common/pagination/pagination.js';
import type { PageQueryDto } from '../../common/pagination/pagination.js';
import { parseWindow } from '../../common/time/window.js';
import { AppConfig } from '../../config/app-config.js';
import { BookingLedger } from '../bookings/booking-ledger.service.js';
import { BookingNotices } from '../bookings/booking-notices.service.js';
import { asDomainError, BookingWriter } from '../bookings/booking-writer.service.js';
import { bookingWithRoom } from '../bookings/bookings.service.js';
import { toBookingResponse } from '../bookings/booking.mapper.js';
import { horizonEnd } from '../bookings/booking.rules.js';
import { bookingErrors } from '../bookings/bookings.errors.js';
import type { BookingResponse } from '../bookings/dto/booking.dto.js';
import { OfferingsService } from '../offerings/offerings.service.js';
import { qualifiedUntil } from '../therapists/qualification.rules.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import type {
  JoinWaitlistDto,
  WaitlistEntryResponse,
  WaitlistOfferResponse,
} from './dto/waitlist.dto.js';
import { WaitlistOffers } from './waitlist-offers.service.js';
import { waitlistErrors } from './waitlist.errors.js';

/** A client waits for this many times at once at most. */
const MOST_ENTRIES = 10;
const MAX_WINDOW_DAYS = 31;

interface EntryRow {
  id: string;
  offering_id: string;
  therapist_id: string | null;
  window_from: Date;
  window_to: Date;
  created_at: Date;
  offer_id: string | null;
  offer_therapist_id: string | null;
  offer_starts_at: Date | null;
  offer_ends_at: Date | null;
  offer_expires_at: Date | null;
}

const ENTRY_SELECT = `SELECT e.id, e.offering_id, e.therapist_id, e.window_from, e.window_to, e.created_at,
         w.id AS offer_id, w.therapist_id AS offer_therapist_id, w.starts_at AS offer_starts_at,
         w.ends_at AS offer_ends_at, w.expires_at AS offer_expires_at
    FROM waitlist_entries e
    LEFT JOIN waitlist_offers w ON w.entry_id = e.id AND w.status = 'open'`;

function toEntryResponse(row: EntryRow): WaitlistEntryResponse {
  const offer: WaitlistOfferResponse | null = row.offer_id
    ? {
        id: row.offer_id,
        therapistId: row.offer_therapist_id!,
        startsAt: row.offer_starts_at!.toISOString(),
        endsAt: row.offer_ends_at!.toISOString(),
        expiresAt: row.offer_expires_at!.toISOString(),
      }
    : null;
  return {
    id: row.id,
    offeringId: row.offering_id,
    therapistId: row.therapist_id,
    from: row.window_from.toISOString(),
    to: row.window_to.toISOString(),
    createdAt: row.created_at.toISOString(),
    offer,
  };
}

/** A client's waitlist: join, list, leave, and an offer's claim or decline (owns its tables). */
@Injectable()
export class WaitlistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offerings: OfferingsService,
    private readonly therapists: TherapistsService,
    private readonly writer: BookingWriter,
    private readonly notices: BookingNotices,
    private readonly ledger: BookingLedger,
    private readonly offers: WaitlistOffers,
    private readonly config: AppConfig,
  ) {}

  async join(client: AuthUser, dto: JoinWaitlistDto): Promise<WaitlistEntryResponse> {
    const now = Date.now();
    const { from, to } = parseWindow(dto, {
      defaultFrom: now,
      notBefore: now,
      defaultDays: 7,
      maxDays: MAX_WINDOW_DAYS,
    });
    if (from > horizonEnd(now, this.config.bookingHorizonDays)) {
      throw bookingErrors.beyondHorizon(this.config.bookingHorizonDays);
    }
    return this.dataSource.transaction(async (manager) => {
      const offering = await this.offerings.findLiveRow(manager, dto.offeringId);
      if (dto.therapistId) {
        const therapist = await this.therapists.bookingFacts(
          manager,
          dto.therapistId,
          offering.technique_slug,
        );
        if (qualifiedUntil(therapist, offering.technique_slug === 'prenatal') === null) {
          throw bookingErrors.therapistNotQualified(offering.technique_slug);
        }
      }
      // Under the client's screening lock: entries are counted without a race past the cap, and
      // an account erased meanwhile joins nothing.
      await this.writer.lockClient(manager, client.id);
      const [{ waiting }]: { waiting: number }[] = await manager.query(
        `SELECT count(*)::int AS waiting FROM waitlist_entries
          WHERE client_id = $1 AND fulfilled_at IS NULL AND window_to > now()`,
        [client.id],
      );
      if (waiting >= MOST_ENTRIES) throw waitlistErrors.full(MOST_ENTRIES);
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO waitlist_entries (client_id, offering_id, therapist_id, window_from, window_to)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [client.id, offering.id, dto.therapistId ?? null, new Date(from), new Date(to)],
      );
      return this.entry(manager, client.id, id);
    });
  }

  /** The client's entries still waiting (not yet claimed, window not over), oldest first. */
  async list(client: AuthUser, query: PageQueryDto): Promise<Page<WaitlistEntryResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows: EntryRow[] = await this.dataSource.query(
      `${ENTRY_SELECT}
        WHERE e.client_id = $1 AND e.fulfilled_at IS NULL AND e.window_to > now()
          AND ($2::timestamptz IS NULL OR (e.created_at, e.id) > ($2::timestamptz, $3::uuid))
        ORDER BY e.created_at, e.id LIMIT $4`,
      [client.id, after?.[0] ?? null, after?.[1] ?? null, query.limit + 1],
    );
    return toPage(rows, query.limit, toEntryResponse, (row) => [
      row.created_at.toISOString(),
      row.id,
    ]);
  }

  /** Leaves the waitlist; a time held for this entry passes to the next one. */
  async leave(client: AuthUser, entryId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockEntry(manager, client.id, entryId);
      const [open]: { id: string }[] = await manager.query(
        `SELECT id FROM waitlist_offers WHERE entry_id = $1 AND status = 'open' FOR UPDATE`,
        [entryId],
      );
      if (open) await this.offers.close(manager, open.id, 'withdrawn');
      await manager.query(`DELETE FROM waitlist_entries WHERE id = $1`, [entryId]);
    });
  }

  async decline(client: AuthUser, offerId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const offer = await this.offerOf(manager, client.id, offerId);
      await this.lockEntry(manager, client.id, offer.entry_id);
      if (!(await this.offers.close(manager, offerId, 'declined'))) {
        throw waitlistErrors.offerClosed();
      }
    });
  }

  /**
   * Turns the held time into a booking, in one transaction, under every booking rule again (the
   * latest intake's gate, the therapist's qualification on the date): the hold is released and
   * the same time booked; on any refusal nothing changes and the hold stays until it lapses. A
   * retried claim whose first answer was lost answers the booking it made.
   */
  async claim(client: AuthUser, offerId: string): Promise<BookingResponse> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const now = new Date();
        const peek = await this.offerOf(manager, client.id, offerId);
        // A booking's locks first, in its order; then the entry and the offer.
        await this.writer.lockForBooking(manager, peek.offering_id, [peek.therapist_id], client.id);
        await this.lockEntry(manager, client.id, peek.entry_id);
        const offer = await this.offerOf(manager, client.id, offerId, true);
        if (offer.status === 'claimed' && offer.booking_id) {
          return toBookingResponse(await bookingWithRoom(manager, offer.booking_id));
        }
        if (offer.status !== 'open' || offer.expires_at.getTime() <= now.getTime()) {
          throw waitlistErrors.offerClosed();
        }
        if (offer.hold_id) await this.ledger.releaseHold(manager, offer.hold_id);
        const booking = await this.writer.book(
          manager,
          client.id,
          {
            therapistId: offer.therapist_id,
            offeringId: offer.offering_id,
            startsAt: offer.starts_at.toISOString(),
          },
          now,
        );
        await manager.query(
          `UPDATE waitlist_offers SET status = 'claimed', booking_id = $2, hold_id = NULL,
                  closed_at = now() WHERE id = $1`,
          [offerId, booking.id],
        );
        await manager.query(`UPDATE waitlist_entries SET fulfilled_at = now() WHERE id = $1`, [
          offer.entry_id,
        ]);
        await this.notices.confirmed(manager, booking.id, now);
        return toBookingResponse(booking);
      });
    } catch (error) {
      throw asDomainError(error) ?? error;
    }
  }

  private async entry(
    manager: EntityManager,
    clientId: string,
    id: string,
  ): Promise<WaitlistEntryResponse> {
    const [row]: EntryRow[] = await manager.query(
      `${ENTRY_SELECT} WHERE e.id = $1 AND e.client_id = $2`,
      [id, clientId],
    );
    if (!row) throw waitlistErrors.entryNotFound();
    return toEntryResponse(row);
  }

  /**
   * Locks one of the client's entries (another's is 404). Entries are locked before their
   * offers, everywhere, so a leave and a claim queue instead of deadlocking.
   */
  private async lockEntry(manager: EntityManager, clientId: string, entryId: string) {
    const [entry]: { id: string }[] = await manager.query(
      `SELECT id FROM waitlist_entries WHERE id = $1 AND client_id = $2 FOR UPDATE`,
      [entryId, clientId],
    );
    if (!entry) throw waitlistErrors.entryNotFound();
  }

  /** One of the client's offers (another's is 404), locked when `lock` (after its entry). */
  private async offerOf(manager: EntityManager, clientId: string, offerId: string, lock = false) {
    const [offer]: {
      status: string;
      entry_id: string;
      hold_id: string | null;
      booking_id: string | null;
      therapist_id: string;
      offering_id: string;
      starts_at: Date;
      expires_at: Date;
    }[] = await manager.query(
      `SELECT w.status, w.entry_id, w.hold_id, w.booking_id, w.therapist_id, e.offering_id,
              w.starts_at, w.expires_at
         FROM waitlist_offers w JOIN waitlist_entries e ON e.id = w.entry_id
        WHERE w.id = $1 AND e.client_id = $2
        ${lock ? 'FOR UPDATE OF w' : ''}`,
      [offerId, clientId],
    );
    if (!offer) throw waitlistErrors.offerNotFound();
    return offer;
  }
}
