import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
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
import {
  BOOKINGS_PER_ROUND,
  fireTogether,
  gateViolations,
  staggered,
  RACE_ROUNDS,
} from '../support/gate-invariants.js';

/**
 * Changes to what a booking rests on — the offering, the therapist's techniques and certificates —
 * fired at the same moment as 20 bookings, round after round. Whatever the interleaving, one side
 * wins whole: afterwards no live booking is one the gate would refuse (checked by SQL), and no
 * request answered 5xx.
 */
let t: TestApp;
let admin: Account;
let clients: Account[];
let swedish: { id: string };
let deepTissue: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAdmin(t);
  swedish = await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
  deepTissue = await makeOffering(t, { technique: 'deep-tissue', name: 'Deep 60' });
  clients = [];
  for (let i = 0; i < BOOKINGS_PER_ROUND; i++) clients.push(await makeClient(t, `Client ${i}`));
}, 60_000);
afterAll(() => t.close());

/** Twenty starts that do not overlap, buffers included (two days, every two hours). */
const slotFor = (i: number) => utcAt(3 + Math.floor(i / 10), (i % 10) * 2);

const bookingsOf = (therapist: Account, offeringId: string) =>
  clients.map(
    (client, i) => () =>
      book(t, client, { therapistId: therapist.id, offeringId, startsAt: slotFor(i) }),
  );

