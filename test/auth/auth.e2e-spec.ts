import { request } from '../support/api-request.js';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app.js';
import { API, bearer, makeClient, uniqueEmail } from '../support/factories.js';
import { createHmac } from 'node:crypto';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function signHs256(
  payload: object,
  secret = TEST_JWT_SECRET,
  header: object = { alg: 'HS256', typ: 'JWT' },
) {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe('POST /auth/register', () => {
  it('creates a client by default and returns a working access token', async () => {
    const email = uniqueEmail();
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .send({ email, password: 'a-good-long-password', name: '  Ana Lima  ' })
      .expect(201);
    expect(response.body.user).toEqual({
      id: expect.any(String),
      email,
      name: 'Ana Lima',
      role: 'client',
      emailVerified: false,
      phone: null,
    });
    expect(response.body.user).not.toHaveProperty('passwordHash');
    const me = await request(t.server)
      .get(`${API}/me`)
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual(response.body.user);
  });

  it('registers therapists', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .send({
        email: uniqueEmail(),
        password: 'a-good-long-password',
        name: 'Theo',
        role: 'therapist',
      })
      .expect(201);
    expect(response.body.user.role).toBe('therapist');
  });

  it('stores the password as an argon2id hash with OWASP parameters', async () => {
    const client = await makeClient(t);
    const {
      rows: [row],
    } = await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [client.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,(t=2,p=1|p=1,t=2)\$/);
  });

  it('refuses a duplicate email in another case with 409 EMAIL_TAKEN', async () => {
    const email = uniqueEmail('dup');
    await request(t.server)
      .post(`${API}/auth/register`)
      .send({ email, password: 'a-good-long-password', name: 'A' })
      .expect(201);
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .send({ email: email.toUpperCase(), password: 'a-good-long-password', name: 'B' })
      .expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 409, code: 'EMAIL_TAKEN', title: 'Conflict' });
  });

  it('refuses self-registration as admin', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .send({ email: uniqueEmail(), password: 'a-good-long-password', name: 'Eve', role: 'admin' })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { field: 'role', message: 'role must be client or therapist' },
    ]);
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['password', { password: 'x'.repeat(129) }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(101) }],
    ['email', { email: 42 }],
  ])('lists the invalid field %s', async (field, override) => {
    const body = {
      email: uniqueEmail(),
      password: 'a-good-long-password',
      name: 'Ana',
      ...override,
    };
    const response = await request(t.server).post(`${API}/auth/register`).send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const {
      rows: [{ count }],
    } = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [
      String(body.email),
    ]);
    expect(count).toBe(0);
  });

  it('accepts passwords of exactly 10 and 128 characters', async () => {
    for (const password of ['p'.repeat(10), 'p'.repeat(128)]) {
      await request(t.server)
        .post(`${API}/auth/register`)
        .send({ email: uniqueEmail(), password, name: 'Ana' })
        .expect(201);
    }
  });

  it('rejects unknown fields', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .send({ email: uniqueEmail(), password: 'a-good-long-password', name: 'Ana', isAdmin: true })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'isAdmin', message: 'property isAdmin should not exist' },
    ]);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });

  it('answers a body over 100 kB with 413', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          email: uniqueEmail(),
          password: 'a-good-long-password',
          name: 'x'.repeat(120_000),
        }),
      )
      .expect(413);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('POST /auth/login', () => {
  it('logs in with the right password, in any email case', async () => {
    const client = await makeClient(t);
    const response = await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: client.email.toUpperCase(), password: client.password })
      .expect(200);
    expect(response.body.user.id).toBe(client.id);
    expect(typeof response.body.accessToken).toBe('string');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const client = await makeClient(t);
    const wrong = await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: client.email, password: 'wrong-password!' })
      .expect(401);
    const unknown = await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: uniqueEmail(), password: 'wrong-password!' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('access tokens', () => {
  it('refuses a missing token with 401', async () => {
    const response = await request(t.server).get(`${API}/me`).expect(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('refuses tampered, expired, foreign and alg:none tokens', async () => {
    const client = await makeClient(t);
    const [header, payload, signature] = client.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${base64url({ ...claims, role: 'admin' })}.${signature}`;
    const expired = signHs256({ ...claims, iat: now() - 7200, exp: now() - 3600 });
    const wrongAudience = signHs256({ ...claims, aud: 'someone-else' });
    const wrongIssuer = signHs256({ ...claims, iss: 'someone-else' });
    const wrongSecret = signHs256(claims, 'another-secret-another-secret-another-secret');
    const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    const hs512 = signHs256(claims, TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' });
    for (const token of [
      tampered,
      expired,
      wrongAudience,
      wrongIssuer,
      wrongSecret,
      none,
      hs512,
      'garbage',
    ]) {
      const response = await request(t.server)
        .get(`${API}/me`)
        .set('Authorization', `Bearer ${token}`);
      expect({ token, status: response.status, code: response.body.code }).toEqual({
        token,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    // The same claims, properly signed, are accepted: the refusals above are about the token.
    await request(t.server)
      .get(`${API}/me`)
      .set('Authorization', `Bearer ${signHs256(claims)}`)
      .expect(200);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const client = await makeClient(t);
    const response = await request(t.server)
      .get(`${API}/nowhere`)
      .offContract('a router-level 404: the route is not in the document by definition')
      .set('Authorization', bearer(client))
      .expect(404);
    expect(response.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });
});

describe('GET /health', () => {
  it('is ok once the database answers and migrations have run', async () => {
    const response = await request(t.server).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});

describe('content types', () => {
  it('refuses a non-JSON body with 415', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/register`)
      .set('Content-Type', 'text/plain')
      .send('email=a@b.c')
      .expect(415);
    expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
