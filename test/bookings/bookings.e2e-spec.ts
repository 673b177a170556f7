import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  everyDay,
  hoursFromNow,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  overlappingPairs,
  plusMinutes,
  utcAt,
} from '../support/factories.js';

let t: TestApp;
let offering: Awaited<ReturnType<typeof makeOffering>>;
let therapist: Account;
let client: Account;
beforeAll(async () => {
  // A year and more ahead: the DST test reads next year's autumn change.
  t = await createTestApp({ BOOKING_HORIZON_DAYS: '730' });
  offering = await makeOffering(t, {
    technique: 'swedish',
    durationMinutes: 60,
    bufferMinutes: 15,
    priceCents: 9000,
  });
  therapist = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
  client = await makeClient(t);
});
afterAll(() => t.close());

const slotsOf = async (therapistId: string, from: string, to: string, offeringId = offering.id) => {
  const response = await request(t.server)
    .get(`${API}/therapists/${therapistId}/slots`)
    .query({ offeringId, from, to })
    .expect(200);
  return response.body.slots.map((slot: { startsAt: string }) => slot.startsAt);
};

describe('GET /therapists/:id/slots', () => {
  it('offers the grid inside the weekly hours, in the therapist’s time zone across DST', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const ny = await makeTherapist(t, {
      techniques: ['swedish'],
      timezone: 'America/New_York',
      weekly: [7].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })),
    });
    // Sundays around the autumn change of the coming year.
    const autumn = await slotsOf(ny.id, `${year}-10-25T00:00:00Z`, `${year}-11-11T00:00:00Z`);
    const byDay = new Map<string, string[]>();
    for (const start of autumn)
      byDay.set(start.slice(0, 10), [
        ...(byDay.get(start.slice(0, 10)) ?? []),
        start.slice(11, 16),
      ]);
    const hours = [...byDay.values()];
    // 09:00–11:00 with 60 + 15 min: starts 09:00, 09:15, 09:30, 09:45, 10:00 local every Sunday.
    expect(hours.every((day) => day.length === 5)).toBe(true);
    const utcStarts = new Set(hours.map((day) => day[0]));
    expect(utcStarts).toEqual(new Set(['13:00', '14:00'])); // EDT before, EST after the change
  });

  it('leaves out the booked time plus buffers on both sides', async () => {
    const start = utcAt(3, 10);
    const before = await slotsOf(therapist.id, utcAt(3, 8), utcAt(3, 13));
    expect(before).toContain(start);
    await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: start,
    }).expect(201);
    const after = await slotsOf(therapist.id, utcAt(3, 8), utcAt(3, 13));
    // A new 60+15 session must end (with its buffer) by 10:00, and may start once 11:15 is reached.
    expect(after).toContain(utcAt(3, 8, 45));
    expect(after).not.toContain(utcAt(3, 9));
    expect(after).not.toContain(utcAt(3, 11));
    expect(after).toContain(utcAt(3, 11, 15));
  });

  it('refuses windows over 31 days and backwards windows', async () => {
    const long = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: offering.id, from: utcAt(1, 0), to: utcAt(33, 0) })
      .expect(400);
    expect(long.body.errors[0].field).toBe('to');
    await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: offering.id, from: utcAt(3, 0), to: utcAt(2, 0) })
      .expect(400);
    await request(t.server).get(`${API}/therapists/${therapist.id}/slots`).expect(400);
  });
});