const liveBookings = async (column: 'offering_id' | 'therapist_id', id: string) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE ${column} = $1 AND status = 'confirmed'`,
      [id],
    )
  ).rows[0].n as number;

it(`archiving or deleting an offering: ${RACE_ROUNDS} rounds against ${BOOKINGS_PER_ROUND} bookings`, async () => {
  const outcomes: string[] = [];
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    // Never booked before: without the lock, DELETE removed it under a booking in flight (500).
    const offering = await makeOffering(t, { technique: 'swedish', name: `Round ${round}` });
    const answers = await fireTogether([
      staggered(round, () =>
        request(t.server)
          .delete(`${API}/offerings/${offering.id}`)
          .set('Authorization', bearer(admin)),
      ),
      ...bookingsOf(therapist, offering.id),
    ]);
    const booked = answers.slice(1).filter((a) => a.status === 201).length;
    expect(answers[0].status).toBe(204);
    expect(answers.slice(1).every((a) => a.status === 201 || a.code === 'OFFERING_NOT_FOUND')).toBe(
      true,
    );
    const { rows } = await t.db.query(`SELECT archived_at FROM offerings WHERE id = $1`, [
      offering.id,
    ]);
    // Deleted when no booking got in; archived (history kept) when one did.
    expect(rows.length === 0).toBe(booked === 0);
    if (booked > 0) expect(rows[0].archived_at).not.toBeNull();
    expect(await liveBookings('offering_id', offering.id)).toBe(booked);
    outcomes.push(`${booked} booked`);
  }
  console.info(`archive races: ${outcomes.join(', ')}`);
  expect(await gateViolations(t.db)).toEqual([]);
});

it(`dropping a technique: ${RACE_ROUNDS} rounds against ${BOOKINGS_PER_ROUND} bookings of it`, async () => {
  let dropped = 0;
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const therapist = await makeTherapist(t, {
      techniques: ['swedish', 'deep-tissue'],
      weekly: ALL_WEEK,
    });
    const answers = await fireTogether([
      staggered(round, () =>
        request(t.server)
          .put(`${API}/therapists/me`)
          .set('Authorization', bearer(therapist))
          .send({
            bio: 'Now Swedish only.',
            yearsExperience: 5,
            timezone: 'UTC',
            techniques: ['swedish'],
          }),
      ),
      ...bookingsOf(therapist, deepTissue.id),
    ]);
    const booked = answers.slice(1).filter((a) => a.status === 201).length;
    if (answers[0].status === 200) {
      dropped++;
      expect(booked).toBe(0);
    } else {
      expect(answers[0].code).toBe('TECHNIQUE_IN_USE');
      expect(booked).toBeGreaterThan(0);
    }
    expect(await liveBookings('therapist_id', therapist.id)).toBe(booked);
  }
  console.info(`technique races: dropped in ${dropped} of ${RACE_ROUNDS} rounds`);
  expect(await gateViolations(t.db)).toEqual([]);
});

it(`revoking a licence: ${RACE_ROUNDS} rounds against ${BOOKINGS_PER_ROUND} bookings`, async () => {
  let kept = 0;
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const [licence] = (
      await t.db.query(`SELECT id FROM certifications WHERE therapist_id = $1`, [therapist.id])
    ).rows;
    const answers = await fireTogether([
      staggered(round, () =>
        request(t.server)
          .post(`${API}/admin/certifications/${licence.id}/revoke`)
          .set('Authorization', bearer(admin))
          .send({ reason: 'Suspended by the board.' }),
      ),
      ...bookingsOf(therapist, swedish.id),
    ]);
    expect(answers[0].status).toBe(200);
    expect(
      answers.slice(1).every((a) => a.status === 201 || a.code === 'THERAPIST_NOT_QUALIFIED'),
    ).toBe(true);
    // Bookings that won were cancelled by the revocation, by the system.
    kept += await liveBookings('therapist_id', therapist.id);
  }
  console.info(`revocation races: ${kept} bookings left live`);
  expect(kept).toBe(0);
  expect(await gateViolations(t.db)).toEqual([]);
});

it(`editing an offering while it is archived: ${RACE_ROUNDS} rounds, never revived`, async () => {
  const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const offering = await makeOffering(t, { technique: 'swedish', name: `Edited ${round}` });
    await book(t, clients[round % clients.length], {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: utcAt(8 + Math.floor(round / 10), (round % 10) * 2),
    }).expect(201);
    await fireTogether([
      staggered(round, () =>
        request(t.server)
          .delete(`${API}/offerings/${offering.id}`)
          .set('Authorization', bearer(admin)),
      ),
      ...Array.from(
        { length: 10 },
        (_, i) => () =>
          request(t.server)
            .patch(`${API}/offerings/${offering.id}`)
            .set('Authorization', bearer(admin))
            .send({ priceCents: 9000 + i }),
      ),
    ]);
    const { rows } = await t.db.query(`SELECT archived_at FROM offerings WHERE id = $1`, [
      offering.id,
    ]);
    expect(rows[0].archived_at).not.toBeNull();
  }
});

describe('a change to what a booking rests on, while that booking is in flight', () => {
  /**
   * Holds the client's screening lock from the test's own connection, so a booking stops between
   * reading what it rests on and writing itself; then the change is made, and the lock released.
   */
  async function withBookingInFlight(
    client: Account,
    send: () => PromiseLike<{ status: number; body: { code?: string } }>,
    change: () => PromiseLike<{ status: number; body: { code?: string } }>,
  ) {
    const holder = await t.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `screening:${client.id}`,
      ]);
      const booking = Promise.resolve(send());
      await waitForAdvisoryWaiter();
      const order: string[] = [];
      const changed = Promise.resolve(change()).then((answer) => {
        order.push('change');
        return answer;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('COMMIT');
      const booked = await booking.then((answer) => {
        order.push('booking');
        return answer;
      });
      return { booked, changed: await changed, order };
    } finally {
      holder.release();
    }
  }

  async function waitForAdvisoryWaiter() {
    for (let i = 0; i < 200; i++) {
      const { rows } = await t.db.query(
        // pg_locks is the whole server's: only this file's database counts.
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the booking never reached the screening lock');
  }

  it('an offering deleted under it waits and is archived instead: never a 500', async () => {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const offering = await makeOffering(t, { technique: 'swedish', name: 'In flight' });
    const { booked, changed, order } = await withBookingInFlight(
      clients[0],
      () =>
        book(t, clients[0], {
          therapistId: therapist.id,
          offeringId: offering.id,
          startsAt: utcAt(6, 9),
        }),
      () =>
        request(t.server)
          .delete(`${API}/offerings/${offering.id}`)
          .set('Authorization', bearer(admin)),
    );
    expect(booked.status).toBe(201);
    expect(changed.status).toBe(204);
    expect(order).toEqual(['booking', 'change']);
    const { rows } = await t.db.query(`SELECT archived_at FROM offerings WHERE id = $1`, [
      offering.id,
    ]);
    expect(rows[0].archived_at).not.toBeNull();
  });

  it('time off added under it waits, then lists the booking as a conflict', async () => {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const startsAt = utcAt(6, 12);
    const { booked, changed, order } = await withBookingInFlight(
      clients[1],
      () => book(t, clients[1], { therapistId: therapist.id, offeringId: swedish.id, startsAt }),
      () =>
        request(t.server)
          .post(`${API}/therapists/me/time-off`)
          .set('Authorization', bearer(therapist))
          .send({ startsAt: utcAt(6, 0), endsAt: utcAt(7, 0), reason: 'Sick' }),
    );
    expect(booked.status).toBe(201);
    expect(changed.status).toBe(201);
    expect(order).toEqual(['booking', 'change']);
    expect(
      (
        changed.body as unknown as { conflictingBookings: { id: string }[] }
      ).conflictingBookings.map((b) => b.id),
    ).toEqual([(booked.body as unknown as { id: string }).id]);
  });
});
