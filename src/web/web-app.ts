import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { HomePage } from './home-page.js';

/** Vite names what it builds into assets/ by content: a new build is a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (the page itself) is asked for again, cheaply with its ETag. */
const REVALIDATE = 'no-cache';

/**
 * The single-page web app (built by `vite build web` into dist/web, its home renderer into
 * dist/web-ssr) at `/`: the home rendered with the spa in it, hashed assets cached for a year and
 * served pre-compressed (br, gzip) as the build wrote them.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<void> {
  const root = join(process.cwd(), 'dist', 'web');
  const indexHtml = join(root, 'index.html');
  if (!existsSync(indexHtml)) return;
  const assets = `${sep}assets${sep}`;
  // Swagger UI registered @fastify/static first, so this instance must not decorate the reply again.
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    decorateReply: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) =>
      void reply.header('cache-control', path.includes(assets) ? IMMUTABLE : REVALIDATE),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const home = new HomePage(
    indexHtml,
    join(process.cwd(), 'dist', 'web-ssr', 'entry-server.mjs'),
    fastify,
  );
  for (const url of ['/', '/index.html']) {
    fastify.get(url, (request, reply) => home.send(request, reply));
  }
}
