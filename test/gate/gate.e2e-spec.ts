import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  certify,
  intakeBody,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  makeTherapistAccount,
  NO_CLOTS,
  PREGNANT,
  utcAt,
} from '../support/factories.js';

/**
 * The gate holds for the session, whatever the request says (API.md): each describe block is one
 * hole found in the product, and each test failed on the code before it was closed.
 */
let t: TestApp;
let admin: Account;
let swedish: { id: string };
let deepTissue: { id: string };
let prenatal: { id: string };
beforeAll(async () => {
  t = await createTestApp({ JOB_POLL_SECONDS: '1' });
  admin = await loginAdmin(t);
  swedish = await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
  deepTissue = await makeOffering(t, { technique: 'deep-tissue', name: 'Deep 60' });
  prenatal = await makeOffering(t, { technique: 'prenatal', name: 'Prenatal 60' });
});
afterAll(() => t.close());

const DAY_MS = 86_400_000;
const CLOT_RISK = {
  pregnancy: { pregnant: true, weeks: 24 },
  clotScreening: { ...NO_CLOTS, legSwellingOrPain: true },
};
const CHEST_PAIN = { redFlags: { chestPain: true, radiatingPain: false, fever: false } };
const dayAfter = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

const prenatalTherapist = () =>
  makeTherapist(t, {
    techniques: ['swedish', 'deep-tissue', 'prenatal'],
    verified: ['massage-license', 'prenatal'],
    weekly: ALL_WEEK,
  });

const fileIntake = (client: Account, body: object) =>
  request(t.server).post(`${API}/intakes`).set('Authorization', bearer(client)).send(body);

const bookingOf = async (client: Account, id: string) =>
  (
    await request(t.server)
      .get(`${API}/bookings/${id}`)
      .set('Authorization', bearer(client))
      .expect(200)
  ).body;

/** Waits (10 s at most) for a job to cancel the booking; the assertion after it says whether it did. */
async function untilCancelled(client: Account, id: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await bookingOf(client, id)).status === 'cancelled') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Books and expects a 422: answers the refusal's code. */
const refusal = async (client: Account, body: Parameters<typeof book>[2]) =>
  (await book(t, client, body).expect(422)).body.code as string;

const resolveFlag = (flagId: string, decision: 'approve' | 'reject') =>
  request(t.server)
    .post(`${API}/admin/intake-flags/${flagId}/resolve`)
    .set('Authorization', bearer(admin))
    .send({ decision, note: 'Spoke with the client’s doctor.' })
    .expect(200);

