// The cookie plugin's additions to Fastify's request and reply (registered in configureApp).
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser's refresh token: HttpOnly (no script reads it), sent only to the auth routes. */
export const REFRESH_COOKIE = 'unknot_refresh';
const COOKIE_PATH = '/api/v1/auth';

/**
 * `Secure` whenever people reach the app over https: the request came over https (directly or
 * through a trusted proxy), or PUBLIC_URL says https (a proxy that terminates TLS, untrusted).
 */
export const secureCookies = (request: FastifyRequest, publicUrl: string | undefined) =>
  request.protocol === 'https' || publicUrl?.startsWith('https:') === true;

export function setRefreshCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  void reply.setCookie(REFRESH_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: expiresAt,
  });
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(REFRESH_COOKIE, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
  });
}

export const refreshCookieOf = (request: FastifyRequest): string | undefined =>
  request.cookies[REFRESH_COOKIE];
