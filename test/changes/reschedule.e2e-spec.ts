import ICAL from 'ical.js';
import { request } from '../support/api-request.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  everyDay,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  overlappingPairs,
  PREGNANT,
  utcAt,
} from '../support/factories.js';
import { RACE_ROUNDS } from '../support/gate-invariants.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let smtp: SmtpCatcher;
let t: TestApp;
let swedish: Awaited<ReturnType<typeof makeOffering>>;
let therapist: Account;
let day = 2;
/** A fresh day (UTC) for each test: tests never share a therapist's time. */
const nextDay = () => day++;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({
    SMTP_URL: smtp.url,
    JOB_POLL_SECONDS: '1',
    CANCELLATION_NOTICE_HOURS: '30',
  });
  swedish = await makeOffering(t, { technique: 'swedish', durationMinutes: 60, bufferMinutes: 0 });
  therapist = await makeTherapist(t, {
    name: 'Rita Moves',
    techniques: ['swedish', 'deep-tissue'],
    verified: ['massage-license', 'prenatal'],
    weekly: everyDay('08:00', '20:00'),
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const reschedule = (
  caller: Account,
  id: string,
  body: { startsAt: string; therapistId?: string; offeringId?: string },
  key?: string,
) => {
  const call = request(t.server)
    .post(`${API}/bookings/${id}/reschedule`)
    .set('Authorization', bearer(caller));
  if (key) call.set('Idempotency-Key', key);
  return call.send(body);
};

async function booked(client: Account, startsAt: string) {
  const response = await book(t, client, {
    therapistId: therapist.id,
    offeringId: swedish.id,
    startsAt,
    notes: 'Left shoulder, please',
  }).expect(201);
  return response.body as { id: string; startsAt: string };
}

const rowOf = async (id: string) =>
  (
    await t.db.query(
      `SELECT status, starts_at, rescheduled_to_id, rescheduled_from_id, series_id FROM bookings WHERE id = $1`,
      [id],
    )
  ).rows[0];

const slotsOn = async (from: string, to: string) =>
  (
    await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: swedish.id, from, to })
      .expect(200)
  ).body.slots.map((slot: { startsAt: string }) => slot.startsAt);

it('publishes the policy: notice hours, hold minutes, horizon', async () => {
  const policy = await request(t.server).get(`${API}/policy`).expect(200);
  expect(policy.body).toEqual({
    cancellationNoticeHours: 30,
    waitlistHoldMinutes: 15,
    bookingHorizonDays: 180,
  });
});