describe('1. the gate judges the latest intake, whatever intake the request names', () => {
  it('refuses an older, clear intake once a newer one reports pregnancy and a clot risk', async () => {
    const therapist = await prenatalTherapist();
    const client = await makeClient(t);
    const older = await makeIntake(t, client);
    const newer = await makeIntake(t, client, CLOT_RISK);
    expect(newer.status).toBe('needs-review');
    for (const offering of [deepTissue, prenatal]) {
      expect(
        await refusal(client, {
          therapistId: therapist.id,
          offeringId: offering.id,
          startsAt: utcAt(3, 10),
          intakeId: older.id,
        }),
      ).toBe('INTAKE_SUPERSEDED');
    }
    expect(
      await refusal(client, {
        therapistId: therapist.id,
        offeringId: deepTissue.id,
        startsAt: utcAt(3, 10),
      }),
    ).toBe('TECHNIQUE_CONTRAINDICATED');
    expect(
      await refusal(client, {
        therapistId: therapist.id,
        offeringId: prenatal.id,
        startsAt: utcAt(3, 10),
        intakeId: newer.id,
      }),
    ).toBe('CLOT_REVIEW_PENDING');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE client_id = $1`,
      [client.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('records the latest intake on the booking even when none is named', async () => {
    const therapist = await prenatalTherapist();
    const client = await makeClient(t);
    await makeIntake(t, client);
    const latest = await makeIntake(t, client, PREGNANT);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(3, 12),
    }).expect(201);
    expect(booked.body.intakeId).toBe(latest.id);
    const agenda = await request(t.server)
      .get(`${API}/therapists/me/bookings`)
      .set('Authorization', bearer(therapist))
      .query({ from: utcAt(2, 0), to: utcAt(5, 0) })
      .expect(200);
    expect(agenda.body.find((b: { id: string }) => b.id === booked.body.id).intake.pregnant).toBe(
      true,
    );
  });
});

describe('2. qualifications hold on the session’s date', () => {
  const licensedUntil = async (expiresOn: string) => {
    const therapist = await makeTherapist(t, {
      techniques: ['swedish'],
      verified: [],
      weekly: ALL_WEEK,
    });
    const licenceId = await certify(t, therapist, 'massage-license', expiresOn, admin);
    return { therapist, licenceId };
  };

  it('offers and books no session that ends after the licence expires', async () => {
    const expiresOn = dayAfter(3);
    const { therapist } = await licensedUntil(expiresOn);
    const slots = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: swedish.id, from: utcAt(1, 0), to: utcAt(10, 0) })
      .expect(200);
    const lastValid = Date.parse(`${expiresOn}T00:00:00Z`) + DAY_MS;
    expect(slots.body.slots.length).toBeGreaterThan(0);
    expect(
      slots.body.slots.every((s: { endsAt: string }) => Date.parse(s.endsAt) <= lastValid),
    ).toBe(true);
    const client = await makeClient(t);
    expect(
      await refusal(client, {
        therapistId: therapist.id,
        offeringId: swedish.id,
        startsAt: utcAt(8, 10),
      }),
    ).toBe('THERAPIST_NOT_QUALIFIED');
    await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish.id,
      startsAt: utcAt(2, 10),
    }).expect(201);
  });

  it('ends matches’ next slots with the prenatal certification for a pregnant client', async () => {
    const therapist = await makeTherapist(t, {
      techniques: ['prenatal'],
      verified: ['massage-license'],
      weekly: ALL_WEEK,
    });
    await certify(t, therapist, 'prenatal', dayAfter(2), admin);
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, PREGNANT);
    const matches = await request(t.server)
      .get(`${API}/intakes/${intake.id}/matches`)
      .set('Authorization', bearer(client))
      .query({ from: utcAt(1, 0), to: utcAt(20, 0), limit: 100 })
      .expect(200);
    const mine = matches.body.filter(
      (m: { therapist: { id: string } }) => m.therapist.id === therapist.id,
    );
    const ends = mine.flatMap((m: { nextSlots: { endsAt: string }[] }) =>
      m.nextSlots.map((s) => Date.parse(s.endsAt)),
    );
    expect(
      ends.every((end: number) => end <= Date.parse(`${dayAfter(2)}T00:00:00Z`) + DAY_MS),
    ).toBe(true);
  });

  it('refuses bookings beyond the booking horizon, and /slots does not offer them', async () => {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(t);
    expect(
      await refusal(client, {
        therapistId: therapist.id,
        offeringId: swedish.id,
        startsAt: utcAt(181, 10),
      }),
    ).toBe('BEYOND_BOOKING_HORIZON');
    const slots = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: swedish.id, from: utcAt(178, 0), to: utcAt(183, 0) })
      .expect(200);
    const horizon = Date.now() + 180 * DAY_MS;
    expect(slots.body.slots.length).toBeGreaterThan(0);
    expect(
      slots.body.slots.every(
        (s: { startsAt: string }) => Date.parse(s.startsAt) <= horizon + 60_000,
      ),
    ).toBe(true);
  });

  it('revokes a verified certification, cancelling the sessions it leaves unqualified', async () => {
    const { therapist, licenceId } = await licensedUntil(dayAfter(300));
    const client = await makeClient(t);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish.id,
      startsAt: utcAt(4, 9),
    }).expect(201);
    const revoked = await request(t.server)
      .post(`${API}/admin/certifications/${licenceId}/revoke`)
      .set('Authorization', bearer(admin))
      .send({ reason: 'The board suspended this licence.' })
      .expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', verified: false });
    expect(await bookingOf(client, booked.body.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancellationCode: 'THERAPIST_NOT_QUALIFIED',
    });
    const again = await request(t.server)
      .post(`${API}/admin/certifications/${licenceId}/revoke`)
      .set('Authorization', bearer(admin))
      .send({ reason: 'twice' })
      .expect(409);
    expect(again.body.code).toBe('CERTIFICATION_NOT_VERIFIED');
    const audit = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'certification.revoke' AND subject_id = $1`,
      [licenceId],
    );
    expect(audit.rows[0].n).toBe(1);
    expect(
      await refusal(client, {
        therapistId: therapist.id,
        offeringId: swedish.id,
        startsAt: utcAt(5, 9),
      }),
    ).toBe('THERAPIST_NOT_QUALIFIED');
  });

  it('keeps a session another valid licence still covers when one is revoked', async () => {
    const { therapist, licenceId } = await licensedUntil(dayAfter(300));
    await certify(t, therapist, 'massage-license', dayAfter(200), admin);
    const client = await makeClient(t);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish.id,
      startsAt: utcAt(6, 9),
    }).expect(201);
    await request(t.server)
      .post(`${API}/admin/certifications/${licenceId}/revoke`)
      .set('Authorization', bearer(admin))
      .send({ reason: 'Duplicate record.' })
      .expect(200);
    expect((await bookingOf(client, booked.body.id)).status).toBe('confirmed');
  });
});

