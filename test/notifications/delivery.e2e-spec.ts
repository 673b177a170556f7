import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { request } from '../support/api-request.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  loginAdmin,
  makeClient,
  makeOffering,
  makeTherapist,
  utcAt,
} from '../support/factories.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let smtp: SmtpCatcher;
let t: TestApp;
let offering: Awaited<ReturnType<typeof makeOffering>>;
let therapist: Account;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({
    SMTP_URL: smtp.url,
    JOB_POLL_SECONDS: '1',
    MAIL_RETRY_DELAY_SECONDS: '1',
    MAIL_RETRY_LIMIT: '3',
  });
  offering = await makeOffering(t, { technique: 'swedish', durationMinutes: 30, bufferMinutes: 0 });
  therapist = await makeTherapist(t, {
    name: 'Dana Hands',
    techniques: ['swedish'],
    weekly: ALL_WEEK,
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A client whose address-check message has already arrived: what follows is about sessions. */
async function settledClient(name: string): Promise<Account> {
  const client = await makeClient(t, name);
  await smtp.waitFor((mails) => mails.some((mail) => mail.to === client.email.toLowerCase()));
  return client;
}

/** The state of the session messages to `recipient`. */
const statusOf = async (recipient: string) =>
  (
    await t.db.query(
      `SELECT status, attempts, last_error FROM outbox_messages
        WHERE recipient_email = $1 AND kind LIKE 'booking.%'`,
      [recipient],
    )
  ).rows;

it('delivers each of 200 messages exactly once with two instances working the queue', async () => {
  const second = await t.startAnotherInstance();
  const client = await makeClient(t, 'Busy Client');
  const before = new Set(smtp.mails.map((mail) => mail.messageId));
  // 100 bookings, half through each instance: 200 messages (client and therapist).
  const limit = pLimit(6);
  const bookings = await Promise.all(
    Array.from({ length: 100 }, (_, index) =>
      limit(async () => {
        const startsAt = utcAt(2 + Math.floor(index / 40), 0, (index % 40) * 30);
        const server = index % 2 === 0 ? t.server : second.url;
        const response = await request(server)
          .post(`${API}/bookings`)
          .set('Authorization', bearer(client))
          .send({ therapistId: therapist.id, offeringId: offering.id, startsAt })
          .expect(201);
        return response.body.id as string;
      }),
    ),
  );
  const { rows } = await t.db.query(
    `SELECT id FROM outbox_messages WHERE payload->>'bookingId' = ANY($1)`,
    [bookings],
  );
  expect(rows).toHaveLength(200);
  const expected = new Set(rows.map((row) => `<${row.id}@unknot.invalid>`));
  await smtp.waitFor(
    (mails) => mails.filter((mail) => expected.has(mail.messageId)).length >= 200,
    60_000,
  );
  // Let any duplicate that was going to happen arrive.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const received = smtp.mails.filter(
    (mail) => !before.has(mail.messageId) && expected.has(mail.messageId),
  );
  const counts = new Map<string, number>();
  for (const mail of received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
  expect(counts.size).toBe(200);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  const states = await t.db.query(
    `SELECT status, attempts, count(*)::int AS n FROM outbox_messages
      WHERE payload->>'bookingId' = ANY($1) GROUP BY status, attempts`,
    [bookings],
  );
  expect(states.rows).toEqual([{ status: 'sent', attempts: 1, n: 200 }]);
  await second.stop();
}, 90_000);

it('retries with backoff: a server that refuses twice gets the message on the third attempt', async () => {
  const client = await settledClient('Patient Client');
  smtp.refuse(client.email, 2);
  await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(6, 10),
  }).expect(201);
  const booked = (mail: CaughtMail) =>
    mail.to === client.email.toLowerCase() && mail.subject.startsWith('Booked');
  await smtp.waitFor((mails) => mails.some(booked), 30_000);
  // The server has the message; the sender records it a moment later.
  const deadline = Date.now() + 10_000;
  while ((await statusOf(client.email))[0]?.status === 'sending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await statusOf(client.email)).toEqual([{ status: 'sent', attempts: 3, last_error: null }]);
  const refusedThenSent = smtp.attempts.filter((id) => id === smtp.mails.find(booked)!.messageId);
  expect(refusedThenSent).toHaveLength(3);
}, 40_000);

it('marks a message failed after the last retry and shows it to admins', async () => {
  const client = await settledClient('Unreachable Client');
  smtp.refuse(client.email, 'always');
  await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(6, 12),
  }).expect(201);
  const deadline = Date.now() + 40_000;
  while ((await statusOf(client.email))[0]?.status !== 'failed') {
    if (Date.now() > deadline) throw new Error('The message was not marked failed');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const [row] = await statusOf(client.email);
  expect(row.attempts).toBe(4); // the first attempt and MAIL_RETRY_LIMIT=3 retries
  const admin = await loginAdmin(t);
  const failed = await request(t.server)
    .get(`${API}/admin/outbox`)
    .query({ status: 'failed' })
    .set('Authorization', bearer(admin))
    .expect(200);
  const item = failed.body.items.find(
    (entry: { recipient: string }) => entry.recipient === client.email,
  );
  expect(item).toMatchObject({
    status: 'failed',
    attempts: 4,
    sentAt: null,
    kind: 'booking.confirmed',
  });
  expect(item.lastError).toBe('451 Mailbox busy, try again later');
}, 50_000);

