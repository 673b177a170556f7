import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import { Logger as NestLogger } from '@nestjs/common';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { sendProblem } from './common/errors/problem-details.filter.js';
import { logRequests } from './common/http/logging.js';
import { completeDocument, PROBLEM_SCHEMA } from './common/http/openapi-document.js';
import { requestId } from './common/http/request-id.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { AppConfig } from './config/app-config.js';
import { PHOTO_LIMIT_BYTES, PHOTO_MEDIA_TYPES } from './modules/therapists/photo.rules.js';
import type { TrustProxy } from './config/trust-proxy.js';
import { serveWebApp } from './web/web-app.js';

export const API_PREFIX = 'api/v1';
/** Request bodies above 100 kB are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 100_000;

/** The site's policy: the web app and the API run no inline script or style, only our files. */
const SITE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
};
/** Swagger UI (the /docs pages, not the /docs-json document) writes inline scripts and styles. */
const DOCS_CSP = {
  ...SITE_CSP,
  scriptSrc: ["'self'", "'unsafe-inline'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
};

/** Every answer under the API prefix, problem answers and the calendar feed included. */
const API_PATH = new RegExp(`^/${API_PREFIX}(?:[/?]|$)`);
const isDocsUi = (url: string) => url === '/docs' || url.startsWith('/docs/');

/**
 * The headers helmet writes for a policy. They are the same for every answer, so they are worked
 * out once: @fastify/helmet built helmet's middleware, parsing the policy, on every request.
 */
function securityHeaders(directives: Record<string, string[]>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: () => undefined,
  };
  helmet({ contentSecurityPolicy: { directives } })(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    () => undefined,
  );
  return headers;
}

export function createAdapter(trustProxy: TrustProxy): FastifyAdapter {
  const logger = new NestLogger('Router');
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A hop count trusts the nearest N hops whoever they are (Fastify 5.12 no longer takes a
    // number): right only when the app is reachable through the proxies alone (README).
    trustProxy:
      typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : trustProxy,
    genReqId: requestId,
    // The router refuses malformed URLs (400) and over-long parameters (414) before Nest sees the
    // request; they get problem details too, and no-store, as no hook runs for them.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      if (API_PATH.test(request.url)) void reply.header('cache-control', 'no-store');
      sendProblem(request, reply, error, logger);
    },
  });
}

/** Everything main.ts and the tests share: prefix, pipes, problem answers, security headers, docs. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: config.corsOrigins });

  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's own errors (body too large, malformed JSON) reach the ProblemDetailsFilter through
  // Nest. JSON only: a text/plain body would otherwise reach validation as a string.
  fastify.removeContentTypeParser(['text/plain']);
  // A photo is the one body that is not JSON, and the one allowed past 100 kB. Other routes refuse
  // an image before reading it, as they refuse any body that is not JSON.
  const photoRoute = `/${API_PREFIX}/therapists/me/photo`;
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (PHOTO_MEDIA_TYPES.includes(type) && request.routeOptions.url !== photoRoute) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type));
      return;
    }
    done(null, payload);
  });
  fastify.addContentTypeParser(
    PHOTO_MEDIA_TYPES,
    { parseAs: 'buffer', bodyLimit: PHOTO_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Swagger UI's pages need inline scripts and styles; they alone get a policy that allows them.
  const siteHeaders = securityHeaders(SITE_CSP);
  const docsHeaders = securityHeaders(DOCS_CSP);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply
      .headers(isDocsUi(request.routeOptions.url ?? '') ? docsHeaders : siteHeaders)
      .header('x-request-id', request.id);
    done();
  });
  // API answers carry tokens, health data and bookings: no cache may keep one, unless its handler
  // chose its own Cache-Control.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (API_PATH.test(request.url) && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
  // Reads and writes the refresh token's HttpOnly cookie (auth/refresh-cookie.ts).
  await app.register(cookie);
  // br or gzip for every answer of 1 kB or more, by what the client accepts. It hooks each route
  // as it is added, so it comes before them all. Pre-compressed assets pass through untouched.
  await app.register(compress, { encodings: ['br', 'gzip'] });
  fastify.addHook(
    'onResponse',
    logRequests(() => PinoLogger.root),
  );
  setUpOpenApi(app);
  await serveWebApp(app);
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Unknot API')
      .setDescription(
        'Spa booking and therapist matching. Errors are RFC 9457 problem details with a stable `code`.',
      )
      .setVersion('1')
      .addServer('/', 'The server that serves this document')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  // package.json's licence: private, no rights granted.
  document.info.license = { name: 'UNLICENSED' };
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA;
  completeDocument(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
