import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { SessionRegistry } from '../../modules/sessions/session-registry.service.js';
import { AccessTokenService } from './access-token.service.js';
import { AuthenticatedRequest, IS_PUBLIC, ROLES_KEY } from './auth.decorators.js';
import { AuthUser, Role, ROLES } from './auth-user.js';

/**
 * Deny by default: every route needs a valid bearer token unless marked @Public(). The token's
 * session must still be live (logout, a password change or erasure end it on every instance) and
 * the role is the user's role now, from the database.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = await this.authenticate(request.headers.authorization);
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'A valid bearer token is required.');
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new AppError(ErrorCode.Forbidden, `This route is for: ${roles.join(', ')}.`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AuthUser | null> {
    const token = bearerToken(header);
    const subject = token ? await this.tokens.verify(token) : null;
    if (!subject) return null;
    const session = await this.sessions.check(subject.sessionId);
    if (session?.userId !== subject.userId || !isRole(session.role)) return null;
    return { id: subject.userId, role: session.role, sessionId: subject.sessionId };
  }
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}
