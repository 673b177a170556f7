import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, QueryFailedError, Repository } from 'typeorm';
import type { Role } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return (
    driverError.code === UNIQUE_VIOLATION && (!constraint || driverError.constraint === constraint)
  );
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  /** The names of these users, by id (unknown ids are left out). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.users.find({
      select: { id: true, name: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(users.map((user) => [user.id, user.name]));
  }

  /** Who a message goes to, read in the caller's transaction; null for an unknown id. */
  async contactOf(
    manager: EntityManager,
    id: string,
  ): Promise<{ name: string; email: string } | null> {
    return manager.findOne(User, { select: { name: true, email: true }, where: { id } });
  }

  /**
   * Creates a user in the caller's transaction; the unique index on the citext email is the last
   * word on duplicates.
   */
  async create(manager: EntityManager, user: NewUser): Promise<User> {
    try {
      return await manager.save(manager.create(User, user));
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) {
        throw new AppError(ErrorCode.EmailTaken, 'An account with this email already exists.');
      }
      throw error;
    }
  }

  /**
   * Makes `email` an admin with this password (start-up from ADMIN_EMAIL/ADMIN_PASSWORD);
   * answers the account's id.
   */
  async ensureAdmin(
    manager: EntityManager,
    email: string,
    name: string,
    passwordHash: string,
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'admin', $3)
       ON CONFLICT (email) DO UPDATE
         SET role = 'admin', password_hash = excluded.password_hash, updated_at = now()
       RETURNING id`,
      [email, name, passwordHash],
    );
    return id;
  }

  /** A new password hash, in the caller's transaction (sessions are the caller's to end). */
  async setPassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(User, { id }, { passwordHash });
  }

  /** The user proved they read this address (a verification or reset link). */
  async markEmailVerified(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE users SET email_verified_at = now(), updated_at = now()
        WHERE id = $1 AND email_verified_at IS NULL`,
      [id],
    );
  }

  /** Sets the fields given (undefined leaves one alone; a null phone removes it). */
  async update(id: string, change: { name?: string; phone?: string | null }): Promise<User> {
    const fields = Object.fromEntries(
      Object.entries(change).filter(([, value]) => value !== undefined),
    ) as Partial<Pick<User, 'name' | 'phone'>>;
    if (Object.keys(fields).length > 0) await this.users.update({ id }, fields);
    return this.users.findOneByOrFail({ id });
  }

  /**
   * How to reach these users (name, address, phone), by id; erased accounts are left out. Only
   * for the people a caller has a live session with.
   */
  async contactsOf(
    ids: readonly string[],
  ): Promise<Map<string, { name: string; email: string; phone: string | null }>> {
    if (ids.length === 0) return new Map();
    const users = await this.users.find({
      select: { id: true, name: true, email: true, phone: true },
      where: { id: In([...new Set(ids)]), erasedAt: IsNull() },
    });
    return new Map(users.map(({ id, name, email, phone }) => [id, { name, email, phone }]));
  }

  /** Locks the user's row for a change that must not race another (erasure). */
  async lockForChange(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** How many admins the spa has (the last one may not erase their account). */
  async adminCount(manager: EntityManager): Promise<number> {
    return manager.count(User, { where: { role: 'admin', erasedAt: IsNull() } });
  }

  /**
   * Keeps the row (past sessions keep their client or therapist for the other party's records)
   * with nothing that names the person: a placeholder name and address, a password no input can
   * match, no verification.
   */
  async anonymise(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.query(
      `UPDATE users
          SET name = $2, email = 'erased-' || id || '@unknot.invalid', phone = NULL,
              password_hash = '!',
              email_verified_at = NULL, erased_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, name],
    );
  }
}
