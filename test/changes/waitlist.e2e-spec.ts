import { request } from '../support/api-request.js';
import {
  Account,
  API,
  bearer,
  book,
  cancelBooking,
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
import { gateViolations } from '../support/gate-invariants.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp, RunningApp, TestApp } from '../support/test-app.js';

let smtp: SmtpCatcher;
let t: TestApp;
let swedish: Awaited<ReturnType<typeof makeOffering>>;
let deep: Awaited<ReturnType<typeof makeOffering>>;
let day = 3;
const nextDay = () => day++;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({ SMTP_URL: smtp.url, JOB_POLL_SECONDS: '1' });
  swedish = await makeOffering(t, { technique: 'swedish', durationMinutes: 60, bufferMinutes: 0 });
  deep = await makeOffering(t, {
    technique: 'deep-tissue',
    name: 'Deep tissue, 60 min',
    durationMinutes: 60,
    bufferMinutes: 0,
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/**
 * A therapist with one hour a day (10:00–11:00 UTC): a day holds one session. New hours are
 * time come free, looked at by the waitlist: that is done before anyone joins.
 */
async function oneHourTherapist(name: string): Promise<Account> {
  const therapist = await makeTherapist(t, {
    name,
    techniques: ['swedish', 'deep-tissue'],
    weekly: everyDay('10:00', '11:00'),
  });
  await settled();
  return therapist;
}

interface Entry {
  id: string;
  offer: { id: string; therapistId: string; startsAt: string; endsAt: string } | null;
}

const join = (
  client: Account,
  body: { offeringId: string; therapistId?: string; from: string; to: string },
) => request(t.server).post(`${API}/waitlist`).set('Authorization', bearer(client)).send(body);

const entriesOf = async (client: Account): Promise<Entry[]> =>
  (await request(t.server).get(`${API}/waitlist`).set('Authorization', bearer(client)).expect(200))
    .body.items;

/** Waits for the client's offer (the freed-time job runs within a poll or two). */
async function offerOf(client: Account): Promise<NonNullable<Entry['offer']>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const offer = (await entriesOf(client)).find((entry) => entry.offer)?.offer;
    if (offer) return offer;
    if (Date.now() > deadline) throw new Error('no offer came');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Waits until no freed-time job is left to run, so "no offer" means none will come. */
async function settled(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE name IN ('waitlist-freed-time', 'waitlist-offer-expiry') AND state IN ('created', 'retry', 'active')
          AND start_after <= now()`,
    );
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error('the waitlist jobs did not settle');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const openOffersOf = async (therapistId: string) =>
  (
    await t.db.query(
      `SELECT id, entry_id, status FROM waitlist_offers WHERE therapist_id = $1 ORDER BY created_at`,
      [therapistId],
    )
  ).rows;

async function bookAndCancel(therapist: Account, startsAt: string, offeringId = swedish.id) {
  const someone = await makeClient(t);
  const booked = await book(t, someone, { therapistId: therapist.id, offeringId, startsAt }).expect(
    201,
  );
  await cancelBooking(t, someone, booked.body.id).expect(200);
}

describe('joining and leaving', () => {
  it('lists an entry with no offer, refuses bad windows and strangers, and leaves', async () => {
    const client = await makeClient(t);
    const therapist = await oneHourTherapist('Jo Join');
    const d = nextDay();
    const joined = await join(client, {
      offeringId: swedish.id,
      therapistId: therapist.id,
      from: utcAt(d, 0),
      to: utcAt(d + 1, 0),
    }).expect(201);
    expect(joined.body).toMatchObject({
      offeringId: swedish.id,
      therapistId: therapist.id,
      from: utcAt(d, 0),
      to: utcAt(d + 1, 0),
      offer: null,
    });
    expect((await entriesOf(client)).map((entry) => entry.id)).toEqual([joined.body.id]);
    const backwards = await join(client, {
      offeringId: swedish.id,
      from: utcAt(d + 1, 0),
      to: utcAt(d, 0),
    }).expect(400);
    expect(backwards.body.errors[0].field).toBe('to');
    await join(client, {
      offeringId: '00000000-0000-4000-8000-000000000000',
      from: utcAt(d, 0),
      to: utcAt(d, 5),
    }).expect(404);
    const stranger = await makeClient(t);
    await request(t.server)
      .delete(`${API}/waitlist/${joined.body.id}`)
      .set('Authorization', bearer(stranger))
      .expect(404);
    await request(t.server)
      .delete(`${API}/waitlist/${joined.body.id}`)
      .set('Authorization', bearer(client))
      .expect(204);
    expect(await entriesOf(client)).toEqual([]);
  });
});

describe('a freed time', () => {
  let therapist: Account;
  let d: number;
  let blocked: Account;
  let pregnant: Account;
  let first: Account;
  let second: Account;
  let offer: NonNullable<Entry['offer']>;

  beforeAll(async () => {
    therapist = await oneHourTherapist('Wanda Wait');
    d = nextDay();
    const window = { therapistId: therapist.id, from: utcAt(d, 0), to: utcAt(d + 1, 0) };
    blocked = await makeClient(t, 'Bea Blocked');
    await makeIntake(t, blocked, {
      redFlags: { chestPain: true, radiatingPain: false, fever: false },
    });
    pregnant = await makeClient(t, 'Pia Pregnant');
    await makeIntake(t, pregnant, PREGNANT);
    first = await makeClient(t, 'Fay First');
    second = await makeClient(t, 'Sam Second');
    // Longest waiting first: the blocked client, then the pregnant one (for deep tissue), then two who may book.
    await join(blocked, { offeringId: swedish.id, ...window }).expect(201);
    await join(pregnant, { offeringId: deep.id, ...window }).expect(201);
    await join(first, { offeringId: swedish.id, ...window }).expect(201);
    await join(second, { offeringId: swedish.id, ...window }).expect(201);
    await bookAndCancel(therapist, utcAt(d, 10));
    offer = await offerOf(first);
    await settled();
  });

  it('is offered once, to the longest-waiting client who may book it; the ineligible are skipped', async () => {
    expect(offer).toMatchObject({
      therapistId: therapist.id,
      startsAt: utcAt(d, 10),
      endsAt: utcAt(d, 11),
    });
    for (const other of [blocked, pregnant, second]) {
      expect((await entriesOf(other))[0].offer).toBeNull();
    }
    expect(await openOffersOf(therapist.id)).toEqual([
      expect.objectContaining({ id: offer.id, status: 'open' }),
    ]);
    expect(await gateViolations(t.db)).toEqual([]);
    const mail = await smtp.waitFor((mails) =>
      mails.some(
        (m) => m.to === first.email.toLowerCase() && m.subject.startsWith('A time opened up'),
      ),
    );
    const offerMail = mail.find(
      (m) => m.to === first.email.toLowerCase() && m.subject.startsWith('A time opened up'),
    )!;
    expect(offerMail.text).toContain(`#/waitlist?offer=${offer.id}`);
    expect(offerMail.text).toContain('held for you until');
  });

  it('is held: /slots hides it and 20 concurrent bookings of it by others are all refused', async () => {
    const slots = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: swedish.id, from: utcAt(d, 0), to: utcAt(d + 1, 0) })
      .expect(200);
    expect(slots.body.slots).toEqual([]);
    const others = await Promise.all(Array.from({ length: 20 }, () => makeClient(t)));
    const answers = await Promise.all(
      others.map((other) =>
        book(t, other, {
          therapistId: therapist.id,
          offeringId: swedish.id,
          startsAt: utcAt(d, 10),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(409));
    expect(new Set(answers.map((answer) => answer.body.code))).toEqual(new Set(['SLOT_TAKEN']));
    const { rows } = await t.db.query(
      `SELECT status FROM bookings WHERE therapist_id = $1 AND starts_at = $2
          AND status NOT IN ('cancelled', 'rescheduled')`,
      [therapist.id, utcAt(d, 10)],
    );
    expect(rows).toEqual([{ status: 'held' }]);
  });

  it('refuses the claim when the client may no longer book it, and keeps the hold', async () => {
    await makeIntake(t, first, {
      redFlags: { chestPain: false, radiatingPain: false, fever: true },
    });
    const refused = await request(t.server)
      .post(`${API}/waitlist/offers/${offer.id}/claim`)
      .set('Authorization', bearer(first))
      .expect(422);
    expect(refused.body.code).toBe('INTAKE_BLOCKED');
    expect((await openOffersOf(therapist.id))[0].status).toBe('open');
    // Her doctor cleared her: a new check-in, and the spa's clinician confirms the clearance.
    const cleared = await makeIntake(t, first);
    const admin = await loginAdmin(t);
    await request(t.server)
      .post(`${API}/admin/intake-flags/${cleared.flags[0].id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'approve', note: 'Cleared by her doctor' })
      .expect(200);
  });

  it('is booked when claimed, under every booking rule, and the entry is done', async () => {
    await request(t.server)
      .post(`${API}/waitlist/offers/${offer.id}/claim`)
      .set('Authorization', bearer(second))
      .expect(404);
    const claimed = await request(t.server)
      .post(`${API}/waitlist/offers/${offer.id}/claim`)
      .set('Authorization', bearer(first))
      .expect(201);
    expect(claimed.body).toMatchObject({
      status: 'confirmed',
      therapistId: therapist.id,
      startsAt: utcAt(d, 10),
      clientId: first.id,
    });
    expect(await entriesOf(first)).toEqual([]);
    // A retry whose first answer was lost gets the booking it made, not a second one.
    const again = await request(t.server)
      .post(`${API}/waitlist/offers/${offer.id}/claim`)
      .set('Authorization', bearer(first))
      .expect(201);
    expect(again.body.id).toBe(claimed.body.id);
    const declineAfter = await request(t.server)
      .post(`${API}/waitlist/offers/${offer.id}/decline`)
      .set('Authorization', bearer(first))
      .expect(409);
    expect(declineAfter.body.code).toBe('OFFER_NOT_OPEN');
    await smtp.waitFor((mails) =>
      mails.some((m) => m.to === first.email.toLowerCase() && m.subject.startsWith('Booked')),
    );
    expect(await overlappingPairs(t)).toBe(0);
    expect(await gateViolations(t.db)).toEqual([]);
  });
});

describe('passing an offer on', () => {
  it('gives a declined time to the next entry, and never the same time to the one who declined', async () => {
    const therapist = await oneHourTherapist('Dora Decline');
    const d = nextDay();
    const window = { therapistId: therapist.id, from: utcAt(d, 0), to: utcAt(d + 1, 0) };
    const [a, b] = [await makeClient(t, 'Ann A'), await makeClient(t, 'Ben B')];
    await join(a, { offeringId: swedish.id, ...window }).expect(201);
    await join(b, { offeringId: swedish.id, ...window }).expect(201);
    await bookAndCancel(therapist, utcAt(d, 10));
    const toA = await offerOf(a);
    await request(t.server)
      .post(`${API}/waitlist/offers/${toA.id}/decline`)
      .set('Authorization', bearer(a))
      .expect(204);
    const toB = await offerOf(b);
    expect(toB.startsAt).toBe(toA.startsAt);
    await request(t.server)
      .post(`${API}/waitlist/offers/${toB.id}/decline`)
      .set('Authorization', bearer(b))
      .expect(204);
    await settled();
    expect((await entriesOf(a))[0].offer).toBeNull();
    expect((await openOffersOf(therapist.id)).map((row) => row.status)).toEqual([
      'declined',
      'declined',
    ]);
  });

  it('passes a lapsed hold to the next entry once, though every instance runs the expiry', async () => {
    const therapist = await oneHourTherapist('Ella Expiry');
    const d = nextDay();
    const window = { therapistId: therapist.id, from: utcAt(d, 0), to: utcAt(d + 1, 0) };
    const [a, b, c] = [await makeClient(t), await makeClient(t), await makeClient(t)];
    for (const client of [a, b, c])
      await join(client, { offeringId: swedish.id, ...window }).expect(201);
    const secondInstance: RunningApp = await t.startAnotherInstance();
    try {
      await bookAndCancel(therapist, utcAt(d, 10));
      const toA = await offerOf(a);
      // The hold lapses: its expiry job is due now, on both instances, twice over.
      await t.db.query(
        `UPDATE waitlist_offers SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [toA.id],
      );
      await t.db.query(
        `INSERT INTO pgboss.job (name, data)
         SELECT 'waitlist-offer-expiry', jsonb_build_object('offerId', $1::text) FROM generate_series(1, 4)`,
        [toA.id],
      );
      const toB = await offerOf(b);
      await settled();
      expect(toB.startsAt).toBe(toA.startsAt);
      expect((await entriesOf(c))[0].offer).toBeNull();
      expect((await openOffersOf(therapist.id)).map((row) => row.status)).toEqual([
        'expired',
        'open',
      ]);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS holds FROM bookings WHERE therapist_id = $1 AND status = 'held'`,
        [therapist.id],
      );
      expect(rows[0].holds).toBe(1);
    } finally {
      await secondInstance.stop();
    }
  });
});

describe('claiming and leaving at once', () => {
  it('one of them happens, in full, and never a 500 (5 rounds)', async () => {
    const therapist = await oneHourTherapist('Lea Leave');
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const d = nextDay();
      const client = await makeClient(t);
      const entry = await join(client, {
        offeringId: swedish.id,
        therapistId: therapist.id,
        from: utcAt(d, 0),
        to: utcAt(d + 1, 0),
      }).expect(201);
      await bookAndCancel(therapist, utcAt(d, 10));
      const offer = await offerOf(client);
      const [claim, leave] = await Promise.all([
        request(t.server)
          .post(`${API}/waitlist/offers/${offer.id}/claim`)
          .set('Authorization', bearer(client)),
        request(t.server)
          .delete(`${API}/waitlist/${entry.body.id}`)
          .set('Authorization', bearer(client)),
      ]);
      outcomes.push(`${claim.status}/${leave.status}`);
      expect([201, 404, 409]).toContain(claim.status);
      expect(leave.status).toBe(204);
      const { rows } = await t.db.query(
        `SELECT status FROM bookings WHERE therapist_id = $1 AND starts_at = $2
            AND status NOT IN ('cancelled', 'rescheduled')`,
        [therapist.id, utcAt(d, 10)],
      );
      // Claimed: a booking stays; left first: the hold went with the entry and nothing holds it.
      expect(rows.map((row) => row.status)).toEqual(claim.status === 201 ? ['confirmed'] : []);
    }
    console.info(`claim/leave races: ${outcomes.join(', ')}`);
    await settled();
  }, 60_000);
});

describe('other ways time comes free', () => {
  it('time off removed, and hours widened, are offered to the waitlist', async () => {
    const therapist = await oneHourTherapist('Tom Timeoff');
    const d = nextDay();
    const offClient = await makeClient(t);
    const hoursClient = await makeClient(t);
    const off = await request(t.server)
      .post(`${API}/therapists/me/time-off`)
      .set('Authorization', bearer(therapist))
      .send({ startsAt: utcAt(d, 0), endsAt: utcAt(d + 1, 0) })
      .expect(201);
    await join(offClient, {
      offeringId: swedish.id,
      therapistId: therapist.id,
      from: utcAt(d, 0),
      to: utcAt(d + 1, 0),
    }).expect(201);
    // An evening the therapist does not work yet.
    await join(hoursClient, {
      offeringId: swedish.id,
      therapistId: therapist.id,
      from: utcAt(d + 1, 18),
      to: utcAt(d + 1, 20),
    }).expect(201);
    await settled();
    expect((await entriesOf(offClient))[0].offer).toBeNull();

    await request(t.server)
      .delete(`${API}/therapists/me/time-off/${off.body.id}`)
      .set('Authorization', bearer(therapist))
      .expect(204);
    expect((await offerOf(offClient)).startsAt).toBe(utcAt(d, 10));

    await request(t.server)
      .put(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .send({ weekly: everyDay('10:00', '20:00') })
      .expect(200);
    expect((await offerOf(hoursClient)).startsAt).toBe(utcAt(d + 1, 18));
  });
});