describe('POST /bookings', () => {
  it('books a free slot at the offering’s price and duration', async () => {
    const startsAt = utcAt(4, 9);
    const response = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt,
      notes: 'Left shoulder',
    }).expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      status: 'confirmed',
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: plusMinutes(startsAt, 60),
      priceCents: 9000,
      durationMinutes: 60,
      notes: 'Left shoulder',
    });
    await request(t.server)
      .get(`${API}/bookings/${response.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    await request(t.server)
      .get(`${API}/bookings/${response.body.id}`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    await request(t.server)
      .get(`${API}/bookings/${response.body.id}`)
      .set('Authorization', bearer(await loginAdmin(t)))
      .expect(200);
    const stranger = await makeClient(t);
    const hidden = await request(t.server)
      .get(`${API}/bookings/${response.body.id}`)
      .set('Authorization', bearer(stranger))
      .expect(404);
    expect(hidden.body.code).toBe('BOOKING_NOT_FOUND');
    const otherTherapist = await makeTherapist(t);
    await request(t.server)
      .get(`${API}/bookings/${response.body.id}`)
      .set('Authorization', bearer(otherTherapist))
      .expect(404);
    await request(t.server)
      .post(`${API}/bookings/${response.body.id}/cancel`)
      .set('Authorization', bearer(stranger))
      .send({})
      .expect(404);
  });

  it('refuses each broken rule with its code', async () => {
    const parttime = await makeTherapist(t, {
      techniques: ['swedish'],
      weekly: [{ weekday: 1, start: '09:00', end: '10:00' }],
    });
    const unlicensed = await makeTherapist(t, {
      techniques: ['swedish'],
      verified: [],
      weekly: ALL_WEEK,
    });
    const noSwedish = await makeTherapist(t, { techniques: ['shiatsu'], weekly: ALL_WEEK });
    const away = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    await request(t.server)
      .post(`${API}/therapists/me/time-off`)
      .set('Authorization', bearer(away))
      .send({ startsAt: utcAt(6, 0), endsAt: utcAt(7, 0) })
      .expect(201);
    const taken = utcAt(5, 14);
    await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: taken,
    }).expect(201);

    const cases: [string, object, number][] = [
      ['SLOT_UNAVAILABLE', { therapistId: parttime.id, startsAt: utcAt(9, 3) }, 409],
      ['SLOT_UNAVAILABLE', { therapistId: away.id, startsAt: utcAt(6, 12) }, 409],
      ['SLOT_UNAVAILABLE', { therapistId: therapist.id, startsAt: utcAt(5, 9, 10) }, 409],
      ['SLOT_TAKEN', { therapistId: therapist.id, startsAt: utcAt(5, 14, 30) }, 409],
      ['SLOT_TAKEN', { therapistId: therapist.id, startsAt: utcAt(5, 15) }, 409],
      ['SLOT_TAKEN', { therapistId: therapist.id, startsAt: utcAt(5, 13, 15) }, 409],
      ['BOOKING_IN_PAST', { therapistId: therapist.id, startsAt: utcAt(-1, 10) }, 422],
      ['THERAPIST_NOT_QUALIFIED', { therapistId: unlicensed.id, startsAt: utcAt(5, 10) }, 422],
      ['THERAPIST_NOT_QUALIFIED', { therapistId: noSwedish.id, startsAt: utcAt(5, 10) }, 422],
      [
        'OFFERING_NOT_FOUND',
        {
          therapistId: therapist.id,
          startsAt: utcAt(5, 10),
          offeringId: '00000000-0000-4000-8000-000000000000',
        },
        404,
      ],
      ['THERAPIST_NOT_FOUND', { therapistId: client.id, startsAt: utcAt(5, 10) }, 404],
    ];
    for (const [code, body, status] of cases) {
      const response = await book(t, client, { offeringId: offering.id, ...body } as never);
      expect({ code, body, status: response.status, got: response.body.code }).toEqual({
        code,
        body,
        status,
        got: code,
      });
    }
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE starts_at::date = $1::date`,
      [utcAt(5, 0)],
    );
    expect(rows[0].n).toBe(1);
  });

  it('is for clients, with a validated body', async () => {
    await book(t, therapist, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: utcAt(8, 10),
    }).expect(403);
    const invalid = await book(t, client, {
      therapistId: 'nope',
      offeringId: offering.id,
      startsAt: 'tomorrow',
    } as never).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'startsAt',
      'therapistId',
    ]);
  });
});

