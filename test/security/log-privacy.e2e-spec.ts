import { randomBytes, randomUUID } from 'node:crypto';
import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  intakeBody,
  loginAdmin,
  makeClient,
  makeOffering,
  makeTherapist,
  NO_CLOTS,
  uniqueEmail,
  utcAt,
} from '../support/factories.js';
import { documentedRoutes, sendHostileRequests } from './route-walker.js';

/** A value that cannot occur in a log by chance: finding it there means it leaked. */
const planted = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;

/** A pregnancy near term with clot answers: the most sensitive intake the API takes. */
const HIGH_RISK_INTAKE = intakeBody({
  pregnancy: { pregnant: true, weeks: 37 },
  clotScreening: { ...NO_CLOTS, historyOfClots: true, legSwellingOrPain: true },
});

let t: TestApp;
beforeAll(async () => {
  // Debug is the most an operator can turn on; nothing private may appear even then.
  t = await createTestApp({ LOG_LEVEL: 'debug' });
}, 60_000);
afterAll(() => t.close());

it('writes no password, hash, token, note or intake answer to stdout or stderr', async () => {
  const secrets: Record<string, string> = {};
  const answers: { status: number; route: string }[] = [];
  const note = (route: string, status: number) => answers.push({ route, status });

  // A unique password, then the same email again: that INSERT fails carrying an argon2 hash.
  const email = uniqueEmail('privacy');
  secrets.email = email;
  secrets.password = planted('password');
  secrets.duplicatePassword = planted('password');
  secrets.wrongPassword = planted('password');
  await request(t.server)
    .post(`${API}/auth/register`)
    .send({ email, password: secrets.password, name: 'Priya Private' })
    .expect(201);
  await request(t.server)
    .post(`${API}/auth/register`)
    .send({ email, password: secrets.duplicatePassword, name: 'Priya Again' })
    .expect(409);
  await request(t.server)
    .post(`${API}/auth/login`)
    .send({ email, password: secrets.wrongPassword })
    .expect(401);
  const login = await request(t.server)
    .post(`${API}/auth/login`)
    .send({ email, password: secrets.password })
    .expect(200);
  secrets.accessToken = login.body.accessToken;
  const client: Account = {
    id: login.body.user.id,
    email,
    password: secrets.password,
    name: 'Priya Private',
    role: 'client',
    token: login.body.accessToken,
  };

  // A booking with a note, read back by its client and in its therapist's agenda and feed.
  const offering = await makeOffering(t);
  const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
  secrets.notes = planted('notes');
  const booking = await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(2, 10),
    notes: secrets.notes,
  }).expect(201);
  await request(t.server)
    .get(`${API}/bookings/${booking.body.id}`)
    .set('Authorization', bearer(client))
    .expect(200);
  await request(t.server)
    .get(`${API}/therapists/me/bookings`)
    .set('Authorization', bearer(therapist))
    .expect(200);
  const calendar = await request(t.server)
    .get(`${API}/therapists/me/calendar`)
    .set('Authorization', bearer(therapist))
    .expect(200);
  const feedPath = new URL(calendar.body.url).pathname;
  secrets.calendarToken = feedPath
    .split('/')
    .pop()!
    .replace(/\.ics$/, '');
  await request(t.server).get(feedPath).expect(200);

  // A near-term pregnancy with clot answers; its booking (with a note) waits for a review.
  const pregnant = await makeClient(t, 'Pia Pregnant');
  secrets.pregnantToken = pregnant.token;
  await request(t.server)
    .post(`${API}/intakes`)
    .set('Authorization', bearer(pregnant))
    .send(HIGH_RISK_INTAKE)
    .expect(201);
  secrets.refusedNotes = planted('notes');
  await book(t, pregnant, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(3, 10),
    notes: secrets.refusedNotes,
  }).expect(422);

  // Refusals PostgreSQL itself makes, with the values in its messages. A forged cursor whose
  // timestamp Date.parse accepts and PostgreSQL does not (a data exception):
  secrets.cursor = planted('cursor');
  const forged = Buffer.from(JSON.stringify([`2030 (${secrets.cursor})`, randomUUID()])).toString(
    'base64url',
  );
  const cursor = await request(t.server)
    .get(`${API}/bookings?cursor=${forged}`)
    .set('Authorization', bearer(client));
  note('forged cursor', cursor.status);
  // A check constraint the app does not know about (an integrity violation on the INSERT):
  secrets.checkedNotes = planted('notes');
  await t.db.query(
    `ALTER TABLE bookings ADD CONSTRAINT "CHK_test_notes" CHECK (notes IS DISTINCT FROM '${secrets.checkedNotes}')`,
  );
  const checked = await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(4, 10),
    notes: secrets.checkedNotes,
  });
  note('check violation', checked.status);
  // A data exception whose message and detail carry the whole intake:
  const refused = await makeClient(t, 'Rita Refused');
  secrets.refusedToken = refused.token;
  await t.db.query(
    `CREATE FUNCTION test_refuse_intake() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'refused ' || NEW.answers::text,
                             DETAIL = NEW.answers::text;
     END $$`,
  );
  await t.db.query(
    `CREATE TRIGGER test_refuse_intake BEFORE INSERT ON intakes FOR EACH ROW
       WHEN (NEW.client_id = '${refused.id}') EXECUTE FUNCTION test_refuse_intake()`,
  );
  const intake = await request(t.server)
    .post(`${API}/intakes`)
    .set('Authorization', bearer(refused))
    .send(HIGH_RISK_INTAKE);
  note('data exception', intake.status);

  // The security suite's hostile requests, on every documented route.
  const callers = {
    client,
    therapist,
    admin: await loginAdmin(t),
  };
  secrets.therapistToken = therapist.token;
  secrets.adminToken = callers.admin.token;
  const { routes, components } = await documentedRoutes(t.server, callers);
  await sendHostileRequests(t.server, routes, components, 10, (route, _sent, response) =>
    note(route, response.status),
  );

  const { rows } = await t.db.query(`SELECT password_hash FROM users WHERE email = $1`, [email]);
  secrets.passwordHash = rows[0].password_hash;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const output = `${t.logs()}\n${t.errors()}`;
  const leaks = Object.entries({
    ...secrets,
    anyArgon2Hash: '$argon2',
    clotAnswer: 'legSwellingOrPain',
    clotHistory: 'historyOfClots',
    clotScreening: 'clotScreening',
  })
    .filter(([, value]) => output.includes(value))
    .map(([name, value]) => {
      const at = output.indexOf(value);
      return { name, around: output.slice(Math.max(0, at - 200), at + 100) };
    });
  // Every refusal PostgreSQL made is an answer the client can act on, not a 500.
  const failures = answers.filter(({ status }) => status >= 500);
  expect({ leaks, failures }).toEqual({ leaks: [], failures: [] });
  // The failures were logged, by their SQLSTATE and constraint: there was something to search.
  expect(output).toContain('23505');
  expect(output).toContain('UQ_users_email');
  expect(output).toContain('CHK_test_notes');
  expect(output).toContain('22023');
}, 120_000);