describe('3. a new intake re-screens upcoming bookings in its own transaction', () => {
  it('cancels every upcoming booking when the client reports chest pain, saying why', async () => {
    const therapist = await prenatalTherapist();
    const client = await makeClient(t);
    await makeIntake(t, client);
    const ids: string[] = [];
    for (const [offering, hour] of [
      [swedish, 9],
      [deepTissue, 12],
    ] as const) {
      const booked = await book(t, client, {
        therapistId: therapist.id,
        offeringId: offering.id,
        startsAt: utcAt(5, hour),
      }).expect(201);
      ids.push(booked.body.id);
    }
    const blocked = await fileIntake(client, CHEST_PAIN).expect(201);
    expect(blocked.body.status).toBe('blocked');
    expect(
      blocked.body.affectedBookings.map((b: { id: string; cancellationCode: string }) => [
        b.id,
        b.cancellationCode,
      ]),
    ).toEqual(ids.map((id) => [id, 'INTAKE_BLOCKED']));
    for (const id of ids) {
      expect(await bookingOf(client, id)).toMatchObject({
        status: 'cancelled',
        cancelledBy: 'system',
        cancellationCode: 'INTAKE_BLOCKED',
      });
    }
  });

  it('cancels deep tissue and sessions with therapists not certified for pregnancy', async () => {
    const certified = await prenatalTherapist();
    const uncertified = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(t);
    await makeIntake(t, client);
    const deep = await book(t, client, {
      therapistId: certified.id,
      offeringId: deepTissue.id,
      startsAt: utcAt(6, 9),
    }).expect(201);
    const kept = await book(t, client, {
      therapistId: certified.id,
      offeringId: swedish.id,
      startsAt: utcAt(6, 12),
    }).expect(201);
    const other = await book(t, client, {
      therapistId: uncertified.id,
      offeringId: swedish.id,
      startsAt: utcAt(6, 15),
    }).expect(201);
    const pregnant = await fileIntake(client, intakeBody(PREGNANT)).expect(201);
    const codes = Object.fromEntries(
      pregnant.body.affectedBookings.map((b: { id: string; cancellationCode: string }) => [
        b.id,
        b.cancellationCode,
      ]),
    );
    expect(codes).toEqual({
      [deep.body.id]: 'TECHNIQUE_CONTRAINDICATED',
      [other.body.id]: 'THERAPIST_NOT_QUALIFIED',
    });
    expect(await bookingOf(client, kept.body.id)).toMatchObject({
      status: 'confirmed',
      intakeId: pregnant.body.id,
    });
  });

  it('holds a booking for a clot review, then clears or cancels it by the decision', async () => {
    const therapist = await prenatalTherapist();
    for (const decision of ['approve', 'reject'] as const) {
      const client = await makeClient(t);
      await makeIntake(t, client, PREGNANT);
      const booked = await book(t, client, {
        therapistId: therapist.id,
        offeringId: prenatal.id,
        startsAt: utcAt(decision === 'approve' ? 7 : 8, 10),
      }).expect(201);
      const risky = await fileIntake(client, intakeBody(CLOT_RISK)).expect(201);
      expect(risky.body.affectedBookings).toEqual([
        expect.objectContaining({
          id: booked.body.id,
          status: 'confirmed',
          screening: 'pending-review',
        }),
      ]);
      const pending = await bookingOf(client, booked.body.id);
      expect(pending).toMatchObject({ status: 'confirmed', screening: 'pending-review' });
      expect(Date.parse(pending.screeningDeadline)).toBe(Date.parse(pending.startsAt) - DAY_MS);
      const flag = risky.body.flags.find((f: { code: string }) => f.code === 'CLOT_RISK');
      await resolveFlag(flag.id, decision);
      const after = await bookingOf(client, booked.body.id);
      if (decision === 'approve') {
        expect(after).toMatchObject({ status: 'confirmed', screening: 'clear' });
      } else {
        expect(after).toMatchObject({
          status: 'cancelled',
          cancelledBy: 'system',
          cancellationCode: 'CLOT_REVIEW_PENDING',
        });
      }
    }
  });

  it('cancels a held booking when its review deadline passes, by the job queue', async () => {
    const therapist = await prenatalTherapist();
    const client = await makeClient(t);
    await makeIntake(t, client, PREGNANT);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(9, 10),
    }).expect(201);
    await fileIntake(client, intakeBody(CLOT_RISK)).expect(201);
    const jobs = await t.db.query(
      `SELECT id, start_after FROM pgboss.job WHERE name = 'screening-deadline' AND data->>'clientId' = $1`,
      [client.id],
    );
    expect(jobs.rows).toHaveLength(1);
    expect(new Date(jobs.rows[0].start_after).getTime()).toBe(
      Date.parse(booked.body.startsAt) - DAY_MS,
    );
    // Let the deadline arrive now rather than in eight days: the job and the booking agree on it.
    await t.db.query(`UPDATE bookings SET screening_deadline = now() WHERE id = $1`, [
      booked.body.id,
    ]);
    await t.db.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [jobs.rows[0].id]);
    await t.db.query(
      `UPDATE bookings SET starts_at = now() + interval '23 hours', ends_at = now() + interval '24 hours',
              occupied_until = now() + interval '24 hours' WHERE id = $1`,
      [booked.body.id],
    );
    await untilCancelled(client, booked.body.id);
    expect(await bookingOf(client, booked.body.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancellationCode: 'CLOT_REVIEW_PENDING',
    });
  });
});

