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
  makeIntake,
  makeOffering,
  makeTherapist,
  NO_CLOTS,
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
 * Changes to the client's screening, and the therapist's time off, fired at the same moment as 20
 * bookings, round after round; afterwards the SQL oracle finds no live booking the gate forbids.
 */
let t: TestApp;
let admin: Account;
let swedish: { id: string };
let prenatal: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAdmin(t);
  swedish = await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
  prenatal = await makeOffering(t, { technique: 'prenatal', name: 'Prenatal 60' });
});
afterAll(() => t.close());

const slotFor = (i: number) => utcAt(3 + Math.floor(i / 10), (i % 10) * 2);
const CLOT_RISK = {
  pregnancy: { pregnant: true, weeks: 24 },
  clotScreening: { ...NO_CLOTS, legSwellingOrPain: true },
};

const bookingsBy = (client: Account, therapist: Account, offeringId: string) =>
  Array.from(
    { length: BOOKINGS_PER_ROUND },
    (_, i) => () =>
      book(t, client, { therapistId: therapist.id, offeringId, startsAt: slotFor(i) }),
  );

it(`a blocking intake: ${RACE_ROUNDS} rounds against ${BOOKINGS_PER_ROUND} bookings of the client`, async () => {
  let cancelledBySystem = 0;
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(t);
    await makeIntake(t, client);
    await fireTogether([
      staggered(round, () =>
        request(t.server)
          .post(`${API}/intakes`)
          .set('Authorization', bearer(client))
          .send({ redFlags: { chestPain: true, radiatingPain: false, fever: false } }),
      ),
      ...bookingsBy(client, therapist, swedish.id),
    ]);
    const { rows } = await t.db.query(
      `SELECT status, canceller_role FROM bookings WHERE client_id = $1`,
      [client.id],
    );
    expect(rows.every((row) => row.status === 'cancelled' && row.canceller_role === 'system')).toBe(
      true,
    );
    cancelledBySystem += rows.length;
  }
  console.info(
    `blocking-intake races: ${cancelledBySystem} bookings won, all cancelled by the system`,
  );
  expect(await gateViolations(t.db)).toEqual([]);
});

it(`a clot-risk decision: ${RACE_ROUNDS} rounds against ${BOOKINGS_PER_ROUND} prenatal bookings`, async () => {
  const outcomes: Record<string, number> = { approve: 0, reject: 0 };
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const decision = round % 2 === 0 ? 'approve' : 'reject';
    const therapist = await makeTherapist(t, {
      techniques: ['prenatal', 'swedish'],
      verified: ['massage-license', 'prenatal'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, CLOT_RISK);
    const flag = intake.flags.find((f: { code: string }) => f.code === 'CLOT_RISK');
    const answers = await fireTogether([
      staggered(round, () =>
        request(t.server)
          .post(`${API}/admin/intake-flags/${flag.id}/resolve`)
          .set('Authorization', bearer(admin))
          .send({ decision, note: 'Reviewed with the client’s midwife.' }),
      ),
      ...bookingsBy(client, therapist, prenatal.id),
    ]);
    expect(answers[0].status).toBe(200);
    const booked = answers.slice(1).filter((a) => a.status === 201).length;
    if (decision === 'reject') expect(booked).toBe(0);
    expect(
      answers.slice(1).every((a) => a.status === 201 || a.code === 'CLOT_REVIEW_PENDING'),
    ).toBe(true);
    outcomes[decision] += booked;
  }
  console.info(
    `clot-decision races: ${outcomes.approve} bookings after approvals, ${outcomes.reject} after rejections`,
  );
  expect(await gateViolations(t.db)).toEqual([]);
});

it(`time off: ${RACE_ROUNDS} rounds against ${BOOKINGS_PER_ROUND} bookings inside it`, async () => {
  let kept = 0;
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(t);
    const [timeOff] = await Promise.all([
      request(t.server)
        .post(`${API}/therapists/me/time-off`)
        .set('Authorization', bearer(therapist))
        .send({ startsAt: utcAt(3, 0), endsAt: utcAt(5, 0), reason: 'Away' }),
      ...bookingsBy(client, therapist, swedish.id).map((send) => send()),
    ]);
    expect(timeOff.status).toBe(201);
    // Every booking that won sits inside the time off, and the time-off answer names it.
    const { rows } = await t.db.query(
      `SELECT id FROM bookings WHERE therapist_id = $1 AND status = 'confirmed' ORDER BY starts_at`,
      [therapist.id],
    );
    expect(timeOff.body.conflictingBookings.map((b: { id: string }) => b.id)).toEqual(
      rows.map((row) => row.id),
    );
    kept += rows.length;
  }
  console.info(`time-off races: ${kept} bookings kept, each listed in conflictingBookings`);
  expect(await gateViolations(t.db)).toEqual([]);
});

it('a new intake while bookings of another kind are in flight leaves no pregnant deep tissue', async () => {
  const deep = await makeOffering(t, { technique: 'deep-tissue', name: 'Deep 60' });
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const therapist = await makeTherapist(t, {
      techniques: ['deep-tissue'],
      verified: ['massage-license', 'prenatal'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t);
    await makeIntake(t, client);
    await fireTogether([
      staggered(round, () =>
        request(t.server)
          .post(`${API}/intakes`)
          .set('Authorization', bearer(client))
          .send(intakeBody({ pregnancy: { pregnant: true, weeks: 12 }, clotScreening: NO_CLOTS })),
      ),
      ...bookingsBy(client, therapist, deep.id),
    ]);
  }
  expect(await gateViolations(t.db)).toEqual([]);
});
