import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { DataSubject, PersonalDataHolder } from '../../common/privacy/personal-data.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthPersonalData } from '../auth/auth-personal-data.service.js';
import { passwordIncorrect, tooManyFailures } from '../auth/auth.errors.js';
import { toUserResponse } from '../auth/auth.service.js';
import type { UserResponse } from '../auth/dto/auth.dto.js';
import { LoginLimiterService } from '../auth/login-limiter.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { BookingsPersonalData } from '../bookings/bookings-personal-data.service.js';
import { IdempotencyPersonalData } from '../idempotency/idempotency-store.service.js';
import { IntakePersonalData } from '../intake/intake-personal-data.service.js';
import { lockClientScreening } from '../intake/screening-facts.js';
import { NotificationsPersonalData } from '../notifications/notifications-personal-data.service.js';
import { SchedulesPersonalData } from '../schedules/schedules-personal-data.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TherapistsPersonalData } from '../therapists/therapists-personal-data.service.js';
import { TherapistsService } from '../therapists/therapists.service.js';
import type { User } from '../users/user.entity.js';
import { WaitlistPersonalData } from '../waitlist/waitlist-personal-data.service.js';
import { UsersService } from '../users/users.service.js';
import type { AccountExport, UpdateAccountDto } from './dto/account.dto.js';

const PLACEHOLDER_NAMES = {
  client: 'Former client',
  therapist: 'Former therapist',
  admin: 'Former administrator',
} as const;

/**
 * The account as its owner manages it: name and phone, export (GDPR Art. 15, 20) and erasure (Art. 17).
 * Each module exports and erases the tables it owns (PersonalDataHolder); this service only
 * decides the order and holds the transaction.
 */
@Injectable()
export class AccountsService {
  /**
   * Erasure order: the waitlist first (its holds are rows of bookings), then bookings (they let
   * go of the check-ins and tell the other party, in messages the notifications step then
   * scrubs), sessions last but one, the account row last.
   */
  private readonly holders: PersonalDataHolder[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiterService,
    private readonly audit: AuditService,
    private readonly therapists: TherapistsService,
    private readonly bookings: BookingsPersonalData,
    intakes: IntakePersonalData,
    schedules: SchedulesPersonalData,
    therapistRecords: TherapistsPersonalData,
    idempotency: IdempotencyPersonalData,
    notifications: NotificationsPersonalData,
    auth: AuthPersonalData,
    sessions: SessionsService,
    waitlist: WaitlistPersonalData,
  ) {
    this.holders = [
      waitlist,
      bookings,
      intakes,
      schedules,
      therapistRecords,
      idempotency,
      notifications,
      auth,
      sessions,
    ];
  }

  async me(userId: string): Promise<UserResponse> {
    return toUserResponse(await this.live(userId));
  }

  /** Changes the fields given; a field left out stays as it is. */
  async update(userId: string, dto: UpdateAccountDto): Promise<UserResponse> {
    await this.live(userId);
    return toUserResponse(await this.users.update(userId, { name: dto.name, phone: dto.phone }));
  }

  /** Every record about the caller, read in one snapshot. */
  async export(caller: AuthUser): Promise<AccountExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const user = await this.live(caller.id);
      const subject = await this.subjectOf(manager, user);
      const sections: Record<string, unknown> = {};
      for (const holder of this.holders) {
        Object.assign(sections, await holder.exportOf(manager, subject));
      }
      const intakeIds = (sections.intakes as { id: string }[]).map((intake) => intake.id);
      return {
        exportedAt: new Date().toISOString(),
        account: toUserResponse(user),
        accountCreatedAt: user.createdAt.toISOString(),
        ...sections,
        auditLog: await this.audit.exportOf(manager, user.id, intakeIds),
      } as AccountExport;
    });
  }

  /**
   * Erases the caller's account, confirmed by its password: upcoming sessions are cancelled (the
   * other party told), check-ins deleted, everything that names the person removed or replaced,
   * every session ended; the row stays, anonymised, so past sessions keep their other party's
   * records. One transaction; audited.
   */
  async erase(caller: AuthUser, password: string): Promise<void> {
    const user = await this.live(caller.id);
    if (!(await this.limiter.admit(user.email))) throw tooManyFailures();
    if (!(await this.hasher.verify(user.passwordHash, password))) throw passwordIncorrect();
    await this.dataSource.transaction(async (manager) => {
      // The locks a booking takes, in its order (therapist, then the client's screening): a
      // booking in flight either lands before and is cancelled here, or waits and is refused.
      await this.therapists.lockForChange(manager, user.id);
      await lockClientScreening(manager, user.id);
      const locked = await this.users.lockForChange(manager, user.id);
      if (!locked || locked.erasedAt) return;
      if (locked.role === 'admin' && (await this.users.adminCount(manager)) <= 1) {
        throw new AppError(
          ErrorCode.LastAdmin,
          'You are the only administrator: make someone else an administrator first.',
        );
      }
      const subject = await this.subjectOf(manager, locked);
      for (const holder of this.holders) await holder.erase(manager, subject);
      await this.users.anonymise(manager, user.id, subject.placeholderName);
      await this.audit.record(
        { actorId: user.id, action: 'account.erase', subjectType: 'user', subjectId: user.id },
        manager,
      );
    });
  }

  private async live(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user || user.erasedAt) {
      throw new AppError(ErrorCode.Unauthenticated, 'This account no longer exists.');
    }
    return user;
  }

  private async subjectOf(manager: EntityManager, user: User): Promise<DataSubject> {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      placeholderName: PLACEHOLDER_NAMES[user.role],
      bookingIds: await this.bookings.idsOf(manager, user.id),
    };
  }
}