describe('cancel, complete, no-show', () => {
  it('cancelling frees the slot; a second cancel is an invalid transition', async () => {
    const startsAt = utcAt(10, 11);
    const first = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt,
    }).expect(201);
    const cancelled = await request(t.server)
      .post(`${API}/bookings/${first.body.id}/cancel`)
      .set('Authorization', bearer(client))
      .send({ reason: 'Feeling unwell' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Feeling unwell',
      lateCancellation: false,
    });
    expect(await slotsOf(therapist.id, utcAt(10, 10), utcAt(10, 12))).toContain(
      new Date(startsAt).toISOString(),
    );
    const other = await makeClient(t);
    await book(t, other, { therapistId: therapist.id, offeringId: offering.id, startsAt }).expect(
      201,
    );
    const again = await request(t.server)
      .post(`${API}/bookings/${first.body.id}/cancel`)
      .set('Authorization', bearer(client))
      .send({})
      .expect(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });

  it('marks a client’s cancellation within 24 hours as late, not a therapist’s', async () => {
    const soon = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: hoursFromNow(3),
    }).expect(201);
    const late = await request(t.server)
      .post(`${API}/bookings/${soon.body.id}/cancel`)
      .set('Authorization', bearer(client))
      .send({})
      .expect(200);
    expect(late.body.lateCancellation).toBe(true);
    const again = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: hoursFromNow(5),
    }).expect(201);
    const byTherapist = await request(t.server)
      .post(`${API}/bookings/${again.body.id}/cancel`)
      .set('Authorization', bearer(therapist))
      .send({})
      .expect(200);
    expect(byTherapist.body.lateCancellation).toBe(false);
  });

  it('lets only its therapist complete a session, and only after it started', async () => {
    const booking = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: utcAt(11, 9),
    }).expect(201);
    const early = await request(t.server)
      .post(`${API}/bookings/${booking.body.id}/complete`)
      .set('Authorization', bearer(therapist))
      .expect(422);
    expect(early.body.code).toBe('BOOKING_NOT_STARTED');
    await request(t.server)
      .post(`${API}/bookings/${booking.body.id}/complete`)
      .set('Authorization', bearer(client))
      .expect(403);
    // Move the session into the past, as time would.
    await t.db.query(
      `UPDATE bookings SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour',
              occupied_until = now() - interval '45 minutes' WHERE id = $1`,
      [booking.body.id],
    );
    const other = await makeTherapist(t);
    await request(t.server)
      .post(`${API}/bookings/${booking.body.id}/complete`)
      .set('Authorization', bearer(other))
      .expect(404);
    const done = await request(t.server)
      .post(`${API}/bookings/${booking.body.id}/complete`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(done.body.status).toBe('completed');
    const noShow = await request(t.server)
      .post(`${API}/bookings/${booking.body.id}/no-show`)
      .set('Authorization', bearer(therapist))
      .expect(409);
    expect(noShow.body.code).toBe('INVALID_TRANSITION');
    const cancel = await request(t.server)
      .post(`${API}/bookings/${booking.body.id}/cancel`)
      .set('Authorization', bearer(client))
      .send({})
      .expect(409);
    expect(cancel.body.code).toBe('INVALID_TRANSITION');
  });
});

