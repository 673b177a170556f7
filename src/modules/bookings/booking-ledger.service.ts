import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingNotices } from './booking-notices.service.js';
import type {
  BookingScreeningState,
  BookingStatus,
  SystemCancellationCode,
} from './booking.entity.js';

/** An upcoming live booking, as the modules that re-judge bookings see it. */
export interface LedgerBooking {
  id: string;
  clientId: string;
  therapistId: string;
  technique: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  screening: BookingScreeningState;
  screeningDeadline: Date | null;
  intakeId: string | null;
}

/** A therapist's upcoming booking, with what its qualification depends on. */
export interface TherapistLedgerBooking extends LedgerBooking {
  /**
   * The intake the booking is judged by (the client's latest unexpired one, else the booking's
   * own) says pregnant: the session needs prenatal certification.
   */
  clientPregnant: boolean;
}

interface LedgerRow {
  id: string;
  client_id: string;
  therapist_id: string;
  technique_slug: string;
  starts_at: Date;
  ends_at: Date;
  status: BookingStatus;
  screening: BookingScreeningState;
  screening_deadline: Date | null;
  intake_id: string | null;
}

const COLUMNS = `id, client_id, therapist_id, technique_slug, starts_at, ends_at, status, screening,
                 screening_deadline, intake_id`;

const fromRow = (row: LedgerRow): LedgerBooking => ({
  id: row.id,
  clientId: row.client_id,
  therapistId: row.therapist_id,
  technique: row.technique_slug,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  status: row.status,
  screening: row.screening,
  screeningDeadline: row.screening_deadline,
  intakeId: row.intake_id,
});

/**
 * The bookings module's statements for the modules that re-judge bookings after the fact (a new
 * intake, a review, a revoked certification): they read and change bookings only through here,
 * inside their own transaction. Rows are locked FOR UPDATE, oldest first, so two re-judgements of
 * one booking queue instead of deadlocking.
 */
@Injectable()
export class BookingLedger {
  constructor(private readonly notices: BookingNotices) {}

