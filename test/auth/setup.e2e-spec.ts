import { createHash } from 'node:crypto';
import { request } from '../support/api-request.js';
import { API, uniqueEmail } from '../support/factories.js';
import { createTestApp, TestApp } from '../support/test-app.js';

/** A spa started without ADMIN_EMAIL, on an empty database, logging at info. */
const FIRST_RUN = {
  ADMIN_EMAIL: '',
  ADMIN_PASSWORD: '',
  LOG_LEVEL: 'info',
  PUBLIC_URL: 'https://spa.example',
};
const LINK = /https:\/\/spa\.example\/#\/setup\?token=([A-Za-z0-9_-]{43})/g;
const linksIn = (logs: string) => [...logs.matchAll(LINK)].map((match) => match[1]);
const sha256 = (text: string) => createHash('sha256').update(text).digest();

const setupBody = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  email: uniqueEmail('owner'),
  password: 'a-long-owner-passphrase',
  name: 'Olive Owner',
  ...overrides,
});

async function adminCount(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
  return rows[0].n;
}

describe('first run without ADMIN_EMAIL', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(FIRST_RUN);
    [token] = linksIn(t.logs());
  });
  afterAll(() => t.close());

  it('logs one setup link at start-up and keeps only its hash', async () => {
    expect(linksIn(t.logs())).toEqual([token]);
    const { rows } = await t.db.query(`SELECT token_hash FROM setup_tokens`);
    expect(rows).toEqual([{ token_hash: sha256(token) }]);
    expect(await adminCount(t)).toBe(0);
  });

  it('refuses a wrong or malformed token with 404, and creates no one', async () => {
    const nearlyRight = token.slice(0, 42) + (token.endsWith('A') ? 'B' : 'A');
    for (const wrong of ['A'.repeat(43), 'not-a-token', nearlyRight]) {
      const response = await request(t.server)
        .post(`${API}/setup`)
        .send(setupBody(wrong))
        .expect(404);
      expect(response.body).toMatchObject({ status: 404, code: 'SETUP_LINK_INVALID' });
    }
    expect(await adminCount(t)).toBe(0);
  });

  it('holds the password to the rules of registration, and other fields too (400)', async () => {
    for (const [field, body] of [
      ['password', setupBody(token, { password: 'short' })],
      ['password', setupBody(token, { password: 'password123' })],
      ['email', setupBody(token, { email: 'not-an-email' })],
      ['name', setupBody(token, { name: '' })],
      ['role', setupBody(token, { role: 'admin' })],
    ] as const) {
      const response = await request(t.server).post(`${API}/setup`).send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await adminCount(t)).toBe(0);
    // The link still works after refusals.
    expect((await t.db.query(`SELECT 1 FROM setup_tokens`)).rows).toHaveLength(1);
  });

  it('creates the first administrator, signed in like a login, and the link is spent', async () => {
    const body = setupBody(token, { email: 'Owner@Spa.Example', name: '  Olive Owner ' });
    const response = await request(t.server).post(`${API}/setup`).send(body).expect(201);
    expect(response.body).toMatchObject({
      user: { email: 'Owner@Spa.Example', name: 'Olive Owner', role: 'admin' },
      tokenType: 'Bearer',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(String(response.headers['set-cookie'])).toMatch(/unknot_refresh=.*HttpOnly/i);
    const me = await request(t.server)
      .get(`${API}/me`)
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body.role).toBe('admin');
    await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: 'owner@spa.example', password: body.password })
      .expect(200);
    // An admin route works with it.
    await request(t.server)
      .get(`${API}/admin/audit-log`)
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);

    const again = await request(t.server).post(`${API}/setup`).send(setupBody(token)).expect(404);
    expect(again.body.code).toBe('SETUP_LINK_INVALID');
    expect((await t.db.query(`SELECT 1 FROM setup_tokens`)).rows).toEqual([]);
    expect(await adminCount(t)).toBe(1);
  });

  it('logs no new link once an administrator exists', async () => {
    const another = await t.startAnotherInstance();
    expect(linksIn(another.output())).toEqual([]);
    expect((await t.db.query(`SELECT 1 FROM setup_tokens`)).rows).toEqual([]);
  });
});

describe('first run races', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(FIRST_RUN);
  });
  afterAll(() => t.close());

  it('10 concurrent setups with the right link make exactly one administrator', async () => {
    const [token] = linksIn(t.logs());
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(t.server)
          .post(`${API}/setup`)
          .send(setupBody(token, { email: `racer-${i}@spa.example` })),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(404)]);
    const { rows } = await t.db.query(
      `SELECT email FROM users WHERE role = 'admin' AND erased_at IS NULL`,
    );
    expect(rows).toHaveLength(1);
    const winner = answers.find((answer) => answer.status === 201)!;
    expect(rows[0].email).toBe(winner.body.user.email);
  });
});

describe('first run across two instances', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(FIRST_RUN);
  });
  afterAll(() => t.close());

  it('each instance logs its own link; used at once, they still make one administrator', async () => {
    const second = await t.startAnotherInstance();
    const [first] = linksIn(t.logs());
    const [other] = linksIn(second.output());
    expect(first).not.toBe(other);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(i % 2 ? second.url : t.server)
          .post(`${API}/setup`)
          .send(setupBody(i % 2 ? other : first, { email: `pair-${i}@spa.example` })),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(9);
    expect(await adminCount(t)).toBe(1);
  });
});

describe('with ADMIN_EMAIL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' });
  });
  afterAll(() => t.close());

  it('logs no link, keeps no token, and answers setup with 404', async () => {
    expect(t.logs()).not.toMatch(/#\/setup\?token=/);
    expect((await t.db.query(`SELECT 1 FROM setup_tokens`)).rows).toEqual([]);
    const response = await request(t.server)
      .post(`${API}/setup`)
      .send(setupBody('A'.repeat(43)))
      .expect(404);
    expect(response.body.code).toBe('SETUP_LINK_INVALID');
  });
});
