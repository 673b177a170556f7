/**
 * How the web app travels: compressed (br or gzip, as the client accepts), its hashed files cached
 * for a year, its page revalidated, and the home carrying the spa's menu in the first response.
 */
import { request, type Response } from '../support/api-request.js';
import { API, makeOffering } from '../support/factories.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The answer's bytes (superagent has decoded br and gzip already; the headers say how they came). */
const raw = (response: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};
const text = (answer: Response) => (answer.body as Buffer).toString('utf8');

const page = (path: string, encoding = 'br, gzip') =>
  request(t.server)
    .get(path)
    .set('Accept-Encoding', encoding)
    .buffer(true)
    .parse(raw)
    .offContract('the web app, not an API operation');

it('sends the home compressed, revalidated, with the menu in its HTML and its data inert', async () => {
  // An admin's words reach the page: they must never end the data block or run as script.
  await makeOffering(t, {
    technique: 'swedish',
    name: 'Swedish </script><script>alert(1)</script>, 60 min',
    priceCents: 8500,
  });
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the rendered page's second

  const home = await page('/').expect(200);
  expect(home.headers['content-encoding']).toBe('br');
  expect(home.headers['cache-control']).toBe('no-cache');
  expect(home.headers.vary).toMatch(/accept-encoding/i);
  const html = text(home);
  expect(html).toContain('<h2 id="menu-title">Menu</h2>');
  expect(html).toContain('$85.00');
  expect(html).toContain('Swedish &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;, 60 min');
  const data = html.match(/<script type="application\/json" id="spa-data">([^<]*)<\/script>/);
  expect(data).not.toBeNull();
  expect(JSON.parse(data![1]).offerings[0].name).toBe(
    'Swedish </script><script>alert(1)</script>, 60 min',
  );
  expect(html.match(/<script\b/g)).toHaveLength(2); // the app's file and the data block

  // Asked again with its ETag: 304, nothing sent.
  const again = await page('/')
    .set('If-None-Match', home.headers.etag as string)
    .expect(304);
  expect(again.headers['cache-control']).toBe('no-cache');

  const plain = await page('/index.html', 'identity').expect(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.headers['cache-control']).toBe('no-cache');
});

it('serves hashed assets immutable for a year, pre-compressed for br and gzip', async () => {
  const html = text(await page('/').expect(200));
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  expect(files.some((file) => file.endsWith('.css'))).toBe(true);
  for (const file of files) {
    expect(file).toMatch(/-[\w-]{8}\.(js|css)$/); // named by content
    const [br, gzip, identity] = await Promise.all([
      page(file, 'br').expect(200),
      page(file, 'gzip').expect(200),
      page(file, 'identity').expect(200),
    ]);
    for (const answer of [br, gzip, identity]) {
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(identity.headers['content-encoding']).toBeUndefined();
    // Sizes as sent: the compressed files are a fraction of the plain one, and decode to it.
    const sent = (answer: Response) => Number(answer.headers['content-length']);
    expect(sent(br)).toBeLessThan(sent(identity) / 3);
    expect(sent(gzip)).toBeLessThan(sent(identity) / 2.5);
    expect((br.body as Buffer).equals(identity.body as Buffer)).toBe(true);
  }
});

it('compresses API answers and keeps them out of caches', async () => {
  const techniques = await request(t.server)
    .get(`${API}/techniques`)
    .set('Accept-Encoding', 'gzip')
    .expect(200);
  expect(techniques.headers['content-encoding']).toBe('gzip');
  expect(techniques.headers['cache-control']).toBe('no-store');
  expect(techniques.body.length).toBe(7);
});