describe('3b. a held booking is never cleared by time passing', () => {
  const heldBooking = async (day: number) => {
    const therapist = await prenatalTherapist();
    const client = await makeClient(t);
    await makeIntake(t, client, PREGNANT);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(day, 10),
    }).expect(201);
    const risky = await fileIntake(client, intakeBody(CLOT_RISK)).expect(201);
    // The review never happens, the intake expires, and the session is now less than a day away.
    await t.db.query(
      `UPDATE intakes SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day'
        WHERE client_id = $1`,
      [client.id],
    );
    await t.db.query(
      `UPDATE bookings SET starts_at = now() + interval '23 hours', ends_at = now() + interval '24 hours',
              occupied_until = now() + interval '24 hours', screening_deadline = now() WHERE id = $1`,
      [booked.body.id],
    );
    return { client, booking: booked.body, intake: risky.body };
  };

  it('cancels it at the deadline even when the intake expired unreviewed', async () => {
    const { client, booking } = await heldBooking(11);
    await t.db.query(
      `UPDATE pgboss.job SET start_after = now() WHERE name = 'screening-deadline' AND data->>'clientId' = $1`,
      [client.id],
    );
    await untilCancelled(client, booking.id);

    expect(await bookingOf(client, booking.id)).toMatchObject({
      status: 'cancelled',
      cancellationCode: 'CLOT_REVIEW_PENDING',
    });
  });

  it('cancels it when its deadline job was lost, by the sweep an instance runs at start-up', async () => {
    const { client, booking } = await heldBooking(12);
    await t.db.query(`DELETE FROM pgboss.job WHERE data->>'clientId' = $1`, [client.id]);
    const other = await t.startAnotherInstance();
    await untilCancelled(client, booking.id);
    await other.stop();
    expect(await bookingOf(client, booking.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancellationCode: 'CLOT_REVIEW_PENDING',
    });
  });
});