describe('lists', () => {
  it('shows each user their own bookings only, paginated and filtered', async () => {
    const me = await makeClient(t);
    const ids: string[] = [];
    for (const hour of [9, 11, 13]) {
      ids.push(
        (
          await book(t, me, {
            therapistId: therapist.id,
            offeringId: offering.id,
            startsAt: utcAt(12, hour),
          }).expect(201)
        ).body.id,
      );
    }
    const page1 = await request(t.server)
      .get(`${API}/bookings?limit=2`)
      .set('Authorization', bearer(me))
      .expect(200);
    const page2 = await request(t.server)
      .get(`${API}/bookings?limit=2&cursor=${page1.body.nextCursor}`)
      .set('Authorization', bearer(me))
      .expect(200);
    expect([...page1.body.items, ...page2.body.items].map((b: { id: string }) => b.id)).toEqual(
      ids,
    );
    expect(page2.body.nextCursor).toBeNull();
    await request(t.server)
      .post(`${API}/bookings/${ids[0]}/cancel`)
      .set('Authorization', bearer(me))
      .send({})
      .expect(200);
    const cancelled = await request(t.server)
      .get(`${API}/bookings?status=cancelled`)
      .set('Authorization', bearer(me))
      .expect(200);
    expect(cancelled.body.items.map((b: { id: string }) => b.id)).toEqual([ids[0]]);
    const theirs = await request(t.server)
      .get(`${API}/bookings?limit=100`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(theirs.body.items.some((b: { id: string }) => ids.includes(b.id))).toBe(false);
  });

  it('refuses a forged cursor whose instant only Date.parse would take', async () => {
    const forged = Buffer.from(
      JSON.stringify(['2030', '6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f']),
    ).toString('base64url');
    const response = await request(t.server)
      .get(`${API}/bookings?cursor=${forged}`)
      .set('Authorization', bearer(client))
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'cursor', message: 'cursor is not a valid page cursor' }],
    });
  });
});

