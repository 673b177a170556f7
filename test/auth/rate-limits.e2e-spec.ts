import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import { API, makeClient } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    RATE_LIMIT_LOGIN_FAILURES: '3',
    RATE_LIMIT_LOGIN_PER_MINUTE: '8',
    RATE_LIMIT_PER_MINUTE: '1000',
    TRUST_PROXY: 'true',
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