describe('moving a booking', () => {
  it('books the new time, marks the old one rescheduled and frees its time, in one step', async () => {
    const client = await makeClient(t, 'Mona Mover');
    const d = nextDay();
    const old = await booked(client, utcAt(d, 10));
    const moved = await reschedule(client, old.id, { startsAt: utcAt(d, 10, 30) }).expect(201);
    expect(moved.body).toMatchObject({
      status: 'confirmed',
      startsAt: utcAt(d, 10, 30),
      rescheduledFromId: old.id,
      rescheduledToId: null,
      notes: 'Left shoulder, please',
      priceCents: swedish.priceCents,
    });
    const before = await request(t.server)
      .get(`${API}/bookings/${old.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(before.body).toMatchObject({ status: 'rescheduled', rescheduledToId: moved.body.id });
    // The old hour is free again, but for the half hour the new session now covers.
    const free = await slotsOn(utcAt(d, 9), utcAt(d, 12));
    expect(free).toContain(utcAt(d, 9));
    expect(free).not.toContain(utcAt(d, 10));
    expect(free).toContain(utcAt(d, 11, 30));
    expect(await overlappingPairs(t)).toBe(0);
  });

  it('moves the calendar event: one UID, a higher SEQUENCE, to both people; the old reminder is replaced', async () => {
    const client = await makeClient(t, 'Cal Endar');
    const d = nextDay();
    const old = await booked(client, utcAt(d, 14));
    const byUid = (mail: CaughtMail) => {
      const event = new ICAL.Component(ICAL.parse(mail.calendar!)).getFirstSubcomponent('vevent')!;
      return {
        method: new ICAL.Component(ICAL.parse(mail.calendar!)).getFirstPropertyValue('method'),
        uid: event.getFirstPropertyValue('uid'),
        sequence: Number(event.getFirstPropertyValue('sequence')),
        start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      };
    };
    const first = await smtp.waitFor((mails) =>
      mails.some((m) => m.to === client.email.toLowerCase() && m.subject.startsWith('Booked')),
    );
    const confirmation = byUid(
      first.find((m) => m.to === client.email.toLowerCase() && m.subject.startsWith('Booked'))!,
    );
    const moved = await reschedule(therapist, old.id, { startsAt: utcAt(d, 16) }).expect(201);
    const mails = await smtp.waitFor(
      (all) =>
        all.some((m) => m.to === client.email.toLowerCase() && m.subject.startsWith('Moved')) &&
        all.some(
          (m) =>
            m.to === therapist.email.toLowerCase() &&
            m.subject.startsWith('Moved') &&
            m.subject.includes('Cal Endar'),
        ),
    );
    const toClient = mails.find(
      (m) => m.to === client.email.toLowerCase() && m.subject.startsWith('Moved'),
    )!;
    expect(byUid(toClient)).toEqual({
      method: 'REQUEST',
      uid: confirmation.uid,
      sequence: confirmation.sequence + 1,
      start: utcAt(d, 16),
    });
    expect(toClient.text).toContain('has a new time');
    const reminders = await t.db.query(
      `SELECT data->>'bookingId' AS booking, start_after FROM pgboss.job
        WHERE name = 'booking-reminder' AND data->>'bookingId' = ANY($1)`,
      [[old.id, moved.body.id]],
    );
    // The old booking's reminder finds it rescheduled and sends nothing; the new one is due a day ahead.
    const next = reminders.rows.find((row) => row.booking === moved.body.id);
    expect(Date.parse(next.start_after)).toBe(Date.parse(utcAt(d, 16)) - 24 * 3_600_000);

    const feed = await request(t.server)
      .get(`${API}/therapists/me/calendar`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    const text = (await request(t.server).get(new URL(feed.body.url).pathname).expect(200)).text;
    const uid = `UID:${confirmation.uid}`;
    expect(text.split(uid)).toHaveLength(2);
    expect(text).not.toContain(`UID:${moved.body.id}@unknot`);
  });

  it('changes nothing when the new time is refused', async () => {
    const client = await makeClient(t);
    const other = await makeClient(t);
    const d = nextDay();
    const old = await booked(client, utcAt(d, 9));
    await booked(other, utcAt(d, 12));
    const before = await rowOf(old.id);
    const taken = await reschedule(client, old.id, { startsAt: utcAt(d, 12) }).expect(409);
    expect(taken.body.code).toBe('SLOT_TAKEN');
    const outside = await reschedule(client, old.id, { startsAt: utcAt(d, 21) }).expect(409);
    expect(outside.body.code).toBe('SLOT_UNAVAILABLE');
    const deep = await makeOffering(t, { technique: 'deep-tissue', name: 'Deep 60' });
    await makeIntake(t, client, PREGNANT);
    const contraindicated = await reschedule(client, old.id, {
      startsAt: utcAt(d, 15),
      offeringId: deep.id,
    }).expect(422);
    expect(contraindicated.body.code).toBe('TECHNIQUE_CONTRAINDICATED');
    expect(await rowOf(old.id)).toEqual(before);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE client_id = $1`,
      [client.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('needs the therapist qualified on the new date', async () => {
    const client = await makeClient(t);
    const d = nextDay();
    const old = await booked(client, utcAt(d, 11));
    const lapsing = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    await t.db.query(
      `UPDATE certifications SET expires_on = (now() + interval '${d + 3} days')::date
        WHERE therapist_id = $1`,
      [lapsing.id],
    );
    const refused = await reschedule(client, old.id, {
      startsAt: utcAt(d + 10, 11),
      therapistId: lapsing.id,
    }).expect(422);
    expect(refused.body.code).toBe('THERAPIST_NOT_QUALIFIED');
    await reschedule(client, old.id, {
      startsAt: utcAt(d + 1, 11),
      therapistId: lapsing.id,
    }).expect(201);
  });

  it('refuses a client inside the notice window; the therapist and the spa may still move it', async () => {
    const client = await makeClient(t);
    const soon = utcAt(1, 12);
    const old = await booked(client, soon);
    const late = await reschedule(client, old.id, { startsAt: utcAt(nextDay(), 12) }).expect(422);
    expect(late.body.code).toBe('TOO_LATE_TO_RESCHEDULE');
    const admin = await loginAdmin(t);
    await reschedule(admin, old.id, { startsAt: utcAt(nextDay(), 12) }).expect(201);
  });

  it('lets a therapist move only their own sessions, and nobody move another client’s', async () => {
    const client = await makeClient(t);
    const stranger = await makeClient(t);
    const colleague = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const d = nextDay();
    const old = await booked(client, utcAt(d, 13));
    const handOff = await reschedule(therapist, old.id, {
      startsAt: utcAt(d, 15),
      therapistId: colleague.id,
    }).expect(403);
    expect(handOff.body.code).toBe('FORBIDDEN');
    await reschedule(stranger, old.id, { startsAt: utcAt(d, 15) }).expect(404);
    await reschedule(colleague, old.id, { startsAt: utcAt(d, 15) }).expect(404);
    const moved = await reschedule(client, old.id, { startsAt: utcAt(d, 15) }).expect(201);
    const again = await reschedule(client, old.id, { startsAt: utcAt(d, 16) }).expect(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
    // The new booking moves like any other: its series carries on.
    const third = await reschedule(client, moved.body.id, { startsAt: utcAt(d, 17) }).expect(201);
    expect((await rowOf(third.body.id)).series_id).toBe(old.id);
  });

  it('makes one new booking for retries with one Idempotency-Key, and refuses the key for another body', async () => {
    const client = await makeClient(t);
    const d = nextDay();
    const old = await booked(client, utcAt(d, 8));
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        reschedule(client, old.id, { startsAt: utcAt(d, 9) }, 'move-1'),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE rescheduled_from_id = $1`,
      [old.id],
    );
    expect(rows[0].n).toBe(1);
    const reused = await reschedule(client, old.id, { startsAt: utcAt(d, 10) }, 'move-1').expect(
      422,
    );
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('races', () => {
  it(`a reschedule into X and a new booking of X: one wins, a lost reschedule leaves the old booking as it was (${RACE_ROUNDS} rounds)`, async () => {
    const mover = await makeClient(t);
    const rival = await makeClient(t);
    let moves = 0;
    let bookings = 0;
    for (let round = 0; round < RACE_ROUNDS; round++) {
      const d = nextDay();
      const old = await booked(mover, utcAt(d, 8));
      const before = await rowOf(old.id);
      const target = utcAt(d, 14);
      const [move, rivalBooking] = await Promise.all([
        reschedule(mover, old.id, { startsAt: target }),
        book(t, rival, { therapistId: therapist.id, offeringId: swedish.id, startsAt: target }),
      ]);
      const winners = [move.status, rivalBooking.status].filter((status) => status === 201);
      expect(winners).toHaveLength(1);
      if (move.status === 201) {
        moves++;
      } else {
        bookings++;
        expect(move.body.code).toBe('SLOT_TAKEN');
        expect(await rowOf(old.id)).toEqual(before);
      }
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM bookings
          WHERE therapist_id = $1 AND starts_at = $2 AND status = 'confirmed'`,
        [therapist.id, target],
      );
      expect(rows[0].n).toBe(1);
    }
    console.info(
      `reschedule races: ${RACE_ROUNDS} rounds, ${moves} moves won, ${bookings} new bookings won, 0 overlaps`,
    );
    expect(await overlappingPairs(t)).toBe(0);
  }, 120_000);
});
