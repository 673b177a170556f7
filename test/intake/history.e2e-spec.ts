import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  API,
  bearer,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapistAccount,
  NO_CLOTS,
} from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
});
afterAll(() => t.close());

const list = (account: Account, query: Record<string, string | number> = {}) =>
  request(t.server).get(`${API}/intakes`).query(query).set('Authorization', bearer(account));
const latest = (account: Account) =>
  request(t.server).get(`${API}/intakes/latest`).set('Authorization', bearer(account));

describe('GET /intakes', () => {
  it('lists only the caller’s own intakes, newest first, with their flags', async () => {
    const client = await makeClient(t);
    const other = await makeClient(t);
    const first = await makeIntake(t, client);
    const second = await makeIntake(t, client, {
      pregnancy: { pregnant: true, weeks: 20 },
      clotScreening: { ...NO_CLOTS, anticoagulants: true },
    });
    const third = await makeIntake(t, client, { stressLevel: 9 });
    const othersIntake = await makeIntake(t, other);

    const response = await list(client).expect(200);
    expect(response.body.items.map((i: { id: string }) => i.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items[1]).toEqual(
      expect.objectContaining({
        status: 'needs-review',
        flags: [expect.objectContaining({ code: 'CLOT_RISK', status: 'open' })],
        answers: expect.objectContaining({ stressLevel: second.answers.stressLevel }),
        suggestions: second.suggestions,
      }),
    );
    const ids = response.body.items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(othersIntake.id);

    const othersList = await list(other).expect(200);
    expect(othersList.body.items.map((i: { id: string }) => i.id)).toEqual([othersIntake.id]);
  });

  it('pages with ?limit= and ?cursor=, each intake once', async () => {
    const client = await makeClient(t);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await makeIntake(t, client, { stressLevel: i })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { limit: 2 };
      if (cursor) query.cursor = cursor;
      const page = await list(client, query).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
  });

  it('is empty for a client who never checked in', async () => {
    const client = await makeClient(t);
    const response = await list(client).expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a forged cursor and a bad limit with a problem', async () => {
    const client = await makeClient(t);
    const forged = await list(client, { cursor: 'not-a-cursor' }).expect(400);
    expect(forged.body.code).toBe('VALIDATION_FAILED');
    const tooMany = await list(client, { limit: 101 }).expect(400);
    expect(tooMany.body.code).toBe('VALIDATION_FAILED');
  });

  it('is for clients: 403 for a therapist and an admin, 401 without a token', async () => {
    const therapist = await makeTherapistAccount(t);
    const admin = await loginAdmin(t);
    expect((await list(therapist).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await list(admin).expect(403)).body.code).toBe('FORBIDDEN');
    await request(t.server).get(`${API}/intakes`).expect(401);
  });
});

describe('GET /intakes/latest', () => {
  it('answers the newest intake of the caller, not another client’s newer one', async () => {
    const client = await makeClient(t);
    const other = await makeClient(t);
    await makeIntake(t, client, { stressLevel: 2 });
    const newest = await makeIntake(t, client, { stressLevel: 8 });
    await makeIntake(t, other);
    const response = await latest(client).expect(200);
    expect(response.body.id).toBe(newest.id);
    expect(response.body.answers.stressLevel).toBe(8);
    expect(response.body.suggestions).toEqual(newest.suggestions);
    expect(response.body.expiresAt).toBe(newest.expiresAt);
  });

  it('answers an expired latest intake too, so its expiresAt tells the client to check in again', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    await t.db.query(
      `UPDATE intakes SET created_at = now() - interval '40 days', expires_at = now() - interval '10 days' WHERE id = $1`,
      [intake.id],
    );
    const response = await latest(client).expect(200);
    expect(response.body.id).toBe(intake.id);
    expect(Date.parse(response.body.expiresAt)).toBeLessThan(Date.now());
  });

  it('is 404 INTAKE_NOT_FOUND for a client with none', async () => {
    const client = await makeClient(t);
    const response = await latest(client).expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toEqual(
      expect.objectContaining({
        status: 404,
        code: 'INTAKE_NOT_FOUND',
        detail: expect.stringMatching(/not filled in an intake/),
      }),
    );
  });

  it('is for clients: 403 for a therapist and an admin, 401 without a token', async () => {
    const therapist = await makeTherapistAccount(t);
    const admin = await loginAdmin(t);
    await latest(therapist).expect(403);
    await latest(admin).expect(403);
    await request(t.server).get(`${API}/intakes/latest`).expect(401);
  });
});
