import { randomInt } from 'node:crypto';
import pLimit from 'p-limit';
import { request } from '../support/api-request.js';
import { redisAnswers } from '../support/redis.js';
import { createTestApp, RunningApp, TestApp } from '../support/test-app.js';
import { API, makeClient, uniqueEmail } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    RATE_LIMIT_LOGIN_FAILURES: '3',
    RATE_LIMIT_LOGIN_PER_MINUTE: '8',
    RATE_LIMIT_PER_MINUTE: '1000',
    TRUST_PROXY: '1',
  });
});
afterAll(() => t.close());

const login = (email: string, password: string, ip: string) =>
  request(t.server).post(`${API}/auth/login`).set('X-Forwarded-For', ip).send({ email, password });

describe('login rate limits', () => {
  it('locks an email after RATE_LIMIT_LOGIN_FAILURES failures from any IPs, not other accounts', async () => {
    const victim = await makeClient(t);
    const bystander = await makeClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await login(victim.email, 'wrong-password!', `10.0.1.${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);

    const locked = await login(victim.email, victim.password, '10.0.2.1').expect(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });

    await login(bystander.email, bystander.password, '10.0.2.2').expect(200);
  });

  it('limits logins per IP per minute, without touching other IPs', async () => {
    const client = await makeClient(t);
    const ip = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await login(client.email, client.password, ip)).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses.slice(8)).toEqual([429, 429]);
    await login(client.email, client.password, '10.9.9.10').expect(200);
  });
});

describe('who the client is, behind a proxy (TRUST_PROXY)', () => {
  it('takes the address the trusted proxy saw, not one the client wrote itself', async () => {
    // The proxy appends the address it saw; whatever the client wrote before it is not trusted.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await request(t.server)
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', `203.0.113.${i}, 10.7.7.7`)
        .send({ email: uniqueEmail(), password: 'wrong-password!' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(8).fill(401), 429, 429]);
  });
});

describe('registration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_REGISTER_PER_HOUR: '3', TRUST_PROXY: '127.0.0.0/8' });
  });
  afterAll(() => app.close());

  it('is limited per IP per hour (RATE_LIMIT_REGISTER_PER_HOUR), other IPs unaffected', async () => {
    const register = (ip: string) =>
      request(app.server)
        .post(`${API}/auth/register`)
        .set('X-Forwarded-For', ip)
        .send({ email: uniqueEmail(), password: 'a-good-long-password', name: 'Flood' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await register('198.51.100.7')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await register('198.51.100.7').expect(429);
    expect(refused.headers['retry-after-account']).toBeDefined();
    await register('198.51.100.8').expect(201);
  });
});

/** The machine's Redis, when it runs: limits shared by instances are tested against it. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = redisAnswers(REDIS_URL);
if (!redisUp) {
  console.warn(
    `\n\n!!! SKIPPED: no Redis at ${REDIS_URL}; the limits shared across instances are not tested !!!\n\n`,
  );
}

(redisUp ? describe : describe.skip)('per-IP limits shared by instances (REDIS_URL)', () => {
  let app: TestApp;
  let second: RunningApp;
  beforeAll(async () => {
    app = await createTestApp({
      REDIS_URL,
      TRUST_PROXY: '1',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100',
      RATE_LIMIT_LOGIN_FAILURES: '1000',
    });
    second = await app.startAnotherInstance();
  });
  afterAll(() => app.close());

  it('checks at most 100 of 2 × 101 bad logins from one IP spread over two instances', async () => {
    // A fresh address per run: Redis outlives the test, and other runs may share it.
    const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
    const limit = pLimit(8);
    const answers = await Promise.all(
      Array.from({ length: 202 }, (_, index) =>
        limit(() =>
          request(index % 2 ? second.url : app.server)
            .post(`${API}/auth/login`)
            .set('X-Forwarded-For', ip)
            .send({ email: uniqueEmail(), password: 'wrong-password!' }),
        ),
      ),
    );
    const checked = answers.filter((answer) => answer.status === 401).length;
    const limited = answers.filter((answer) => answer.status === 429).length;
    console.info(`shared login limit: ${checked} checked, ${limited} × 429 of 202`);
    expect(checked + limited).toBe(202);
    expect(checked).toBe(100);
  }, 60_000);
});