it('sends a message whose instance died mid-claim: the sweep at start-up takes it over', async () => {
  const therapistRow = await t.db.query(`SELECT email FROM users WHERE id = $1`, [therapist.id]);
  // As a crash leaves it: claimed eleven minutes ago by an instance that is gone, its job spent.
  const { rows } = await t.db.query(
    `INSERT INTO outbox_messages (kind, recipient_id, recipient_email, subject, payload, status,
                                  attempts, claimed_at, claim_token)
     VALUES ('certification.verified', $1, $2, 'Your massage licence is verified',
             jsonb_build_object('recipientName', 'Dana Hands', 'certificationKind', 'massage-license',
                                'issuer', 'State Board', 'note', NULL),
             'sending', 1, now() - interval '11 minutes', gen_random_uuid())
     RETURNING id`,
    [therapist.id, therapistRow.rows[0].email],
  );
  const messageId = `<${rows[0].id}@unknot.invalid>`;
  const next = await t.startAnotherInstance();
  try {
    await smtp.waitFor((mails) => mails.some((mail) => mail.messageId === messageId), 30_000);
    const { rows: after } = await t.db.query(
      `SELECT status, attempts, claim_token FROM outbox_messages WHERE id = $1`,
      [rows[0].id],
    );
    expect(after).toEqual([{ status: 'sent', attempts: 2, claim_token: null }]);
    expect(smtp.mails.filter((mail) => mail.messageId === messageId)).toHaveLength(1);
  } finally {
    await next.stop();
  }
}, 45_000);

it('lets a message in flight finish when the instance is stopped', async () => {
  const slow = await startSmtpCatcher();
  slow.delay(1500);
  const app = await createTestApp({ SMTP_URL: slow.url, JOB_POLL_SECONDS: '1' });
  try {
    const appOffering = await makeOffering(app, { technique: 'swedish', durationMinutes: 60 });
    const appTherapist = await makeTherapist(app, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(app, 'Stopping Client');
    await book(app, client, {
      therapistId: appTherapist.id,
      offeringId: appOffering.id,
      startsAt: utcAt(3, 10),
    }).expect(201);
    const { rows: ids } = await app.db.query(
      `SELECT id FROM outbox_messages WHERE recipient_email = $1 AND kind = 'booking.confirmed'`,
      [client.email],
    );
    const messageId = `<${ids[0].id}@unknot.invalid>`;
    // The server has this message's data and is still thinking: stop the app now.
    const deadline = Date.now() + 20_000;
    while (!slow.attempts.includes(messageId)) {
      if (Date.now() > deadline) throw new Error('No delivery attempt started');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await app.close();
    const { Client } = await import('pg');
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    const { rows } = await db.query(
      `SELECT status FROM outbox_messages WHERE recipient_email = $1 AND kind = 'booking.confirmed'`,
      [client.email],
    );
    await db.end();
    expect(rows).toEqual([{ status: 'sent' }]);
    expect(slow.mails.some((mail) => mail.to === client.email.toLowerCase())).toBe(true);
  } finally {
    await app.close().catch(() => undefined);
    await slow.close();
  }
}, 60_000);

it('without SMTP_URL writes each message as an .eml file and says mail is disabled', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'unknot-mail-'));
  const local = await createTestApp({
    MAIL_DIR: directory,
    JOB_POLL_SECONDS: '1',
    LOG_LEVEL: 'info',
  });
  try {
    const health = await request(local.server).get('/health').expect(200);
    expect(health.body.mail).toBe('disabled');
    const localOffering = await makeOffering(local, { technique: 'swedish', durationMinutes: 60 });
    const localTherapist = await makeTherapist(local, {
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(local, 'File Client');
    await book(local, client, {
      therapistId: localTherapist.id,
      offeringId: localOffering.id,
      startsAt: utcAt(3, 10),
    }).expect(201);
    const deadline = Date.now() + 15_000;
    let files: string[] = [];
    for (;;) {
      files = readdirSync(directory).filter((file) => file.endsWith('.eml'));
      const bodies = files.map((file) => readFileSync(join(directory, file), 'utf8'));
      if (bodies.some((body) => body.includes(client.email) && /Subject: Booked/.test(body))) break;
      if (Date.now() > deadline) throw new Error(`No .eml for the booking (${files.length} files)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { rows } = await local.db.query(
      `SELECT count(*)::int AS n FROM outbox_messages
        WHERE recipient_email = $1 AND status = 'sent' AND kind LIKE 'booking.%'`,
      [client.email],
    );
    expect(rows[0].n).toBe(1);
    expect(local.logs()).toContain('Booked: ');
  } finally {
    await local.close();
  }
}, 60_000);
