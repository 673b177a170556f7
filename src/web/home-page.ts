import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scriptSafeJson } from './script-safe-json.js';

/** What dist/web-ssr/entry-server.mjs exports (web/src/entry-server.tsx). */
interface HomeRenderer {
  renderHome(fetchInProcess: (request: Request) => Promise<Response>): Promise<{
    html: string;
    spa: unknown;
  }>;
}

interface RenderedPage {
  html: string;
  etag: string;
}

/** The id of the page's JSON block; web/src/spa.ts reads it (SPA_DATA_ID). */
const SPA_DATA_ID = 'spa-data';
const EMPTY_ROOT = '<div id="root"></div>';
/**
 * A rendered home serves every visitor for a second: a burst costs one round of reads, and a
 * change to the menu shows within a second.
 */
const FRESH_MS = 1_000;

/**
 * The home page with the spa's menu, therapists and addresses already in it (and in a JSON block
 * that is never executed, so the app's CSP allows no inline script still): on a slow line the menu
 * shows with the first response instead of after the script and three more round trips.
 */
export class HomePage {
  private readonly logger = new Logger('HomePage');
  private readonly template: string;
  private renderer: Promise<HomeRenderer | null> | undefined;
  private latest: { page: Promise<RenderedPage>; at: number } | undefined;

  constructor(
    indexHtml: string,
    private readonly rendererPath: string,
    private readonly fastify: FastifyInstance,
  ) {
    this.template = readFileSync(indexHtml, 'utf8');
  }

  async send(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const page = await this.current();
    void reply
      .header('cache-control', 'no-cache')
      .header('etag', page.etag)
      .type('text/html; charset=utf-8');
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
    return reply.send(page.html);
  }

  private current(): Promise<RenderedPage> {
    const now = Date.now();
    if (!this.latest || now - this.latest.at >= FRESH_MS) {
      this.latest = { page: this.render(), at: now };
    }
    return this.latest.page;
  }

  private async render(): Promise<RenderedPage> {
    let html = this.template;
    try {
      const renderer = await this.loadRenderer();
      if (renderer) {
        const home = await renderer.renderHome(this.fetchInProcess);
        const data = home.spa
          ? `<script type="application/json" id="${SPA_DATA_ID}">${scriptSafeJson(home.spa)}</script>`
          : '';
        html = html.replace(EMPTY_ROOT, `<div id="root">${home.html}</div>${data}`);
      }
    } catch (error) {
      // The page still works without it: the app renders in the browser and reads the API.
      this.logger.error(`The home page could not be rendered: ${String(error)}`);
    }
    const etag = `W/"${createHash('sha1').update(html).digest('base64url')}"`;
    return { html, etag };
  }

  private loadRenderer(): Promise<HomeRenderer | null> {
    this.renderer ??= existsSync(this.rendererPath)
      ? (import(pathToFileURL(this.rendererPath).href) as Promise<HomeRenderer>)
      : Promise.resolve(null);
    return this.renderer;
  }

  /** The API answered in-process (no socket), exactly as a browser would be answered. */
  private readonly fetchInProcess = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const answer = await this.fastify.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      headers: { accept: 'application/json' },
    });
    return new Response(answer.body, {
      status: answer.statusCode,
      headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/json') },
    });
  };
}
