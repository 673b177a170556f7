import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ValidationError } from '../../common/errors/app-error.js';
import { decodeCursor, Page, toPage } from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../users/user.entity.js';
import { Certification } from './certification.entity.js';
import {
  CertificationListQueryDto,
  AdminCertificationResponse,
  CertificationResponse,
  CreateCertificationDto,
  PublicTherapistResponse,
  TherapistListQueryDto,
  TherapistProfileResponse,
  UpsertTherapistProfileDto,
} from './dto/therapist.dto.js';
import { BookingLedger } from '../bookings/booking-ledger.service.js';
import { photoUrl } from './photo.rules.js';
import { endOfDay, qualifiedUntil } from './qualification.rules.js';
import {
  bookableSql,
  LOCK_THERAPIST_FOR_SHARE_SQL,
  LOCK_THERAPIST_FOR_UPDATE_SQL,
  PRENATAL_THROUGH_SQL,
  qualifiedForSql,
  THERAPIST_BOOKING_FACTS_SQL,
  type QualificationFactsRow,
  type TherapistBookingFactsRow,
} from './qualification.sql.js';
import { LocationsService } from '../locations/locations.service.js';
import { TherapistTechnique } from './therapist-technique.entity.js';
import { Therapist } from './therapist.entity.js';
import { therapistErrors } from './therapists.errors.js';
import { AccountNotices } from '../notifications/account-notices.service.js';

const todayUtc = () => new Date().toISOString().slice(0, 10);

export function toCertificationResponse(certification: Certification): CertificationResponse {
  return {
    id: certification.id,
    therapistId: certification.therapistId,
    kind: certification.kind,
    issuer: certification.issuer,
    number: certification.number,
    expiresOn: certification.expiresOn,
    status: certification.status,
    verified: certification.status === 'verified',
    expired: certification.expiresOn < todayUtc(),
    decidedAt: certification.decidedAt?.toISOString() ?? null,
    decisionNote: certification.decisionNote,
    revokedAt: certification.revokedAt?.toISOString() ?? null,
    revocationReason: certification.revocationReason,
  };
}

export const newCalendarToken = () => randomBytes(24).toString('base64url');

interface PublicTherapistRow {
  id: string;
  name: string;
  bio: string;
  years_experience: number;
  timezone: string;
  techniques: string[];
  photo_version: string | null;
}

