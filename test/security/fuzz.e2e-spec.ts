import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  loginAdmin,
  makeClient,
  makeOffering,
  makeTherapist,
} from '../support/factories.js';
import { plausible, resolve } from './hostile-values.js';
import { ROUTE_POLICY } from './route-policy.js';
import { documentedRoutes, sendHostileRequests } from './route-walker.js';

/** 100 in the test command; `FUZZ_RUNS=1000` for a longer hunt by hand (about a minute). */
const RUNS_PER_ROUTE = Math.max(100, Number(process.env.FUZZ_RUNS) || 100);

let t: TestApp;
let tokens: Record<'client' | 'therapist' | 'admin', Account>;
beforeAll(async () => {
  t = await createTestApp();
  await makeOffering(t);
  tokens = {
    client: await makeClient(t),
    therapist: await makeTherapist(t, { weekly: ALL_WEEK }),
    admin: await loginAdmin(t),
  };
}, 60_000);
afterAll(() => t.close());

interface Failure {
  route: string;
  /** What was sent, cut short, so a failure can be replayed by hand. */
  sent: string;
  status: number;
  body: string;
}

it(
  `answers ${RUNS_PER_ROUTE} hostile requests per route with problem details, never a 5xx`,
  async () => {
    const { routes, components } = await documentedRoutes(t.server, tokens);
    const failures: Failure[] = [];
    const cases = await sendHostileRequests(
      t.server,
      routes,
      components,
      RUNS_PER_ROUTE,
      (route, sent, response) => {
        const isProblem =
          response.status < 400 ||
          (String(response.headers['content-type']).startsWith('application/problem+json') &&
            response.body.status === response.status &&
            typeof response.body.code === 'string');
        if (response.status >= 500 || !isProblem) {
          failures.push({
            route,
            sent: JSON.stringify(sent).slice(0, 300),
            status: response.status,
            body: response.text.slice(0, 300),
          });
        }
      },
    );
    console.info(
      `fuzz: ${routes.length} routes, ${cases} hostile requests, ${failures.length} failures`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(routes).toHaveLength(Object.keys(ROUTE_POLICY).length);
  },
  RUNS_PER_ROUTE * 2_400,
);

// `"\ud800"` is valid JSON but not Unicode text: it cannot be stored as UTF-8, and validator.js's
// isEmail threw on it (a 500 the random fuzz above found once in CI). Every text field of every body,
// deterministically: a lone surrogate is a 400 that names the field.
it('refuses a lone surrogate in every text field of every body, naming the field', async () => {
  const { routes, components } = await documentedRoutes(t.server, tokens);
  const unexpected: { route: string; field: string; status: number; body: string }[] = [];
  let checked = 0;
  for (const { route, template, method, bodySchema, caller } of routes) {
    if (!bodySchema) continue;
    const schema = resolve(bodySchema, components);
    const [base] = fc.sample(plausible(schema, components), { numRuns: 1, seed: 42 });
    const textFields = Object.entries(schema.properties ?? {})
      .filter(([, property]) => resolve(property, components).type === 'string')
      .map(([name]) => name);
    for (const field of textFields) {
      checked++;
      let call = request(t.server)
        [method](template.replace(/\{\w+\}/g, randomUUID()))
        .set('Content-Type', 'application/json');
      if (caller) call = call.set('Authorization', bearer(caller));
      const response = await call.send(
        JSON.stringify({ ...(base as object), [field]: 'Ana\ud800' }),
      );
      const named = (response.body.errors ?? []).some(
        (error: { field: string }) => error.field === field,
      );
      if (response.status !== 400 || response.body.code !== 'VALIDATION_FAILED' || !named) {
        unexpected.push({
          route,
          field,
          status: response.status,
          body: response.text.slice(0, 200),
        });
      }
    }
  }
  console.info(`lone surrogates: ${checked} text fields refused with 400`);
  expect(unexpected).toEqual([]);
  expect(checked).toBeGreaterThan(20);
});

describe('stored text comes back byte for byte', () => {
  const text = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
    .filter((s) => s.trim() === s && s.length > 0 && !s.includes('\u0000'));

  it('for names', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        const email = `fuzz-${Math.random().toString(36).slice(2)}@example.com`;
        const response = await request(t.server)
          .post(`${API}/auth/register`)
          .send({ email, password: 'a-good-long-password', name });
        if (response.status === 400) {
          // Only a name longer than 100 UTF-16 units may be refused.
          expect(name.length).toBeGreaterThan(100);
          return;
        }
        expect(response.status).toBe(201);
        const me = await request(t.server)
          .get(`${API}/me`)
          .set('Authorization', `Bearer ${response.body.accessToken}`)
          .expect(200);
        expect(Buffer.from(me.body.name)).toEqual(Buffer.from(name));
      }),
      { numRuns: 100 },
    );
  });

  it('for therapist bios and offering names', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const profile = await request(t.server)
          .put(`${API}/therapists/me`)
          .set('Authorization', bearer(tokens.therapist))
          .send({ bio: value, yearsExperience: 3, timezone: 'UTC', techniques: ['swedish'] })
          .expect(200);
        expect(Buffer.from(profile.body.bio)).toEqual(Buffer.from(value));
        const offering = await request(t.server)
          .post(`${API}/offerings`)
          .set('Authorization', bearer(tokens.admin))
          .send({
            technique: 'swedish',
            name: value,
            durationMinutes: 60,
            priceCents: 1,
            bufferMinutes: 0,
          })
          .expect(201);
        const read = await request(t.server)
          .get(`${API}/offerings/${offering.body.id}`)
          .expect(200);
        expect(Buffer.from(read.body.name)).toEqual(Buffer.from(value));
      }),
      { numRuns: 100 },
    );
  });
});