  /**
   * Locks, in this order, the therapists of the client's upcoming bookings FOR SHARE and then the
   * bookings FOR UPDATE — the order a revocation takes them in (therapist, then bookings), so the
   * two queue instead of deadlocking. The caller holds the client's screening lock, which every
   * new booking of the client needs, so the set cannot grow in between.
   */
  async upcomingForClient(
    manager: EntityManager,
    clientId: string,
    now: Date,
  ): Promise<LedgerBooking[]> {
    await manager.query(
      `SELECT 1 FROM therapists
        WHERE id IN (SELECT therapist_id FROM bookings
                      WHERE client_id = $1 AND status = 'confirmed' AND starts_at > $2)
        ORDER BY id FOR SHARE`,
      [clientId, now],
    );
    const rows: LedgerRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM bookings
        WHERE client_id = $1 AND status = 'confirmed' AND starts_at > $2
        ORDER BY starts_at, id FOR UPDATE`,
      [clientId, now],
    );
    return rows.map(fromRow);
  }

  /**
   * Reads the client's latest intake's pregnancy too (the one cross-module read, kept here by
   * name): re-screening of that client locks this therapist FOR SHARE, so it cannot slip past.
   */
  async upcomingForTherapist(
    manager: EntityManager,
    therapistId: string,
    now: Date,
  ): Promise<TherapistLedgerBooking[]> {
    const rows: (LedgerRow & { client_pregnant: boolean | null })[] = await manager.query(
      `SELECT ${COLUMNS},
              coalesce(
                (SELECT i.pregnant FROM intakes i
                  WHERE i.client_id = bookings.client_id AND i.expires_at > $2
                  ORDER BY i.created_at DESC, i.id DESC LIMIT 1),
                (SELECT own.pregnant FROM intakes own WHERE own.id = bookings.intake_id)) AS client_pregnant
         FROM bookings
        WHERE therapist_id = $1 AND status = 'confirmed' AND starts_at > $2
        ORDER BY starts_at, id FOR UPDATE OF bookings`,
      [therapistId, now],
    );
    return rows.map((row) => ({ ...fromRow(row), clientPregnant: row.client_pregnant === true }));
  }

  /** Whether the therapist has upcoming live sessions of any of these techniques. */
  async hasUpcomingOf(
    manager: EntityManager,
    therapistId: string,
    techniques: readonly string[],
    now: Date,
  ): Promise<boolean> {
    if (techniques.length === 0) return false;
    const [{ found }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM bookings
                       WHERE therapist_id = $1 AND status = 'confirmed' AND ends_at > $2
                         AND technique_slug = ANY($3::text[])) AS found`,
      [therapistId, now, techniques],
    );
    return found;
  }

  /**
   * Clients with upcoming live bookings: with `all`, every one; else those with a booking whose
   * clot-review deadline has passed.
   */
  async clientsToRescreen(manager: EntityManager, all: boolean): Promise<string[]> {
    const rows: { client_id: string }[] = await manager.query(
      `SELECT DISTINCT client_id FROM bookings
        WHERE status = 'confirmed' AND starts_at > now()
          AND ($1::boolean OR (screening = 'pending-review' AND screening_deadline <= now()))`,
      [all],
    );
    return rows.map((row) => row.client_id);
  }

  /** A therapist's confirmed bookings ending after `from` (and starting before `to`, if given). */
  async confirmedForTherapist(
    manager: EntityManager,
    therapistId: string,
    from: Date,
    to: Date | null,
  ): Promise<{ id: string; clientId: string; startsAt: Date; endsAt: Date }[]> {
    const rows: { id: string; client_id: string; starts_at: Date; ends_at: Date }[] =
      await manager.query(
        `SELECT id, client_id, starts_at, ends_at FROM bookings
          WHERE therapist_id = $1 AND status = 'confirmed' AND ends_at > $2
            AND ($3::timestamptz IS NULL OR starts_at < $3)
          ORDER BY starts_at`,
        [therapistId, from, to],
      );
    return rows.map((row) => ({
      id: row.id,
      clientId: row.client_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    }));
  }

  /** Whether any booking, of any status, was made of this offering (its history must stay). */
  async anyOfOffering(manager: EntityManager, offeringId: string): Promise<boolean> {
    const [{ used }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM bookings WHERE offering_id = $1) AS used`,
      [offeringId],
    );
    return used;
  }

  /** Cancels bookings for the gate, with the refusal code the client is shown; both are told. */
  async cancelBySystem(
    manager: EntityManager,
    ids: readonly string[],
    code: SystemCancellationCode,
  ): Promise<void> {
    if (ids.length === 0) return;
    const [cancelled]: [{ id: string }[], number] = await manager.query(
      `UPDATE bookings
          SET status = 'cancelled', cancelled_at = now(), cancelled_by = NULL,
              canceller_role = 'system', cancellation_code = $2, late_cancellation = false,
              screening = 'clear', screening_deadline = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'confirmed'
        RETURNING id`,
      [ids, code],
    );
    await this.notices.changed(
      manager,
      'booking.cancelled',
      cancelled.map((row) => row.id),
    );
  }

  /**
   * Turns a booking written in this transaction (by BookingWriter, under every booking rule) into
   * a waitlist hold: a time kept for an offer, which the exclusion constraint treats as a booking.
   * A second hold for one entry is refused by UQ_bookings_hold_per_entry.
   */
  async makeHold(manager: EntityManager, bookingId: string, entryId: string): Promise<void> {
    await manager.query(
      `UPDATE bookings SET status = 'held', waitlist_entry_id = $2
        WHERE id = $1 AND status = 'confirmed'`,
      [bookingId, entryId],
    );
  }

  /** Deletes a hold, freeing its time; answers what it held (null when already gone). */
  async releaseHold(
    manager: EntityManager,
    holdId: string,
  ): Promise<{ therapistId: string; startsAt: Date; occupiedUntil: Date } | null> {
    const [[row]]: [{ therapist_id: string; starts_at: Date; occupied_until: Date }[], number] =
      await manager.query(
        `DELETE FROM bookings WHERE id = $1 AND status = 'held'
          RETURNING therapist_id, starts_at, occupied_until`,
        [holdId],
      );
    return row
      ? {
          therapistId: row.therapist_id,
          startsAt: row.starts_at,
          occupiedUntil: row.occupied_until,
        }
      : null;
  }

  /** Records the screening a kept booking now rests on. */
  async setScreening(
    manager: EntityManager,
    id: string,
    screening: BookingScreeningState,
    deadline: Date | null,
    intakeId: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE bookings
          SET screening = $2, screening_deadline = $3, intake_id = COALESCE($4, intake_id),
              updated_at = now()
        WHERE id = $1`,
      [id, screening, deadline, intakeId],
    );
  }
}
