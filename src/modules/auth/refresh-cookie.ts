// The cookie plugin's additions to Fastify's request and reply (registered in configureApp).
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser's refresh token: HttpOnly (no script reads it), sent only to the auth routes. */
export const REFRESH_COOKIE = 'unknot_refresh';
const COOKIE_PATH = '/api/v1/auth';

/** `Secure` whenever the request reached us over https (directly or through a trusted proxy). */
const secure = (request: FastifyRequest) => request.protocol === 'https';

export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(REFRESH_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request),
    expires: expiresAt,
  });
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request),
  });
}

export const refreshCookieOf = (request: FastifyRequest): string | undefined =>
  request.cookies[REFRESH_COOKIE];
