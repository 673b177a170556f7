import { randomUUID } from 'node:crypto';
import { request } from '../support/api-request.js';
import { Account, API, bearer, loginAdmin, makeClient } from '../support/factories.js';
import { answersWithin, refreshCookie } from '../support/sessions.js';
import {
  createTestApp,
  RunningApp,
  startApp,
  TEST_ADMIN,
  TEST_JWT_SECRET,
  testEnvironment,
  TestApp,
} from '../support/test-app.js';
import { createHmac } from 'node:crypto';

let t: TestApp;
let second: RunningApp;
/** Signed in before the second instance started, with the same ADMIN_PASSWORD. */
let adminBeforeRestart: Account;
beforeAll(async () => {
  t = await createTestApp();
  adminBeforeRestart = await loginAdmin(t);
  second = await t.startAnotherInstance();
});
afterAll(() => t.close());

const login = (server: string, email: string, password: string) =>
  request(server).post(`${API}/auth/login`).send({ email, password }).expect(200);

const refresh = (refreshToken: string, server = t.server) =>
  request(server).post(`${API}/auth/refresh`).send({ refreshToken });

/** Reads `/me` on both instances so each has the session in its cache before the change. */
async function warmBoth(token: string): Promise<void> {
  for (const server of [t.server, second.url]) {
    await request(server).get(`${API}/me`).set('Authorization', `Bearer ${token}`).expect(200);
  }
}