describe('4. a red flag is not erased by the next check-in', () => {
  it('records a red-flag check-in that stops at the first question', async () => {
    const client = await makeClient(t);
    const stopped = await fileIntake(client, CHEST_PAIN).expect(201);
    expect(stopped.body).toMatchObject({ status: 'blocked', suggestions: [] });
    expect(stopped.body.flags.map((f: { code: string }) => f.code)).toEqual([
      'RED_FLAG_SEE_DOCTOR',
    ]);
  });

  it('keeps a stopped check-in blocked even when its red flag is approved', async () => {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(t);
    const stopped = await fileIntake(client, CHEST_PAIN).expect(201);
    await resolveFlag(stopped.body.flags[0].id, 'approve');
    expect(
      await refusal(client, {
        therapistId: therapist.id,
        offeringId: swedish.id,
        startsAt: utcAt(3, 18),
      }),
    ).toBe('INTAKE_BLOCKED');
    // The clearance counts: a full check-in now needs no second review.
    expect((await makeIntake(t, client)).status).toBe('clear');
  });

  it('holds a later “no” for an admin to confirm the doctor’s clearance', async () => {
    const therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const client = await makeClient(t);
    await fileIntake(client, CHEST_PAIN).expect(201);
    const retracted = await makeIntake(t, client);
    expect(retracted.status).toBe('needs-review');
    const flag = retracted.flags.find((f: { code: string }) => f.code === 'RED_FLAG_RETRACTED');
    expect(flag.message).toMatch(/doctor/);
    const slot = { therapistId: therapist.id, offeringId: swedish.id, startsAt: utcAt(3, 16) };
    expect(await refusal(client, slot)).toBe('INTAKE_BLOCKED');
    const again = await makeIntake(t, client);
    expect(again.flags.map((f: { code: string }) => f.code)).toEqual(['RED_FLAG_RETRACTED']);
    const latestFlag = again.flags[0];
    await resolveFlag(latestFlag.id, 'approve');
    await book(t, client, slot).expect(201);
    // The clearance stands: the next check-in needs no new review.
    expect((await makeIntake(t, client)).status).toBe('clear');
  });
});

describe('5. suggestions are never a dead end', () => {
  it('suggests only techniques the menu offers with a certified therapist', async () => {
    const menu = await createTestApp();
    try {
      for (const technique of ['swedish', 'deep-tissue', 'prenatal']) {
        await makeOffering(menu, { technique, name: `${technique} 60` });
      }
      await makeOffering(menu, { technique: 'shiatsu', name: 'Shiatsu 60' });
      await makeTherapist(menu, {
        techniques: ['swedish', 'deep-tissue', 'prenatal'],
        verified: ['massage-license', 'prenatal'],
        weekly: ALL_WEEK,
      });
      await makeTherapistAccount(menu);
      const client = await makeClient(menu);
      const intake = await makeIntake(menu, client, {
        painAreas: ['upper-back'],
        onset: 'acute',
        knots: true,
        sensations: [],
        causes: [],
      });
      const suggested = intake.suggestions.map((s: { technique: string }) => s.technique);
      expect(suggested.length).toBeGreaterThan(0);
      expect(suggested.every((s: string) => ['swedish', 'deep-tissue'].includes(s))).toBe(true);
      const matches = await request(menu.server)
        .get(`${API}/intakes/${intake.id}/matches`)
        .set('Authorization', bearer(client))
        .expect(200);
      expect(matches.body.length).toBeGreaterThan(0);
    } finally {
      await menu.close();
    }
  });
});
