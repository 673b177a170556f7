import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthUser, Role } from './auth-user.js';

export const IS_PUBLIC = 'unknot:isPublic';
export const ROLES_KEY = 'unknot:roles';

/** Opens a route to anonymous callers; every other route needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles; a valid token of another role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.user) throw new Error('CurrentUser used on a route without authentication');
  return request.user;
});
