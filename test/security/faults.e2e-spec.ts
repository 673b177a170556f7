import { Client } from 'pg';
import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  makeClient,
  makeOffering,
  makeTherapist,
  utcAt,
} from '../support/factories.js';

let t: TestApp;
let offering: { id: string };
let therapist: Account;
beforeAll(async () => {
  t = await createTestApp();
  offering = await makeOffering(t);
  therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
});
afterAll(() => t.close());

let faultsInjected = 0;

/** A second connection, as an operator or another transaction would hold one. */
async function connect(): Promise<Client> {
  const client = new Client({ connectionString: t.databaseUrl });
  // The database is dropped with FORCE at the end of the run; that must not crash the runner.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Waits until an app backend is blocked on a lock, and answers its pid. */
async function blockedBackend(observer: Client): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await observer.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'unknot' AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('No app backend ever blocked');
}

const countBookings = async (clientId: string) =>
  (await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE client_id = $1`, [clientId]))
    .rows[0].n;

it('answers 503 when PostgreSQL drops the connection mid-transaction, leaving no half-written rows', async () => {
  const client = await makeClient(t);
  const body = { therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(3, 10) };
  // Another transaction holds this Idempotency-Key's row uncommitted: the app books, then blocks
  // writing its key — half-way through its transaction — and we kill its connection there.
  const other = await connect();
  await other.query('BEGIN');
  await other.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response_body) VALUES ($1, 'k-kill', 'x', 201, '{}')`,
    [client.id],
  );
  // supertest sends on then(): start the request now, await it later.
  const pending = book(t, client, body, 'k-kill').then((response) => response);
  const observer = await connect();
  const pid = await blockedBackend(observer);
  const { rows: written } = await observer.query(
    `SELECT count(*)::int AS n FROM pg_locks WHERE pid = $1 AND locktype = 'transactionid' AND granted`,
    [pid],
  );
  expect(written[0].n).toBeGreaterThan(0); // it has written (holds its own transaction id)
  await observer.query('SELECT pg_terminate_backend($1)', [pid]);
  faultsInjected++;
  const response = await pending;
  await other.query('ROLLBACK');
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    code: 'SERVICE_UNAVAILABLE',
    requestId: expect.any(String),
  });
  expect(await countBookings(client.id)).toBe(0);
  const { rows: keys } = await observer.query(
    `SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1`,
    [client.id],
  );
  expect(keys[0].n).toBe(0);

  // Recovered without a restart: the retry books exactly once.
  const retry = await book(t, client, body, 'k-kill').expect(201);
  expect(await countBookings(client.id)).toBe(1);
  await book(t, client, body, 'k-kill')
    .expect(201)
    .then((again) => expect(again.body.id).toBe(retry.body.id));
  await observer.end();
  await other.end();
});

it('recovers after every connection of the pool is terminated, with 503s at worst', async () => {
  const client = await makeClient(t);
  const observer = await connect();
  const list = () => request(t.server).get(`${API}/bookings`).set('Authorization', bearer(client));
  const answers = new Map<string, number>();
  // Requests in flight while the backends die hit every way a connection can break: the server's
  // goodbye (57P01), a socket reset under a query (ECONNRESET), a dead idle client. Each is a 503.
  for (let round = 0; round < 25; round++) {
    await Promise.all([list(), list(), list()]);
    const kill = observer.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'unknot'`,
    );
    const responses = await Promise.all(Array.from({ length: 6 }, list));
    expect((await kill).rowCount).toBeGreaterThan(0);
    faultsInjected++;
    for (const response of responses) {
      const answer = `${response.status} ${response.body.code ?? ''}`.trim();
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
    }
  }
  const unexpected = [...answers.keys()].filter(
    (a) => a !== '200' && a !== '503 SERVICE_UNAVAILABLE',
  );
  if (unexpected.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the app's log reach us
    const errors = t
      .logs()
      .split('\n')
      .filter((line) => line.includes('"context":"Problem"'));
    throw new Error(`Unexpected answers ${JSON.stringify([...answers])}:\n${errors.join('\n')}`);
  }
  // Recovered without a restart.
  for (let i = 0; i < 5; i++) await list().expect(200);
  await request(t.server).get('/health').expect(200);
  await observer.end();
});

it('never books twice when a client times out and retries with its Idempotency-Key', async () => {
  const client = await makeClient(t);
  const body = { therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(4, 10) };
  const holder = await connect();
  await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [
    `${client.id}:k-timeout`,
  ]);
  const first = book(t, client, body, 'k-timeout').timeout(300);
  await expect(first).rejects.toThrow(/timeout/i);
  faultsInjected++;
  await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [
    `${client.id}:k-timeout`,
  ]);
  const retries = await Promise.all([
    book(t, client, body, 'k-timeout'),
    book(t, client, body, 'k-timeout'),
  ]);
  expect(retries.map((r) => r.status)).toEqual([201, 201]);
  expect(retries[0].body.id).toBe(retries[1].body.id);
  expect(await countBookings(client.id)).toBe(1);
  await holder.end();
});

it('finishes in-flight requests on SIGTERM, then exits cleanly', async () => {
  const instance = await t.startAnotherInstance();
  const client = await makeClient(t);
  const holder = await connect();
  await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`${client.id}:k-drain`]);
  const inFlight = request(instance.url)
    .post(`${API}/bookings`)
    .set('Authorization', bearer(client))
    .set('Idempotency-Key', 'k-drain')
    .send({ therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(5, 10) });
  const sent = inFlight.then((response) => response);
  await blockedBackend(holder);
  const exited = instance.stop('SIGTERM');
  faultsInjected++;
  await new Promise((resolve) => setTimeout(resolve, 200));
  await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [
    `${client.id}:k-drain`,
  ]);
  const response = await sent;
  expect(response.status).toBe(201);
  expect(await exited).toBe(0);
  expect(await countBookings(client.id)).toBe(1);
  await holder.end();
});

afterAll(() => console.info(`faults injected: ${faultsInjected}`));
