import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  ALL_WEEK,
  API,
  bearer,
  book,
  intakeBody,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  NO_CLOTS,
  utcAt,
} from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: 'info', CORS_ORIGINS: 'https://app.unknot.example' });
});
afterAll(() => t.close());

it('logs each request as JSON with its request id, never passwords, tokens or intake answers', async () => {
  const client = await makeClient(t);
  await makeIntake(t, client, {
    pregnancy: { pregnant: true, weeks: 30 },
    clotScreening: { ...NO_CLOTS, historyOfClots: true },
  });
  const traced = await request(t.server)
    .get(`${API}/me`)
    .set('Authorization', `Bearer ${client.token}`)
    .set('X-Request-Id', 'trace-me-42')
    .expect(200);
  expect(traced.headers['x-request-id']).toBe('trace-me-42');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const lines = t
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  expect(
    lines.some(
      (line) =>
        line.req?.id === 'trace-me-42' &&
        line.req?.path === '/api/v1/me' &&
        line.res?.statusCode === 200,
    ),
  ).toBe(true);
  const text = t.logs();
  for (const secret of [
    client.password,
    client.token,
    'historyOfClots',
    'clotScreening',
    '"weeks"',
    'authorization',
  ]) {
    expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
  }
});

it('replaces a hostile request id and sends security headers', async () => {
  const response = await request(t.server)
    .get('/health')
    .set('X-Request-Id', 'bad id; with spaces')
    .expect(200);
  expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
});

it('allows only the configured CORS origins', async () => {
  const allowed = await request(t.server)
    .get(`${API}/techniques`)
    .set('Origin', 'https://app.unknot.example')
    .expect(200);
  expect(allowed.headers['access-control-allow-origin']).toBe('https://app.unknot.example');
  const other = await request(t.server)
    .get(`${API}/techniques`)
    .set('Origin', 'https://evil.example')
    .expect(200);
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

/** A Content-Security-Policy header as directive → sources. */
function policyOf(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('content security policy', () => {
  it('allows no inline script or style on the web app or in API answers', async () => {
    for (const path of ['/', `${API}/techniques`, '/docs-json']) {
      const call = request(t.server).get(path);
      if (!path.startsWith(API)) call.offContract('a page, not an API operation');
      const response = await call.expect(200);
      const policy = policyOf(response.headers['content-security-policy']);
      expect({ path, scripts: policy['script-src'], styles: policy['style-src'] }).toEqual({
        path,
        scripts: ["'self'"],
        styles: ["'self'"],
      });
      expect(policy['script-src-attr']).toEqual(["'none'"]);
    }
  });

  it('serves a web app that needs none: every script is a file, the rest JSON data', async () => {
    const page = await request(t.server).get('/').offContract('the web app page').expect(200);
    const scripts = page.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    // The home's data block is never executed: a browser runs no script of type application/json.
    const inline = scripts.filter((tag) => !/\ssrc=/.test(tag));
    expect(inline.filter((tag) => !/\stype="application\/json"/.test(tag))).toEqual([]);
  });

  it('lets only Swagger UI at /docs run its inline scripts and styles', async () => {
    const ui = await request(t.server).get('/docs').offContract('the Swagger UI page').expect(200);
    const policy = policyOf(ui.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

it('marks every private answer no-store, problem answers and the calendar feed included', async () => {
  const offering = await makeOffering(t);
  const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
  const client = await makeClient(t);
  const intake = await request(t.server)
    .post(`${API}/intakes`)
    .set('Authorization', bearer(client))
    .send(intakeBody())
    .expect(201);
  const booking = await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(2, 10),
  }).expect(201);
  const login = await request(t.server)
    .post(`${API}/auth/login`)
    .send({ email: client.email, password: client.password })
    .expect(200);
  const calendar = await request(t.server)
    .get(`${API}/therapists/me/calendar`)
    .set('Authorization', bearer(therapist))
    .expect(200);
  const answers = {
    intake,
    'intake read': await request(t.server)
      .get(`${API}/intakes/${intake.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200),
    booking,
    'booking read': await request(t.server)
      .get(`${API}/bookings/${booking.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200),
    login,
    'calendar feed': await request(t.server).get(new URL(calendar.body.url).pathname).expect(200),
    'problem answer': await request(t.server)
      .get(`${API}/bookings/${booking.body.id}`)
      .set('Authorization', bearer(await makeClient(t)))
      .expect(404),
    'wrong password': await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: client.email, password: 'not-the-password' })
      .expect(401),
    // Refused by the router before any hook runs.
    'malformed path': await request(t.server).get(`${API}/bookings/%E0%A4%A`).expect(400),
  };
  const cacheControl = Object.fromEntries(
    Object.entries(answers).map(([name, response]) => [name, response.headers['cache-control']]),
  );
  expect(cacheControl).toEqual(
    Object.fromEntries(Object.keys(answers).map((name) => [name, 'no-store'])),
  );
});
