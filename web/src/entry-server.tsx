/**
 * The server's side of the home page (built by Vite into dist/web-ssr, run by src/web/home-page.ts):
 * the same App, rendered to HTML with the spa read through the API in-process, so the menu is in
 * the first response and the page hydrates without asking again.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import createClient from 'openapi-fetch';
import type { paths } from './api/schema';
import { App } from './App';
import { loadSpa, PreloadedSpa, type Spa } from './spa';

export interface RenderedHome {
  html: string;
  /** What the page was rendered with, for the page's JSON block; null when the API refused. */
  spa: Spa | null;
}

export async function renderHome(
  fetchInProcess: (request: Request) => Promise<Response>,
): Promise<RenderedHome> {
  const api = createClient<paths>({ baseUrl: 'http://unknot.internal', fetch: fetchInProcess });
  const spa = await loadSpa(api).catch(() => null);
  const html = renderToString(
    <StrictMode>
      <PreloadedSpa.Provider value={spa && { spa, shown: false }}>
        <App />
      </PreloadedSpa.Provider>
    </StrictMode>,
  );
  return { html, spa };
}
