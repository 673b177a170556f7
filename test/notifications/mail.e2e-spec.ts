import ICAL from 'ical.js';
import { request } from '../support/api-request.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  cancelBooking,
  hoursFromNow,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  PREGNANT,
  utcAt,
} from '../support/factories.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp, TestApp } from '../support/test-app.js';

const LEAD_MINUTES = 120;
let smtp: SmtpCatcher;
let t: TestApp;
let offering: Awaited<ReturnType<typeof makeOffering>>;
let therapist: Account;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Unknot Spa <bookings@unknot.test>',
    SPA_NAME: 'Unknot Spa',
    PUBLIC_URL: 'https://spa.unknot.test',
    REMINDER_LEAD_MINUTES: String(LEAD_MINUTES),
    JOB_POLL_SECONDS: '1',
    MAIL_RETRY_DELAY_SECONDS: '1',
  });
  offering = await makeOffering(t, {
    technique: 'swedish',
    durationMinutes: 60,
    name: 'Swedish 60',
  });
  therapist = await makeTherapist(t, {
    name: 'Dana Hands',
    techniques: ['swedish'],
    timezone: 'Europe/Lisbon',
    weekly: ALL_WEEK,
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** The subjects of messages about sessions (every new account also gets an address check). */
const SESSION_MAIL = /^(Booked|New session|Cancelled|Reminder|Thank you)/;

const mailsTo = (address: string, kind?: RegExp) =>
  smtp.mails.filter(
    (mail) => mail.to === address.toLowerCase() && (!kind || kind.test(mail.subject)),
  );

function eventOf(mail: CaughtMail) {
  expect(mail.calendar).not.toBeNull();
  const calendar = new ICAL.Component(ICAL.parse(mail.calendar!));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    status: event.getFirstPropertyValue('status'),
  };
}

async function bookAt(
  client: Account,
  startsAt: string,
  offeringId = offering.id,
  therapistId = therapist.id,
) {
  const response = await book(t, client, { therapistId, offeringId, startsAt }).expect(201);
  return response.body as { id: string; startsAt: string; endsAt: string };
}

describe('booking messages', () => {
  it('confirms to both parties with an invitation that adds the event, in their time zones', async () => {
    const client = await makeClient(t, 'Alice Client');
    await request(t.server)
      .put(`${API}/me/notifications`)
      .set('Authorization', bearer(client))
      .send({ reminders: true, timezone: 'America/New_York' })
      .expect(200, { reminders: true, timezone: 'America/New_York' });
    const booking = await bookAt(client, utcAt(3, 14));
    const [toClient] = await smtp
      .waitFor(() => mailsTo(client.email, /^Booked/).length === 1)
      .then(() => mailsTo(client.email, /^Booked/));
    await smtp.waitFor(() => mailsTo(therapist.email, /^New session/).length >= 1);
    const toTherapist = mailsTo(therapist.email).find((mail) =>
      mail.text.includes('Alice Client'),
    )!;

    const invite = eventOf(toClient);
    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: `${booking.id}@unknot`,
      sequence: 0,
      start: booking.startsAt,
      end: booking.endsAt,
      status: 'CONFIRMED',
    });
    expect(toClient.calendarMethod).toBe('REQUEST');
    expect(eventOf(toTherapist).uid).toBe(`${booking.id}@unknot`);
    // The outbox row's id is the Message-ID.
    const { rows } = await t.db.query(
      `SELECT id FROM outbox_messages WHERE recipient_id = $1 AND kind = 'booking.confirmed'`,
      [client.id],
    );
    expect(toClient.messageId).toBe(`<${rows[0].id}@unknot.test>`);
    // 14:00 UTC is 09:00 in New York and 14:00 in Lisbon in winter (or 15:00 in summer).
    const lisbon = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Lisbon',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(booking.startsAt));
    const newYork = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(booking.startsAt));
    expect(toClient.text).toContain(`Your time (New York time): `);
    expect(toClient.text).toContain(newYork);
    expect(toClient.text).toContain(`At the spa (Lisbon time): `);
    expect(toClient.text).toContain(lisbon);
    expect(toClient.subject).toContain('Swedish 60 with Dana Hands');
    expect(toClient.html).toContain('Unknot Spa');
    expect(toClient.html).toContain('https://spa.unknot.test/#/bookings');
  });

  it('cancels with METHOD:CANCEL, the same UID and a higher SEQUENCE, to both', async () => {
    const client = await makeClient(t, 'Bea Client');
    const booking = await bookAt(client, utcAt(3, 16));
    await smtp.waitFor(() => mailsTo(client.email, /^Booked/).length === 1);
    await cancelBooking(t, client, booking.id, { reason: 'Feeling unwell' }).expect(200);
    await smtp.waitFor(() => mailsTo(client.email, /^Cancelled/).length === 1);
    await smtp.waitFor(() =>
      mailsTo(therapist.email, /^Cancelled/).some((mail) => mail.text.includes('Bea Client')),
    );
    const cancel = eventOf(mailsTo(client.email, /^Cancelled/)[0]);
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      uid: `${booking.id}@unknot`,
      sequence: 1,
      status: 'CANCELLED',
    });
    const toTherapist = mailsTo(therapist.email, /^Cancelled/).find((mail) =>
      mail.text.includes('Bea Client'),
    )!;
    expect(eventOf(toTherapist)).toMatchObject({
      method: 'CANCEL',
      uid: `${booking.id}@unknot`,
      sequence: 1,
    });
    expect(toTherapist.text).toContain('cancelled by the client');
    // The reason stays in the app: it is the client's own words, perhaps about their health.
    for (const mail of [...mailsTo(client.email), toTherapist]) {
      expect(mail.text + mail.html + (mail.calendar ?? '')).not.toContain('Feeling unwell');
    }
  });

  it('writes nothing for a refused booking: of two racing for one time, only the winner is told', async () => {
    const [first, second] = [await makeClient(t, 'Race One'), await makeClient(t, 'Race Two')];
    const startsAt = utcAt(4, 10);
    const answers = await Promise.all(
      [first, second].map((client) =>
        book(t, client, { therapistId: therapist.id, offeringId: offering.id, startsAt }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = answers[0].status === 201 ? first : second;
    const loser = winner === first ? second : first;
    const { rows } = await t.db.query(
      `SELECT recipient_id FROM outbox_messages WHERE payload->>'bookingId' = $1`,
      [answers.find((answer) => answer.status === 201)!.body.id],
    );
    expect(rows.map((row) => row.recipient_id).sort()).toEqual([winner.id, therapist.id].sort());
    const loserRows = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE recipient_id = $1 AND kind LIKE 'booking.%'`,
      [loser.id],
    );
    expect(loserRows.rows[0].n).toBe(0);
    await smtp.waitFor(() => mailsTo(winner.email, /^Booked/).length === 1);
    expect(mailsTo(loser.email, SESSION_MAIL)).toHaveLength(0);
  });

  it('never names a prenatal session or the intake in a message', async () => {
    const prenatal = await makeOffering(t, {
      technique: 'prenatal',
      durationMinutes: 60,
      name: 'Prenatal Calm',
    });
    const certified = await makeTherapist(t, {
      name: 'Pia Calm',
      techniques: ['prenatal'],
      verified: ['massage-license', 'prenatal'],
      yearsExperience: 8,
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t, 'Maya Mother');
    await makeIntake(t, client, PREGNANT);
    const booking = await bookAt(client, utcAt(5, 11), prenatal.id, certified.id);
    await smtp.waitFor(
      () =>
        mailsTo(client.email, /^Booked/).length === 1 &&
        mailsTo(certified.email, /^New session/).length === 1,
    );
    for (const mail of [...mailsTo(client.email), ...mailsTo(certified.email, /^New session/)]) {
      expect(mail.raw).not.toMatch(/prenatal|pregnan|clot|weeks/i);
    }
    expect(mailsTo(client.email, /^Booked/)[0].subject).toContain('Massage session with Pia Calm');
    const { rows } = await t.db.query(
      `SELECT payload::text AS payload FROM outbox_messages WHERE payload->>'bookingId' = $1`,
      [booking.id],
    );
    for (const row of rows) expect(row.payload).not.toMatch(/prenatal|pregnan|clot/i);
  });

  it('tells the therapist when a certification is verified, and the client when a flag is decided', async () => {
    const verifiedTherapist = await makeTherapist(t, {
      name: 'Vera Verified',
      techniques: ['swedish'],
    });
    await smtp.waitFor(() => mailsTo(verifiedTherapist.email, /verified/).length === 1);
    expect(mailsTo(verifiedTherapist.email, /verified/)[0].subject).toBe(
      'Your massage licence is verified',
    );

    const client = await makeClient(t, 'Flo Flagged');
    const intake = await makeIntake(t, client, {
      redFlags: { chestPain: false, radiatingPain: true, fever: false },
    });
    const admin = await loginAdmin(t);
    const flags = await request(t.server)
      .get(`${API}/admin/intake-flags`)
      .set('Authorization', bearer(admin))
      .expect(200);
    const flag = flags.body.items.find(
      (item: { intake: { id: string } }) => item.intake.id === intake.id,
    );
    await request(t.server)
      .post(`${API}/admin/intake-flags/${flag.id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'approve', note: 'Spoke with the client' })
      .expect(200);
    await smtp.waitFor(() => mailsTo(client.email, /reviewed/).length === 1);
    const [mail] = mailsTo(client.email, /reviewed/);
    expect(mail.text).toContain('you can book again');
    expect(mail.raw).not.toMatch(/radiat|Spoke with the client/i);
  });
});