@Injectable()
export class TherapistsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bookings: BookingLedger,
    private readonly notices: AccountNotices,
    private readonly locations: LocationsService,
  ) {}

  /**
   * Creates or replaces the caller's profile and the techniques it offers, in one transaction. The
   * therapist row is locked FOR UPDATE, so a booking in flight (FOR SHARE) is either committed
   * first — and then blocks dropping its technique — or sees the new profile.
   */
  async upsertProfile(
    userId: string,
    dto: UpsertTherapistProfileDto,
  ): Promise<TherapistProfileResponse> {
    await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(Therapist, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) {
        const kept = new Set<string>(dto.techniques);
        const current = await manager.find(TherapistTechnique, { where: { therapistId: userId } });
        const dropped = current.map((t) => t.techniqueSlug).filter((slug) => !kept.has(slug));
        if (await this.bookings.hasUpcomingOf(manager, userId, dropped, new Date())) {
          throw therapistErrors.techniqueInUse();
        }
      }
      if (dto.locationId) await this.locations.requireLocation(manager, dto.locationId);
      await manager.save(Therapist, {
        id: userId,
        bio: dto.bio,
        yearsExperience: dto.yearsExperience,
        timezone: dto.timezone,
        // Left out, the home stays as it was.
        locationId: dto.locationId === undefined ? (existing?.locationId ?? null) : dto.locationId,
        calendarToken: existing?.calendarToken ?? newCalendarToken(),
      });
      await manager.delete(TherapistTechnique, { therapistId: userId });
      if (dto.techniques.length > 0) {
        await manager.insert(
          TherapistTechnique,
          dto.techniques.map((techniqueSlug) => ({ therapistId: userId, techniqueSlug })),
        );
      }
    });
    return this.ownProfile(userId);
  }

  async ownProfile(userId: string): Promise<TherapistProfileResponse> {
    const manager = this.dataSource.manager;
    const therapist = await this.requireProfile(userId, manager);
    const [user, techniques, certifications, [{ bookable, photo_version }]] = await Promise.all([
      manager.findOneByOrFail(User, { id: userId }),
      manager.find(TherapistTechnique, {
        where: { therapistId: userId },
        relations: { technique: true },
      }),
      manager.find(Certification, { where: { therapistId: userId }, order: { createdAt: 'ASC' } }),
      manager.query(
        `SELECT ${bookableSql('$1::uuid')} AS bookable,
                (SELECT version FROM therapist_photos WHERE therapist_id = $1) AS photo_version`,
        [userId],
      ),
    ]);
    return {
      id: therapist.id,
      name: user.name,
      bio: therapist.bio,
      yearsExperience: therapist.yearsExperience,
      timezone: therapist.timezone,
      locationId: therapist.locationId,
      techniques: techniques
        .sort((a, b) => (a.technique?.sortOrder ?? 0) - (b.technique?.sortOrder ?? 0))
        .map((t) => t.techniqueSlug),
      photoUrl: photoUrl(userId, photo_version),
      bookable,
      certifications: certifications.map(toCertificationResponse),
    };
  }

  /** The caller's profile, or 409 PROFILE_REQUIRED: schedules and certifications hang off it. */
  async requireProfile(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Therapist> {
    const therapist = await manager.findOneBy(Therapist, { id: userId });
    if (!therapist) {
      throw therapistErrors.profileRequired();
    }
    return therapist;
  }

  /**
   * A therapist's time zone and what their qualification for `technique` rests on, in the
   * caller's transaction; with `lock`, the row is held FOR SHARE first (its own statement), so a
   * profile change or revocation waits for the booking. Else 404.
   */
  async bookingFacts(
    manager: EntityManager,
    id: string,
    technique: string,
    lock = false,
  ): Promise<TherapistBookingFactsRow> {
    if (lock) await manager.query(LOCK_THERAPIST_FOR_SHARE_SQL, [id]);
    const [therapist]: TherapistBookingFactsRow[] = await manager.query(
      THERAPIST_BOOKING_FACTS_SQL,
      [id, technique],
    );
    if (!therapist) throw therapistErrors.notFound();
    return therapist;
  }

  /** Holds the therapist's row FOR SHARE, as a booking does (BookingWriter.lockForBooking). */
  async lockForBooking(manager: EntityManager, id: string): Promise<void> {
    await manager.query(LOCK_THERAPIST_FOR_SHARE_SQL, [id]);
  }

  /**
   * Holds the therapist's row FOR UPDATE to the end of the caller's transaction: bookings take it
   * FOR SHARE, so a change to what they rest on is either fully before a booking or after it.
   */
  async lockForChange(manager: EntityManager, id: string): Promise<void> {
    await manager.query(LOCK_THERAPIST_FOR_UPDATE_SQL, [id]);
  }

  /**
   * Whether the therapist holds a verified prenatal certification through `endsAt`. The caller
   * already holds the therapist's row FOR SHARE (re-screening locks every therapist of the
   * client's bookings first), so a revocation (FOR UPDATE) is either fully before or after.
   */
  async prenatalCertifiedThrough(
    manager: EntityManager,
    id: string,
    endsAt: Date,
  ): Promise<boolean> {
    const [row]: { through: string | null }[] = await manager.query(PRENATAL_THROUGH_SQL, [id]);
    return row?.through != null && endOfDay(row.through) >= endsAt.getTime();
  }

  /** A new secret for the caller's calendar feed; the old one stops working at once. */
  async rotateCalendarToken(userId: string): Promise<string> {
    await this.requireProfile(userId);
    const token = newCalendarToken();
    await this.dataSource.query(`UPDATE therapists SET calendar_token = $2 WHERE id = $1`, [
      userId,
      token,
    ]);
    return token;
  }

  /** The therapist a calendar token belongs to, or null (unknown or rotated). */
  async findByCalendarToken(token: string): Promise<string | null> {
    const [therapist]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM therapists WHERE calendar_token = $1`,
      [token],
    );
    return therapist?.id ?? null;
  }

  async addCertification(
    userId: string,
    dto: CreateCertificationDto,
  ): Promise<CertificationResponse> {
    if (dto.expiresOn < todayUtc()) {
      throw new ValidationError([
        { field: 'expiresOn', message: 'expiresOn must not be in the past' },
      ]);
    }
    await this.requireProfile(userId);
    const certification = await this.dataSource.manager.save(
      this.dataSource.manager.create(Certification, {
        therapistId: userId,
        kind: dto.kind,
        issuer: dto.issuer,
        number: dto.number,
        expiresOn: dto.expiresOn,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      }),
    );
    return toCertificationResponse(certification);
  }

  async listOwnCertifications(userId: string): Promise<CertificationResponse[]> {
    const rows = await this.dataSource.manager.find(Certification, {
      where: { therapistId: userId },
      order: { createdAt: 'ASC' },
    });
    return rows.map(toCertificationResponse);
  }

  /** Bookable therapists only (a valid massage-license), qualified for `technique` when given. */
  async listPublic(query: TherapistListQueryDto): Promise<Page<PublicTherapistResponse>> {
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    const params: unknown[] = [query.limit + 1];
    const where = [bookableSql('t.id')];
    if (query.technique) {
      params.push(query.technique);
      where.push(qualifiedForSql('t.id', `$${params.length}::text`));
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(u.name, t.id) > ($${params.length - 1}::text, $${params.length}::uuid)`);
    }
    const rows: PublicTherapistRow[] = await this.dataSource.query(
      `${publicTherapistSelect} WHERE ${where.join(' AND ')} ORDER BY u.name, t.id LIMIT $1`,
      params,
    );
    const certifications = await this.publicCertifications(rows.map((row) => row.id));
    return toPage(
      rows,
      query.limit,
      (row) => toPublicTherapist(row, certifications.get(row.id) ?? []),
      (row) => [row.name, row.id],
    );
  }

  /** A bookable therapist's public profile, with verified, unexpired certifications only. */
  async getPublic(id: string): Promise<PublicTherapistResponse> {
    const rows: PublicTherapistRow[] = await this.dataSource.query(
      `${publicTherapistSelect} WHERE t.id = $1 AND ${bookableSql('t.id')}`,
      [id],
    );
    if (rows.length === 0) throw therapistErrors.notFound();
    const certifications = await this.publicCertifications([id]);
    return toPublicTherapist(rows[0], certifications.get(id) ?? []);
  }

  private async publicCertifications(ids: string[]) {
    const byTherapist = new Map<string, { kind: string; issuer: string; expiresOn: string }[]>();
    if (ids.length === 0) return byTherapist;
    const rows: { therapist_id: string; kind: string; issuer: string; expires_on: string }[] =
      await this.dataSource.query(
        `SELECT c.therapist_id, c.kind, c.issuer, to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on
           FROM certifications c
          WHERE c.therapist_id = ANY($1::uuid[]) AND c.status = 'verified'
            AND c.expires_on >= (now() AT TIME ZONE 'UTC')::date
          ORDER BY c.kind, c.expires_on DESC`,
        [ids],
      );
    for (const row of rows) {
      const list = byTherapist.get(row.therapist_id) ?? [];
      list.push({ kind: row.kind, issuer: row.issuer, expiresOn: row.expires_on });
      byTherapist.set(row.therapist_id, list);
    }
    return byTherapist;
  }

  async listCertifications(
    query: CertificationListQueryDto,
  ): Promise<Page<AdminCertificationResponse>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const builder = this.dataSource.manager
      .createQueryBuilder(Certification, 'c')
      .where('c.status = :status', { status: query.status })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(query.limit + 1);
    if (after) {
      builder.andWhere('(c.created_at, c.id) > (:createdAt::timestamptz, :id::uuid)', {
        createdAt: after[0],
        id: after[1],
      });
    }
    const rows = await builder.getMany();
    const people: { id: string; name: string; email: string }[] = rows.length
      ? await this.dataSource.manager.query(
          `SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])`,
          [[...new Set(rows.map((c) => c.therapistId))]],
        )
      : [];
    const byId = new Map(people.map((person) => [person.id, person]));
    return toPage(
      rows,
      query.limit,
      (c): AdminCertificationResponse => ({
        ...toCertificationResponse(c),
        therapistName: byId.get(c.therapistId)!.name,
        therapistEmail: byId.get(c.therapistId)!.email,
      }),
      (c) => [c.createdAt.toISOString(), c.id],
    );
  }

  /** An admin's verdict on a pending certification, recorded in the audit log in one transaction. */
  async decideCertification(
    adminId: string,
    id: string,
    decision: 'verified' | 'rejected',
    note: string | undefined,
  ): Promise<CertificationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const certification = await manager.findOne(Certification, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!certification) throw therapistErrors.certificationNotFound();
      if (certification.status !== 'pending') {
        throw therapistErrors.certificationAlreadyDecided(certification.status);
      }
      Object.assign(certification, {
        status: decision,
        decidedBy: adminId,
        decidedAt: new Date(),
        decisionNote: note ?? null,
      });
      await manager.save(certification);
      await this.notices.certificationDecided(
        manager,
        certification.therapistId,
        `certification.${decision}`,
        { certificationKind: certification.kind, issuer: certification.issuer, note: note ?? null },
      );
      await this.audit.record(
        {
          actorId: adminId,
          action: decision === 'verified' ? 'certification.verify' : 'certification.reject',
          subjectType: 'certification',
          subjectId: id,
          details: {
            therapistId: certification.therapistId,
            kind: certification.kind,
            note: note ?? null,
          },
        },
        manager,
      );
      return toCertificationResponse(certification);
    });
  }

  /**
   * Withdraws a verified certification (audited) and cancels, by the system, the therapist's
   * upcoming bookings it leaves unqualified on their date. The therapist row is locked FOR UPDATE
   * first: a booking in flight is either committed before (and re-judged here) or sees the revocation.
   */
  async revokeCertification(
    adminId: string,
    id: string,
    reason: string,
  ): Promise<CertificationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const peek = await manager.findOneBy(Certification, { id });
      if (!peek) throw therapistErrors.certificationNotFound();
      await this.lockForChange(manager, peek.therapistId);
      const certification = await manager.findOneOrFail(Certification, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (certification.status !== 'verified') {
        throw therapistErrors.certificationNotVerified(certification.status);
      }
      Object.assign(certification, {
        status: 'revoked',
        revokedAt: new Date(),
        revokedBy: adminId,
        revocationReason: reason,
      });
      await manager.save(certification);
      const cancelled = await this.cancelUnqualifiedBookings(manager, certification.therapistId);
      await this.notices.certificationDecided(
        manager,
        certification.therapistId,
        'certification.revoked',
        {
          certificationKind: certification.kind,
          issuer: certification.issuer,
          note: reason,
        },
      );
      await this.audit.record(
        {
          actorId: adminId,
          action: 'certification.revoke',
          subjectType: 'certification',
          subjectId: id,
          details: {
            therapistId: certification.therapistId,
            kind: certification.kind,
            reason,
            cancelledBookings: cancelled.length,
          },
        },
        manager,
      );
      return toCertificationResponse(certification);
    });
  }

  /** The caller holds the therapist row FOR UPDATE. Answers the ids it cancelled. */
  private async cancelUnqualifiedBookings(
    manager: EntityManager,
    therapistId: string,
  ): Promise<string[]> {
    const upcoming = await this.bookings.upcomingForTherapist(manager, therapistId, new Date());
    const unqualified: string[] = [];
    const facts = new Map<string, QualificationFactsRow>();
    for (const booking of upcoming) {
      if (!facts.has(booking.technique)) {
        facts.set(
          booking.technique,
          await this.bookingFacts(manager, therapistId, booking.technique),
        );
      }
      const needsPrenatal = booking.technique === 'prenatal' || booking.clientPregnant;
      const until = qualifiedUntil(facts.get(booking.technique)!, needsPrenatal);
      if (until === null || booking.endsAt.getTime() > until) unqualified.push(booking.id);
    }
    await this.bookings.cancelBySystem(manager, unqualified, 'THERAPIST_NOT_QUALIFIED');
    return unqualified;
  }
}

const publicTherapistSelect = `
  SELECT t.id, u.name, t.bio, t.years_experience, t.timezone,
         ARRAY(SELECT tt.technique_slug FROM therapist_techniques tt
                 JOIN techniques q ON q.slug = tt.technique_slug
                WHERE tt.therapist_id = t.id AND ${qualifiedForSql('t.id', 'tt.technique_slug')}
                ORDER BY q.sort_order) AS techniques,
         (SELECT p.version FROM therapist_photos p WHERE p.therapist_id = t.id) AS photo_version
    FROM therapists t JOIN users u ON u.id = t.id`;

function toPublicTherapist(
  row: PublicTherapistRow,
  certifications: { kind: string; issuer: string; expiresOn: string }[],
): PublicTherapistResponse {
  return {
    id: row.id,
    name: row.name,
    bio: row.bio,
    yearsExperience: row.years_experience,
    timezone: row.timezone,
    techniques: row.techniques,
    certifications,
    photoUrl: photoUrl(row.id, row.photo_version),
  };
}
