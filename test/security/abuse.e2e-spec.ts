import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  ALL_WEEK,
  API,
  bearer,
  book,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  NO_CLOTS,
  uniqueEmail,
  utcAt,
} from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  // The documented defaults for logins; a high general ceiling so the flood is about logins.
  t = await createTestApp({
    RATE_LIMIT_LOGIN_FAILURES: '10',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100',
    TRUST_PROXY: '1',
  });
});
afterAll(() => t.close());

it('checks at most 10 of 1,000 wrong passwords from 1,000 IPs; then 429s; others still log in', async () => {
  const victim = await makeClient(t);
  const bystander = await makeClient(t);
  const guess = (ip: string, n: number) =>
    request(t.server)
      .post(`${API}/auth/login`)
      .set('X-Forwarded-For', ip)
      .send({ email: victim.email, password: `guess-${n}!` });
  const statuses: number[] = [];
  // Ten guesses one at a time reach the limit...
  for (let i = 0; i < 10; i++) statuses.push((await guess(`10.0.0.${i}`, i)).status);
  // ...then 990 more, 55 at a time, are all refused without a password check.
  for (let batch = 0; batch < 18; batch++) {
    const responses = await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        guess(`10.${batch + 1}.${Math.floor(i / 10)}.${i % 10}`, 10 + batch * 55 + i),
      ),
    );
    statuses.push(...responses.map((r) => r.status));
  }
  const checked = statuses.filter((s) => s === 401).length;
  const refused = statuses.filter((s) => s === 429).length;
  console.info(
    `login flood: ${statuses.length} attempts, ${checked} checked (401), ${refused} refused (429)`,
  );
  expect(statuses).toHaveLength(1000);
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(refused).toBe(990);
  await request(t.server)
    .post(`${API}/auth/login`)
    .set('X-Forwarded-For', '10.99.0.1')
    .send({ email: victim.email, password: victim.password })
    .expect(429);
  await request(t.server)
    .post(`${API}/auth/login`)
    .set('X-Forwarded-For', '10.99.0.2')
    .send({ email: bystander.email, password: bystander.password })
    .expect(200);
});

it('does not let a burst of concurrent guesses past the limit', async () => {
  const victim = await makeClient(t);
  const responses = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      request(t.server)
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', `10.200.0.${i}`)
        .send({ email: victim.email, password: `burst-${i}!` }),
    ),
  );
  const checked = responses.filter((r) => r.status === 401).length;
  expect(checked).toBeLessThanOrEqual(10);
  expect(checked + responses.filter((r) => r.status === 429).length).toBe(60);
});

it('keeps booking while a flood of logins queues for the password hasher', async () => {
  const offering = await makeOffering(t);
  const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
  const client = await makeClient(t);
  let floodDone = false;
  const flood = Promise.all(
    Array.from({ length: 150 }, (_, i) =>
      request(t.server)
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', `172.16.${i}.1`)
        .send({ email: uniqueEmail('flood'), password: 'not-a-real-password' }),
    ),
  ).then((responses) => {
    floodDone = true;
    return responses;
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const booking = await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(4, 10),
  });
  const bookedDuringFlood = !floodDone;
  expect(booking.status).toBe(201);
  expect(bookedDuringFlood).toBe(true);
  const responses = await flood;
  expect(responses.every((r) => r.status === 401)).toBe(true);
});

it('caps windows and pages', async () => {
  const therapist = await makeTherapist(t, { weekly: ALL_WEEK });
  const offering = await makeOffering(t);
  const wide = await request(t.server)
    .get(`${API}/therapists/${therapist.id}/slots`)
    .query({ offeringId: offering.id, from: utcAt(1, 0), to: utcAt(40, 0) })
    .expect(400);
  expect(wide.body.code).toBe('VALIDATION_FAILED');
  await request(t.server).get(`${API}/therapists?limit=1000`).expect(400);
  await request(t.server).get(`${API}/offerings?limit=0`).expect(400);
});

it('writes exactly one audit row per admin read and decision on intakes', async () => {
  const admin = await loginAdmin(t);
  const before = Number(
    (await t.db.query(`SELECT count(*) FROM audit_log WHERE subject_type = 'intake'`)).rows[0]
      .count,
  );
  const clients = await Promise.all([makeClient(t), makeClient(t), makeClient(t)]);
  const intakes = [];
  for (const client of clients) {
    intakes.push(
      await makeIntake(t, client, {
        pregnancy: { pregnant: true, weeks: 12 },
        clotScreening: { ...NO_CLOTS, anticoagulants: true },
      }),
    );
  }
  let expected = 0;
  for (const intake of intakes) {
    await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expected++;
  }
  const queue = await request(t.server)
    .get(`${API}/admin/intake-flags?limit=100`)
    .set('Authorization', bearer(admin))
    .expect(200);
  expected += new Set(queue.body.items.map((f: { intake: { id: string } }) => f.intake.id)).size;
  for (const intake of intakes) {
    await request(t.server)
      .post(`${API}/admin/intake-flags/${intake.flags[0].id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'approve', note: 'Cleared by a clinician' })
      .expect(200);
    expected++;
  }
  // Refused attempts are not decisions and leave no row.
  await request(t.server)
    .post(`${API}/admin/intake-flags/${intakes[0].flags[0].id}/resolve`)
    .set('Authorization', bearer(admin))
    .send({ decision: 'reject', note: 'again' })
    .expect(409);
  const after = Number(
    (await t.db.query(`SELECT count(*) FROM audit_log WHERE subject_type = 'intake'`)).rows[0]
      .count,
  );
  console.info(
    `audit: ${expected} admin reads and decisions on intakes, ${after - before} audit rows`,
  );
  expect(after - before).toBe(expected);
  await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  await expect(t.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
});