describe('races', () => {
  it('50 concurrent requests for one slot: exactly one wins, 49 get SLOT_TAKEN', async () => {
    const clients = await Promise.all(
      Array.from({ length: 50 }, (_, i) => makeClient(t, `Racer ${i}`)),
    );
    const startsAt = utcAt(14, 10);
    const responses = await Promise.all(
      clients.map((c) =>
        book(t, c, { therapistId: therapist.id, offeringId: offering.id, startsAt }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.code === 'SLOT_TAKEN'),
    ).toBe(true);
    expect(await overlappingPairs(t)).toBe(0);
  });

  it('random partial overlaps fired together leave no overlapping live bookings', async () => {
    const racer = await makeClient(t);
    const starts = Array.from({ length: 60 }, () =>
      utcAt(15, 8 + Math.floor(Math.random() * 6), 15 * Math.floor(Math.random() * 4)),
    );
    const responses = await Promise.all(
      starts.map((startsAt) =>
        book(t, racer, { therapistId: therapist.id, offeringId: offering.id, startsAt }),
      ),
    );
    expect(
      responses.every(
        (r) => r.status === 201 || (r.status === 409 && r.body.code === 'SLOT_TAKEN'),
      ),
    ).toBe(true);
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThan(0);
    expect(await overlappingPairs(t)).toBe(0);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the first answer and books once', async () => {
    const body = { therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(16, 9) };
    const first = await book(t, client, body, 'key-retry-1').expect(201);
    const retry = await book(
      t,
      client,
      { startsAt: body.startsAt, offeringId: body.offeringId, therapistId: body.therapistId },
      'key-retry-1',
    ).expect(201);
    expect(retry.body).toEqual(first.body);
    const reused = await book(
      t,
      client,
      { ...body, startsAt: utcAt(16, 11) },
      'key-retry-1',
    ).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE client_id = $1 AND starts_at = $2`,
      [client.id, body.startsAt],
    );
    expect(rows[0].n).toBe(1);
  });

  it('replays a refusal too, and keys are per user', async () => {
    const body = { therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(-2, 9) };
    const first = await book(t, client, body, 'key-past').expect(422);
    const again = await book(t, client, body, 'key-past').expect(422);
    expect(again.body).toEqual(first.body);
    const other = await makeClient(t);
    await book(t, other, { ...body, startsAt: utcAt(16, 14) }, 'key-past').expect(201);
  });

  it('creates one booking when retries of one key race', async () => {
    const racer = await makeClient(t);
    const body = { therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(17, 9) };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => book(t, racer, body, 'key-race')),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE client_id = $1`,
      [racer.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const response = await book(
      t,
      client,
      { therapistId: therapist.id, offeringId: offering.id, startsAt: utcAt(18, 9) },
      'x'.repeat(300),
    ).expect(400);
    expect(response.body.errors[0].field).toBe('Idempotency-Key');
  });
});

describe('offerings with bookings', () => {
  it('are archived, never deleted, and existing bookings keep them', async () => {
    const special = await makeOffering(t, { technique: 'swedish', name: 'Limited edition' });
    const booking = await book(t, client, {
      therapistId: therapist.id,
      offeringId: special.id,
      startsAt: utcAt(19, 9),
    }).expect(201);
    const admin = await loginAdmin(t);
    await request(t.server)
      .delete(`${API}/offerings/${special.id}`)
      .set('Authorization', bearer(admin))
      .expect(204);
    await request(t.server).get(`${API}/offerings/${special.id}`).expect(404);
    const list = await request(t.server).get(`${API}/offerings?limit=100`).expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(special.id);
    const { rows } = await t.db.query(`SELECT archived_at FROM offerings WHERE id = $1`, [
      special.id,
    ]);
    expect(rows[0].archived_at).not.toBeNull();
    const kept = await request(t.server)
      .get(`${API}/bookings/${booking.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(kept.body.offeringId).toBe(special.id);
    const refused = await book(t, client, {
      therapistId: therapist.id,
      offeringId: special.id,
      startsAt: utcAt(19, 14),
    }).expect(404);
    expect(refused.body.code).toBe('OFFERING_NOT_FOUND');
  });
});

describe('the therapist’s week', () => {
  it('lists bookings that fall outside new hours without touching them', async () => {
    const own = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const booking = await book(t, client, {
      therapistId: own.id,
      offeringId: offering.id,
      startsAt: utcAt(20, 18),
    }).expect(201);
    const response = await request(t.server)
      .put(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(own))
      .send({
        weekly: everyDay('09:00', '17:00'),
      })
      .expect(200);
    expect(response.body.bookingsOutsideHours).toEqual([
      {
        id: booking.body.id,
        startsAt: booking.body.startsAt,
        endsAt: booking.body.endsAt,
        clientName: client.name,
      },
    ]);
    const still = await request(t.server)
      .get(`${API}/bookings/${booking.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(still.body.status).toBe('confirmed');
  });

  it('shows the agenda with each client’s name', async () => {
    const own = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const booking = await book(t, client, {
      therapistId: own.id,
      offeringId: offering.id,
      startsAt: utcAt(2, 9),
      notes: 'Neck too',
    }).expect(201);
    const agenda = await request(t.server)
      .get(`${API}/therapists/me/bookings`)
      .set('Authorization', bearer(own))
      .expect(200);
    expect(agenda.body).toEqual([
      expect.objectContaining({
        id: booking.body.id,
        client: { name: client.name, email: client.email, phone: null },
        technique: 'swedish',
        notes: 'Neck too',
        intake: null,
      }),
    ]);
  });

  it('shows intake facts only for live bookings, never for a cancelled one', async () => {
    const own = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const patient = await makeClient(t, 'Ivy Intake');
    const intake = await makeIntake(t, patient, { preferences: { pressure: 'light' } });
    const [kept, cancelled] = await Promise.all(
      [9, 12].map(async (hour) => {
        const booking = await book(t, patient, {
          therapistId: own.id,
          offeringId: offering.id,
          startsAt: utcAt(5, hour),
          intakeId: intake.id,
        }).expect(201);
        return booking.body.id as string;
      }),
    );
    await request(t.server)
      .post(`${API}/bookings/${cancelled}/cancel`)
      .set('Authorization', bearer(patient))
      .send({})
      .expect(200);
    const agenda = await request(t.server)
      .get(`${API}/therapists/me/bookings`)
      .set('Authorization', bearer(own))
      .expect(200);
    expect(agenda.body).toEqual([
      expect.objectContaining({
        id: kept,
        status: 'confirmed',
        intake: expect.objectContaining({ pregnant: false, pressure: 'light' }),
      }),
      expect.objectContaining({ id: cancelled, status: 'cancelled', intake: null }),
    ]);
  });

  it('publishes a private iCalendar feed that rotation revokes', async () => {
    const own = await makeTherapist(t, { techniques: ['swedish'], weekly: ALL_WEEK });
    const kept = await book(t, client, {
      therapistId: own.id,
      offeringId: offering.id,
      startsAt: utcAt(3, 15),
    }).expect(201);
    const dropped = await book(t, client, {
      therapistId: own.id,
      offeringId: offering.id,
      startsAt: utcAt(4, 15),
    }).expect(201);
    await request(t.server)
      .post(`${API}/bookings/${dropped.body.id}/cancel`)
      .set('Authorization', bearer(client))
      .send({})
      .expect(200);

    const { body } = await request(t.server)
      .get(`${API}/therapists/me/calendar`)
      .set('Authorization', bearer(own))
      .expect(200);
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/[\w-]{20,}\.ics$/);
    const path = new URL(body.url).pathname;
    const feed = await request(t.server).get(path).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const text = feed.text.replace(/\r\n /g, '');
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toContain(`UID:${kept.body.id}@unknot`);
    expect(text).toContain(`UID:${dropped.body.id}@unknot`);
    expect(text.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(text.match(/STATUS:CONFIRMED/g)).toHaveLength(1);
    // A third-party calendar learns that there is a session and with whom, not what kind.
    expect(text.match(/^SUMMARY:.*$/gm)).toEqual([
      'SUMMARY:Massage session — Casey C.',
      'SUMMARY:Massage session — Casey C.',
    ]);
    expect(text).not.toContain(client.name);
    expect(text.toLowerCase()).not.toContain('swedish');

    const rotated = await request(t.server)
      .post(`${API}/therapists/me/calendar/rotate`)
      .set('Authorization', bearer(own))
      .expect(200);
    expect(rotated.body.url).not.toBe(body.url);
    await request(t.server).get(path).expect(404);
    await request(t.server).get(new URL(rotated.body.url).pathname).expect(200);
  });
});

describe('the database is the last word', () => {
  it('refuses an overlapping live booking written straight to SQL (exclusion constraint)', async () => {
    const [existing] = (
      await t.db.query(
        `SELECT * FROM bookings WHERE therapist_id = $1 AND status = 'confirmed' LIMIT 1`,
        [therapist.id],
      )
    ).rows;
    const insert = t.db.query(
      `INSERT INTO bookings (client_id, therapist_id, offering_id, technique_slug, starts_at, ends_at, occupied_until, price_cents)
       VALUES ($1, $2, $3, 'swedish', $4::timestamptz + interval '30 minutes', $4::timestamptz + interval '90 minutes',
               $4::timestamptz + interval '105 minutes', 1)`,
      [existing.client_id, existing.therapist_id, existing.offering_id, existing.starts_at],
    );
    await expect(insert).rejects.toMatchObject({
      code: '23P01',
      constraint: 'EXC_bookings_no_overlap',
    });
  });

  it('holds across two app instances on one database', async () => {
    const second = await t.startAnotherInstance();
    const clients = await Promise.all(
      Array.from({ length: 20 }, (_, i) => makeClient(t, `Twin ${i}`)),
    );
    const startsAt = utcAt(21, 10);
    const responses = await Promise.all(
      clients.map((c, i) =>
        request(i % 2 === 0 ? t.server : second.url)
          .post(`${API}/bookings`)
          .set('Authorization', bearer(c))
          .send({ therapistId: therapist.id, offeringId: offering.id, startsAt }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'SLOT_TAKEN')).toHaveLength(
      19,
    );
    expect(await overlappingPairs(t)).toBe(0);
  });
});
