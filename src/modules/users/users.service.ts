import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, QueryFailedError, Repository } from 'typeorm';
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

  /** Creates a user; the unique index on the citext email is the last word on duplicates. */
  async create(user: NewUser): Promise<User> {
    try {
      return await this.users.save(this.users.create(user));
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) {
        throw new AppError(ErrorCode.EmailTaken, 'An account with this email already exists.');
      }
      throw error;
    }
  }

  /** Makes sure `email` is an admin with this password (start-up from ADMIN_EMAIL/ADMIN_PASSWORD). */
  async ensureAdmin(email: string, name: string, passwordHash: string): Promise<void> {
    await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, name, role: 'admin', passwordHash })
      .orUpdate(['role', 'password_hash', 'updated_at'], ['email'])
      .execute();
  }
}