describe('messages the system causes', () => {
  it('a revoked licence tells the therapist, and cancels to the client with METHOD:CANCEL', async () => {
    const revokedTherapist = await makeTherapist(t, {
      name: 'Rex Revoked',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t, 'Sam System');
    const booking = await bookAt(client, utcAt(5, 15), offering.id, revokedTherapist.id);
    await smtp.waitFor(() => mailsTo(client.email, /^Booked/).length === 1);
    const admin = await loginAdmin(t);
    const licences = await request(t.server)
      .get(`${API}/admin/certifications`)
      .query({ status: 'verified', limit: 100 })
      .set('Authorization', bearer(admin))
      .expect(200);
    const licence = licences.body.items.find(
      (item: { therapistId: string }) => item.therapistId === revokedTherapist.id,
    );
    await request(t.server)
      .post(`${API}/admin/certifications/${licence.id}/revoke`)
      .set('Authorization', bearer(admin))
      .send({ reason: 'The board suspended this licence.' })
      .expect(200);
    await smtp.waitFor(() => mailsTo(client.email, /^Cancelled/).length === 1);
    await smtp.waitFor(() => mailsTo(revokedTherapist.email, /withdrawn/).length === 1);
    const cancel = mailsTo(client.email, /^Cancelled/)[0];
    expect(eventOf(cancel)).toMatchObject({
      method: 'CANCEL',
      uid: `${booking.id}@unknot`,
      sequence: 1,
    });
    expect(cancel.text).toContain('cancelled by the spa');
    const withdrawn = mailsTo(revokedTherapist.email, /withdrawn/)[0];
    expect(withdrawn.subject).toBe('Your massage licence was withdrawn');
    expect(withdrawn.text).toContain('The board suspended this licence.');
  });
});

describe('reminders', () => {
  /** The clock reaching the reminder: its job becomes due now (the test does not wait hours). */
  const fastForward = async (bookingId: string) => {
    const { rowCount } = await t.db.query(
      `UPDATE pgboss.job SET start_after = now() WHERE name = 'booking-reminder' AND data->>'bookingId' = $1`,
      [bookingId],
    );
    return rowCount;
  };
  const remindersOf = async (bookingId: string) =>
    (
      await t.db.query(
        `SELECT status FROM outbox_messages WHERE kind = 'booking.reminder' AND payload->>'bookingId' = $1`,
        [bookingId],
      )
    ).rows;

  it('is scheduled REMINDER_LEAD_MINUTES before the start and sent once when due', async () => {
    const client = await makeClient(t, 'Rita Reminded');
    const booking = await bookAt(client, utcAt(6, 9));
    const { rows } = await t.db.query(
      `SELECT start_after FROM pgboss.job WHERE name = 'booking-reminder' AND data->>'bookingId' = $1`,
      [booking.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].start_after.getTime()).toBe(
      Date.parse(booking.startsAt) - LEAD_MINUTES * 60_000,
    );
    expect(await fastForward(booking.id)).toBe(1);
    await smtp.waitFor(() => mailsTo(client.email, /^Reminder/).length === 1);
    // A second run of the job (a retry after a crash) does not send it again.
    const { rows: copy } = await t.db.query(
      `INSERT INTO pgboss.job (name, data) SELECT name, data FROM pgboss.job WHERE name = 'booking-reminder' AND data->>'bookingId' = $1
       RETURNING id`,
      [booking.id],
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows: ran } = await t.db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [
        copy[0].id,
      ]);
      if (ran[0].state === 'completed') break;
      if (Date.now() > deadline) throw new Error('The second reminder job did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mailsTo(client.email, /^Reminder/)).toHaveLength(1);
    expect(await remindersOf(booking.id)).toEqual([{ status: 'sent' }]);
  });

  it('is never sent for a cancelled booking, nor to a client who turned reminders off', async () => {
    const cancelling = await makeClient(t, 'Carl Cancels');
    const cancelled = await bookAt(cancelling, utcAt(6, 12));
    await cancelBooking(t, cancelling, cancelled.id).expect(200);
    const quiet = await makeClient(t, 'Quinn Quiet');
    await request(t.server)
      .put(`${API}/me/notifications`)
      .set('Authorization', bearer(quiet))
      .send({ reminders: false })
      .expect(200, { reminders: false, timezone: null });
    const kept = await bookAt(quiet, utcAt(6, 15));
    expect(await fastForward(cancelled.id)).toBe(1);
    expect(await fastForward(kept.id)).toBe(1);
    await t.db.query('SELECT 1');
    // Both jobs ran (completed), and neither wrote a reminder.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'booking-reminder' AND state = 'completed'
            AND data->>'bookingId' = ANY($1)`,
        [[cancelled.id, kept.id]],
      );
      if (rows[0].n === 2) break;
      if (Date.now() > deadline) throw new Error('The reminder jobs did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await remindersOf(cancelled.id)).toEqual([]);
    expect(await remindersOf(kept.id)).toEqual([]);
    expect(mailsTo(cancelling.email, /^Reminder/)).toHaveLength(0);
    expect(mailsTo(quiet.email, /^Reminder/)).toHaveLength(0);
  });

  it('is not scheduled for a booking made later than the lead time', async () => {
    const client = await makeClient(t);
    const booking = await bookAt(client, hoursFromNow(1));
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'booking-reminder' AND data->>'bookingId' = $1`,
      [booking.id],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('preferences and the outbox', () => {
  it('refuses bad preferences plainly', async () => {
    const client = await makeClient(t);
    const missing = await request(t.server)
      .put(`${API}/me/notifications`)
      .set('Authorization', bearer(client))
      .send({})
      .expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    await request(t.server)
      .put(`${API}/me/notifications`)
      .set('Authorization', bearer(client))
      .send({ reminders: true, timezone: 'Lisbon' })
      .expect(400);
    await request(t.server)
      .get(`${API}/me/notifications`)
      .set('Authorization', bearer(client))
      .expect(200, { reminders: true, timezone: null });
  });

  it('shows admins every message with its state, filtered by status and paged', async () => {
    const admin = await loginAdmin(t);
    const client = await makeClient(t, 'Olive Outbox');
    await bookAt(client, utcAt(7, 9));
    await bookAt(client, utcAt(7, 11));
    await smtp.waitFor(() => mailsTo(client.email, /^Booked/).length === 2);
    const sent = await request(t.server)
      .get(`${API}/admin/outbox`)
      .query({ status: 'sent', limit: 2 })
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(sent.body.items).toHaveLength(2);
    expect(
      sent.body.items.every(
        (item: { status: string; sentAt: string | null }) => item.status === 'sent' && item.sentAt,
      ),
    ).toBe(true);
    const next = await request(t.server)
      .get(`${API}/admin/outbox`)
      .query({ status: 'sent', limit: 2, cursor: sent.body.nextCursor })
      .set('Authorization', bearer(admin))
      .expect(200);
    const ids = new Set(
      [...sent.body.items, ...next.body.items].map((item: { id: string }) => item.id),
    );
    expect(ids.size).toBe(sent.body.items.length + next.body.items.length);
    await request(t.server)
      .get(`${API}/admin/outbox`)
      .query({ status: 'lost' })
      .set('Authorization', bearer(admin))
      .expect(400);
    await request(t.server)
      .get(`${API}/admin/outbox`)
      .set('Authorization', bearer(client))
      .expect(403);
  });

  it('says in /health that mail goes out over SMTP', async () => {
    const health = await request(t.server).get('/health').expect(200);
    expect(health.body.mail).toBe('smtp');
  });
});