describe('signing in', () => {
  it('answers a short access token and a refresh token, the latter also as an HttpOnly cookie', async () => {
    const client = await makeClient(t);
    const response = await login(t.server, client.email, client.password);
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const cookie = refreshCookie(response.headers['set-cookie']);
    expect(cookie?.value).toBe(response.body.refreshToken);
    expect(cookie?.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/v1/auth']),
    );
    const claims = JSON.parse(
      Buffer.from(response.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(claims).not.toHaveProperty('role');
    expect(claims.exp - claims.iat).toBe(900);
    const { rows } = await t.db.query(
      `SELECT token_hash FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
        WHERE s.id = $1`,
      [claims.sid],
    );
    // Stored hashed: the database holds no usable refresh token.
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash.toString('base64url')).not.toBe(response.body.refreshToken);
  });

  it('refuses a properly signed token whose session does not exist', async () => {
    const client = await makeClient(t);
    const claims = JSON.parse(Buffer.from(client.token.split('.')[1], 'base64url').toString());
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, sid: randomUUID() })}`;
    const forged = `${unsigned}.${createHmac('sha256', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`;
    await request(t.server).get(`${API}/me`).set('Authorization', `Bearer ${forged}`).expect(401);
  });
});

describe('refresh tokens', () => {
  it('rotate: each works once and hands out the next pair', async () => {
    const client = await makeClient(t);
    const first = await login(t.server, client.email, client.password);
    const next = await refresh(first.body.refreshToken).expect(200);
    expect(next.body.refreshToken).not.toBe(first.body.refreshToken);
    expect(next.body.user.id).toBe(client.id);
    await request(t.server)
      .get(`${API}/me`)
      .set('Authorization', bearer({ token: next.body.accessToken }))
      .expect(200);
    const third = await refresh(next.body.refreshToken, second.url).expect(200);
    expect(third.body.refreshToken).not.toBe(next.body.refreshToken);
  });

  it('also come from the cookie, which a browser sends by itself', async () => {
    const client = await makeClient(t);
    const signedIn = await login(t.server, client.email, client.password);
    const cookie = refreshCookie(signedIn.headers['set-cookie'])!;
    const next = await request(t.server)
      .post(`${API}/auth/refresh`)
      .set('Cookie', `unknot_refresh=${cookie.value}`)
      .send({})
      .expect(200);
    expect(refreshCookie(next.headers['set-cookie'])?.value).toBe(next.body.refreshToken);
  });

  it('presented again after use, end the whole session on every instance', async () => {
    const client = await makeClient(t);
    const first = await login(t.server, client.email, client.password);
    const next = await refresh(first.body.refreshToken).expect(200);
    await warmBoth(next.body.accessToken);

    const reused = await refresh(first.body.refreshToken).expect(401);
    expect(reused.body.code).toBe('UNAUTHENTICATED');
    expect(refreshCookie(reused.headers['set-cookie'])?.attributes).toContain(
      'expires=thu, 01 jan 1970 00:00:00 gmt',
    );
    // The thief's copy and the owner's newer tokens are all dead now.
    await answersWithin(t.server, next.body.accessToken, 401);
    await answersWithin(second.url, next.body.accessToken, 401);
    await refresh(next.body.refreshToken).expect(401);
    const { sid } = JSON.parse(
      Buffer.from(next.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    const { rows } = await t.db.query(`SELECT revoked_reason FROM sessions WHERE id = $1`, [sid]);
    expect(rows).toEqual([{ revoked_reason: 'refresh-reuse' }]);
  });

  it('of 10 concurrent refreshes with one token, one wins and the session ends (reuse)', async () => {
    const client = await makeClient(t);
    const first = await login(t.server, client.email, client.password);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        refresh(first.body.refreshToken, index % 2 ? second.url : t.server),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(401)]);
    const { sid } = JSON.parse(
      Buffer.from(first.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    const { rows } = await t.db.query(
      `SELECT s.revoked_reason, count(r.*)::int AS tokens, count(r.used_at)::int AS used
         FROM sessions s JOIN refresh_tokens r ON r.session_id = s.id
        WHERE s.id = $1 GROUP BY s.id`,
      [sid],
    );
    // One rotation happened (the winner's), then the losers' used token ended the session.
    expect(rows).toEqual([{ revoked_reason: 'refresh-reuse', tokens: 2, used: 1 }]);
  });

  it('are refused when unknown or malformed, without ending anything', async () => {
    await refresh('x'.repeat(43)).expect(401);
    await request(t.server).post(`${API}/auth/refresh`).send({}).expect(401);
    await request(t.server).post(`${API}/auth/refresh`).send({ refreshToken: 42 }).expect(400);
  });
});

describe('logout', () => {
  it('ends the session on every instance within a second', async () => {
    const client = await makeClient(t);
    const signedIn = await login(t.server, client.email, client.password);
    const other = await login(t.server, client.email, client.password);
    await warmBoth(signedIn.body.accessToken);
    const response = await request(t.server)
      .post(`${API}/auth/logout`)
      .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
      .send({})
      .expect(204);
    expect(refreshCookie(response.headers['set-cookie'])?.attributes).toContain(
      'expires=thu, 01 jan 1970 00:00:00 gmt',
    );
    const elapsed = await answersWithin(second.url, signedIn.body.accessToken, 401);
    console.info(`logout on one instance: 401 on the other after ${elapsed} ms`);
    await answersWithin(t.server, signedIn.body.accessToken, 401);
    await refresh(signedIn.body.refreshToken).expect(401);
    // Another sign-in of the same person is another session: it goes on.
    await answersWithin(second.url, other.body.accessToken, 200);
  });

  it('works with the refresh cookie alone (an access token already expired)', async () => {
    const client = await makeClient(t);
    const signedIn = await login(t.server, client.email, client.password);
    await request(t.server)
      .post(`${API}/auth/logout`)
      .set('Cookie', `unknot_refresh=${signedIn.body.refreshToken}`)
      .send({})
      .expect(204);
    await answersWithin(second.url, signedIn.body.accessToken, 401);
  });

  it('answers 204 when nothing is signed in', async () => {
    await request(t.server).post(`${API}/auth/logout`).send({}).expect(204);
  });
});

describe('what the database says wins over the token', () => {
  it('reads the role from the database on every request', async () => {
    const client = await makeClient(t);
    const adminRoute = () =>
      request(second.url).get(`${API}/admin/audit-log`).set('Authorization', bearer(client));
    await adminRoute().expect(403);
    await t.db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [client.id]);
    const started = Date.now();
    while ((await adminRoute()).status !== 200) {
      if (Date.now() - started > 1000) throw new Error('the new role was not read within 1 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await t.db.query(`UPDATE users SET role = 'client' WHERE id = $1`, [client.id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await adminRoute().expect(403);
  });

  it("stops a deleted user's token on every instance", async () => {
    const client = await makeClient(t);
    await warmBoth(client.token);
    await t.db.query(`DELETE FROM outbox_messages WHERE recipient_id = $1`, [client.id]);
    await t.db.query(`DELETE FROM users WHERE id = $1`, [client.id]);
    await answersWithin(t.server, client.token, 401);
    await answersWithin(second.url, client.token, 401);
  });

  it('keeps the admin signed in when an instance starts with the same ADMIN_PASSWORD', async () => {
    await request(second.url)
      .get(`${API}/me`)
      .set('Authorization', bearer(adminBeforeRestart))
      .expect(200);
  });

  // Last in this file: the admin's password stays changed.
  it("ends the admin's sessions when an instance starts with a new ADMIN_PASSWORD", async () => {
    const admin = await loginAdmin(t);
    await warmBoth(admin.token);
    const rotated = await startApp(
      testEnvironment(t.databaseUrl, { ADMIN_PASSWORD: 'a-rotated-admin-password' }),
    );
    try {
      await answersWithin(t.server, admin.token, 401);
      await answersWithin(second.url, admin.token, 401);
      await request(t.server).post(`${API}/auth/login`).send(TEST_ADMIN).expect(401);
      await login(rotated.url, TEST_ADMIN.email, 'a-rotated-admin-password');
    } finally {
      await rotated.stop();
    }
  });
});
