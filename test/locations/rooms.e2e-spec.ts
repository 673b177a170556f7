import { randomUUID } from 'node:crypto';
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
  plusMinutes,
  PREGNANT,
  utcAt,
} from '../support/factories.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Account;
let swedish: Awaited<ReturnType<typeof makeOffering>>;
let hotStone: Awaited<ReturnType<typeof makeOffering>>;
let prenatal: Awaited<ReturnType<typeof makeOffering>>;
let day = 3;
/** A fresh day (UTC) for each test: tests never share a room's time. */
const nextDay = () => day++;

beforeAll(async () => {
  // The waitlist's freed-time job runs within a second.
  t = await createTestApp({ JOB_POLL_SECONDS: '1' });
  admin = await loginAdmin(t);
  swedish = await makeOffering(t, { technique: 'swedish', durationMinutes: 60, bufferMinutes: 15 });
  hotStone = await makeOffering(t, {
    technique: 'hot-stone',
    name: 'Hot stone, 60 min',
    durationMinutes: 60,
    bufferMinutes: 0,
    requires: {
      roomFeatures: ['hot-stone-heater'],
      equipment: [{ kind: 'hot-stones', quantity: 1 }],
    },
  });
  prenatal = await makeOffering(t, {
    technique: 'prenatal',
    name: 'Prenatal, 60 min',
    durationMinutes: 60,
    bufferMinutes: 0,
    requires: { roomFeatures: ['prenatal-table'], equipment: [] },
  });
});
afterAll(() => t.close());

const asAdmin = <T extends { set: (name: string, value: string) => T }>(call: T) =>
  call.set('Authorization', bearer(admin));

async function makeLocation(
  rooms: { name: string; features: string[] }[],
  equipment: { kind: string; name: string; quantity: number }[] = [],
): Promise<{ id: string; rooms: { id: string; name: string }[] }> {
  const location = await asAdmin(request(t.server).post(`${API}/admin/locations`))
    .send({ name: `Riverside ${day}`, address: '12 Quay Street', timezone: 'UTC' })
    .expect(201);
  const made = [];
  for (const room of rooms) {
    const response = await asAdmin(
      request(t.server).post(`${API}/admin/locations/${location.body.id}/rooms`),
    )
      .send(room)
      .expect(201);
    made.push(response.body);
  }
  for (const kind of equipment) {
    await asAdmin(request(t.server).post(`${API}/admin/locations/${location.body.id}/equipment`))
      .send(kind)
      .expect(201);
  }
  return { id: location.body.id, rooms: made };
}

const therapistAt = (locationId: string, name: string, techniques = ['swedish', 'hot-stone']) =>
  makeTherapist(t, {
    name,
    techniques,
    locationId,
    verified: ['massage-license', 'prenatal'],
    weekly: everyDay('08:00', '20:00'),
  });

const slotsOf = async (therapistId: string, offeringId: string, from: string, to: string) => {
  const response = await request(t.server)
    .get(`${API}/therapists/${therapistId}/slots`)
    .query({ offeringId, from, to })
    .expect(200);
  return response.body.slots.map((slot: { startsAt: string }) => slot.startsAt) as string[];
};

/** Most live sessions in one location's rooms at any instant (every peak starts a session). */
async function peakSessions(locationId: string): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT coalesce(max(n), 0)::int AS peak FROM (
       SELECT (SELECT count(*) FROM bookings b
                WHERE b.location_id = $1 AND b.status NOT IN ('cancelled', 'rescheduled')
                  AND b.starts_at <= a.starts_at AND b.occupied_until > a.starts_at) AS n
         FROM bookings a
        WHERE a.location_id = $1 AND a.status NOT IN ('cancelled', 'rescheduled')) peaks`,
    [locationId],
  );
  return rows[0].peak;
}

/** The client's waitlist offer, once the freed-time job has made it. */
async function waitForOffer(client: Account): Promise<{ id: string; startsAt: string }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const entries = await request(t.server)
      .get(`${API}/waitlist`)
      .set('Authorization', bearer(client))
      .expect(200);
    const offer = entries.body.items.find((entry: { offer: unknown }) => entry.offer)?.offer;
    if (offer) return offer;
    if (Date.now() > deadline) throw new Error('no offer came');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('locations, rooms and equipment', () => {
  it('lists locations publicly and keeps their management to admins', async () => {
    const location = await makeLocation([{ name: 'Room 1', features: ['table'] }]);
    const list = await request(t.server).get(`${API}/locations`).expect(200);
    expect(list.body).toContainEqual({
      id: location.id,
      name: expect.any(String),
      address: '12 Quay Street',
      timezone: 'UTC',
    });
    const client = await makeClient(t);
    await request(t.server)
      .post(`${API}/admin/locations`)
      .set('Authorization', bearer(client))
      .send({ name: 'Mine', address: 'Here', timezone: 'UTC' })
      .expect(403);
    const bad = await asAdmin(request(t.server).post(`${API}/admin/locations`))
      .send({ name: 'Nowhere', address: 'Here', timezone: 'Mars/Olympus' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await asAdmin(request(t.server).post(`${API}/admin/locations/${location.id}/equipment`))
      .send({ kind: 'hot-stones', name: 'Basalt set', quantity: 2 })
      .expect(201);
    const units = await asAdmin(
      request(t.server).get(`${API}/admin/locations/${location.id}/equipment`),
    ).expect(200);
    // A quantity of two is two units, each claimable on its own.
    expect(units.body).toEqual([
      expect.objectContaining({
        kind: 'hot-stones',
        quantity: 2,
        units: [expect.anything(), expect.anything()],
      }),
    ]);
    const renamed = await asAdmin(request(t.server).patch(`${API}/admin/locations/${location.id}`))
      .send({ name: 'Riverside North' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Riverside North', address: '12 Quay Street' });
  });

  it('refuses a therapist a home that does not exist', async () => {
    const therapist = await therapistAt((await makeLocation([])).id, 'Homer Less');
    const response = await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .send({
        bio: 'Moving.',
        yearsExperience: 3,
        timezone: 'UTC',
        techniques: ['swedish'],
        locationId: randomUUID(),
      })
      .expect(404);
    expect(response.body.code).toBe('LOCATION_NOT_FOUND');
  });

  it('two therapists, one room: the second booking at that time gets NO_ROOM_AVAILABLE and the slot goes', async () => {
    const location = await makeLocation([{ name: 'The only room', features: ['table'] }]);
    const ana = await therapistAt(location.id, 'Ana One');
    const ben = await therapistAt(location.id, 'Ben Two');
    const d = nextDay();
    const startsAt = utcAt(d, 10);
    const before = await slotsOf(ben.id, swedish.id, utcAt(d, 8), utcAt(d, 20));
    expect(before).toContain(startsAt);

    const first = await book(t, await makeClient(t), {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt,
    }).expect(201);
    expect(first.body).toMatchObject({
      locationId: location.id,
      room: { id: location.rooms[0].id, name: 'The only room' },
    });

    const second = await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt,
    }).expect(409);
    expect(second.body.code).toBe('NO_ROOM_AVAILABLE');
    expect(second.body.detail).toMatch(/no room free/i);

    // The room is taken 10:00–11:15 (with the buffer): no start whose session meets that.
    const after = await slotsOf(ben.id, swedish.id, utcAt(d, 8), utcAt(d, 20));
    expect(after).not.toContain(startsAt);
    expect(after).not.toContain(utcAt(d, 9)); // would run with its buffer into 10:00
    expect(after).not.toContain(utcAt(d, 11));
    expect(after).toContain(utcAt(d, 8, 45));
    expect(after).toContain(utcAt(d, 11, 15));
    // Every offered start books.
    await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 11, 15),
    }).expect(201);

    // Cancelling gives the room back.
    const client = await makeClient(t);
    const later = await book(t, client, {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 14),
    }).expect(201);
    await cancelBooking(t, client, later.body.id).expect(200);
    expect(await slotsOf(ben.id, swedish.id, utcAt(d, 8), utcAt(d, 20))).toContain(utcAt(d, 14));
  });

  it('one stone set: two hot-stone sessions never overlap, a Swedish session still can', async () => {
    const location = await makeLocation(
      [
        { name: 'Stone room A', features: ['table', 'hot-stone-heater'] },
        { name: 'Stone room B', features: ['table', 'hot-stone-heater'] },
      ],
      [{ kind: 'hot-stones', name: 'Basalt set', quantity: 1 }],
    );
    const ana = await therapistAt(location.id, 'Ana Stone');
    const ben = await therapistAt(location.id, 'Ben Stone');
    const d = nextDay();
    await book(t, await makeClient(t), {
      therapistId: ana.id,
      offeringId: hotStone.id,
      startsAt: utcAt(d, 10),
    }).expect(201);

    const clash = await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: hotStone.id,
      startsAt: utcAt(d, 10, 30),
    }).expect(409);
    expect(clash.body.code).toBe('NO_ROOM_AVAILABLE');
    expect(clash.body.detail).toMatch(/hot stones/);
    const stoneSlots = await slotsOf(ben.id, hotStone.id, utcAt(d, 8), utcAt(d, 20));
    expect(stoneSlots).not.toContain(utcAt(d, 10, 30));
    expect(stoneSlots).toContain(utcAt(d, 11));

    // The second room is free: a session without stones takes it.
    const plain = await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10, 30),
    }).expect(201);
    expect(plain.body.room.name).toBe('Stone room B');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS pairs FROM booking_units a JOIN booking_units b
          ON a.unit_id = b.unit_id AND a.booking_id < b.booking_id AND a.live AND b.live
         AND tstzrange(a.starts_at, a.occupied_until) && tstzrange(b.starts_at, b.occupied_until)`,
    );
    expect(rows[0].pairs).toBe(0);
  });

  it('a prenatal session gets the prenatal room though a Swedish session was booked first', async () => {
    const location = await makeLocation([
      { name: 'Prenatal suite', features: ['table', 'prenatal-table'] },
      { name: 'Plain room', features: ['table'] },
    ]);
    const ana = await therapistAt(location.id, 'Ana Plain');
    const ben = await therapistAt(location.id, 'Ben Prenatal', ['swedish', 'prenatal']);
    const d = nextDay();
    const startsAt = utcAt(d, 10);
    const plain = await book(t, await makeClient(t), {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt,
    }).expect(201);
    // The plainest room that fits: the suite stays free for a session that needs it.
    expect(plain.body.room.name).toBe('Plain room');

    const mother = await makeClient(t, 'Expecting Client');
    await makeIntake(t, mother, PREGNANT);
    const session = await book(t, mother, {
      therapistId: ben.id,
      offeringId: prenatal.id,
      startsAt,
    }).expect(201);
    expect(session.body.room.name).toBe('Prenatal suite');
    // The therapist's agenda says which room to go to.
    const agenda = await request(t.server)
      .get(`${API}/therapists/me/bookings`)
      .query({ from: startsAt, to: plusMinutes(startsAt, 60) })
      .set('Authorization', bearer(ben))
      .expect(200);
    expect(agenda.body.map((item: { room: unknown }) => item.room)).toEqual([
      { id: session.body.room.id, name: 'Prenatal suite' },
    ]);

    // Both rooms are taken now: a third therapist has nowhere to work.
    const cy = await therapistAt(location.id, 'Cy Third');
    const third = await book(t, await makeClient(t), {
      therapistId: cy.id,
      offeringId: swedish.id,
      startsAt: plusMinutes(startsAt, 30),
    }).expect(409);
    expect(third.body.code).toBe('NO_ROOM_AVAILABLE');
  });

  it('moves the room with a rescheduled session and frees the old one', async () => {
    const location = await makeLocation([{ name: 'Solo room', features: ['table'] }]);
    const ana = await therapistAt(location.id, 'Ana Move');
    const ben = await therapistAt(location.id, 'Ben Wait');
    const d = nextDay();
    const client = await makeClient(t);
    const first = await book(t, client, {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10),
    }).expect(201);
    await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 13),
    }).expect(201);
    // Onto the room's taken time: refused, and nothing changes.
    const refused = await request(t.server)
      .post(`${API}/bookings/${first.body.id}/reschedule`)
      .set('Authorization', bearer(client))
      .send({ startsAt: utcAt(d, 13) })
      .expect(409);
    expect(refused.body.code).toBe('NO_ROOM_AVAILABLE');
    const moved = await request(t.server)
      .post(`${API}/bookings/${first.body.id}/reschedule`)
      .set('Authorization', bearer(client))
      .send({ startsAt: utcAt(d, 15) })
      .expect(201);
    expect(moved.body.room.name).toBe('Solo room');
    expect(await slotsOf(ben.id, swedish.id, utcAt(d, 8), utcAt(d, 20))).toContain(utcAt(d, 10));
  });

  it('a waitlist hold keeps its room; letting it go frees the room', async () => {
    const location = await makeLocation([{ name: 'Held room', features: ['table'] }]);
    const ana = await therapistAt(location.id, 'Ana Held');
    const ben = await therapistAt(location.id, 'Ben Blocked');
    const d = nextDay();
    const waiting = await makeClient(t, 'Wanda Waiting');
    await request(t.server)
      .post(`${API}/waitlist`)
      .set('Authorization', bearer(waiting))
      .send({ offeringId: swedish.id, therapistId: ana.id, from: utcAt(d, 10), to: utcAt(d, 12) })
      .expect(201);
    const someone = await makeClient(t);
    const taken = await book(t, someone, {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10),
    }).expect(201);
    await cancelBooking(t, someone, taken.body.id).expect(200);
    const offer = await waitForOffer(waiting);
    expect(offer.startsAt).toBe(utcAt(d, 10));
    const { rows } = await t.db.query(
      `SELECT r.name FROM bookings b JOIN rooms r ON r.id = b.room_id WHERE b.status = 'held' AND b.therapist_id = $1`,
      [ana.id],
    );
    expect(rows).toEqual([{ name: 'Held room' }]);
    const refused = await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10),
    }).expect(409);
    expect(refused.body.code).toBe('NO_ROOM_AVAILABLE');

    await request(t.server)
      .post(`${API}/waitlist/offers/${offer.id}/decline`)
      .set('Authorization', bearer(waiting))
      .expect(204);
    await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10),
    }).expect(201);
  });

  it('a therapist who works Mondays across town books there, in that location’s rooms', async () => {
    const home = await makeLocation([{ name: 'Home room', features: ['table'] }]);
    const away = await makeLocation([{ name: 'Across-town room', features: ['table'] }]);
    const d = nextDay();
    const weekday = ((new Date(utcAt(d, 0)).getUTCDay() + 6) % 7) + 1;
    const therapist = await makeTherapist(t, {
      name: 'Tess Travels',
      techniques: ['swedish'],
      locationId: home.id,
      weekly: [
        { weekday, start: '08:00', end: '12:00' },
        { weekday, start: '12:00', end: '18:00', locationId: away.id },
      ],
    });
    const slots = await slotsOf(therapist.id, swedish.id, utcAt(d, 0), utcAt(d, 23));
    // A session ends where it began: none runs from one place across noon into the other.
    expect(slots).toContain(utcAt(d, 11));
    expect(slots).not.toContain(utcAt(d, 11, 15));
    expect(slots).toContain(utcAt(d, 12));
    const morning = await book(t, await makeClient(t), {
      therapistId: therapist.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 9),
    }).expect(201);
    expect(morning.body).toMatchObject({ locationId: home.id, room: { name: 'Home room' } });
    const afternoon = await book(t, await makeClient(t), {
      therapistId: therapist.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 14),
    }).expect(201);
    expect(afternoon.body).toMatchObject({
      locationId: away.id,
      room: { name: 'Across-town room' },
    });
    const across = await book(t, await makeClient(t), {
      therapistId: therapist.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 11, 30),
    }).expect(409);
    expect(across.body.code).toBe('SLOT_UNAVAILABLE');
    // Hours at a location that is not there: refused, the old hours kept.
    await request(t.server)
      .put(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .send({ weekly: [{ weekday, start: '08:00', end: '12:00', locationId: randomUUID() }] })
      .expect(404);
    expect(await slotsOf(therapist.id, swedish.id, utcAt(d, 0), utcAt(d, 23))).toContain(
      utcAt(d, 16),
    );
  });

  it('matches at a location: only therapists who work there, only times a room is free', async () => {
    const here = await makeLocation([{ name: 'Match room', features: ['table'] }]);
    const there = await makeLocation([{ name: 'Elsewhere room', features: ['table'] }]);
    const ana = await therapistAt(here.id, 'Ana Matched');
    const ben = await therapistAt(here.id, 'Ben Matched');
    const far = await therapistAt(there.id, 'Far Away');
    const d = nextDay();
    await book(t, await makeClient(t), {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 8),
    }).expect(201);
    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    const matchesAt = async (locationId: string) =>
      (
        await request(t.server)
          .get(`${API}/intakes/${intake.id}/matches`)
          .query({ from: utcAt(d, 8), to: utcAt(d, 12), locationId, limit: 50 })
          .set('Authorization', bearer(client))
          .expect(200)
      ).body as {
        therapist: { id: string };
        technique: string;
        nextSlots: { startsAt: string }[];
      }[];

    const local = await matchesAt(here.id);
    expect(new Set(local.map((match) => match.therapist.id))).toEqual(new Set([ana.id, ben.id]));
    // Ana's session holds the only room until 09:15 (with its buffer): Ben is free, the room not.
    const benSwedish = local.find((m) => m.therapist.id === ben.id && m.technique === 'swedish');
    expect(benSwedish?.nextSlots[0].startsAt).toBe(utcAt(d, 9, 15));
    expect(new Set((await matchesAt(there.id)).map((match) => match.therapist.id))).toEqual(
      new Set([far.id]),
    );

    const unknown = await request(t.server)
      .get(`${API}/intakes/${intake.id}/matches`)
      .query({ locationId: randomUUID() })
      .set('Authorization', bearer(client))
      .expect(404);
    expect(unknown.body.code).toBe('LOCATION_NOT_FOUND');
  });

  it('a location without rooms books as before, with no room', async () => {
    const bare = await makeLocation([]);
    const therapist = await therapistAt(bare.id, 'Bea Bare');
    const booked = await book(t, await makeClient(t), {
      therapistId: therapist.id,
      offeringId: hotStone.id,
      startsAt: utcAt(nextDay(), 10),
    }).expect(201);
    expect(booked.body).toMatchObject({ locationId: bare.id, room: null });
  });

  it('shows the admin a day with rooms as columns and their sessions', async () => {
    const location = await makeLocation([
      { name: 'Room A', features: ['table'] },
      { name: 'Room B', features: ['table'] },
    ]);
    const ana = await therapistAt(location.id, 'Ana Day');
    const ben = await therapistAt(location.id, 'Ben Day');
    const d = nextDay();
    await book(t, await makeClient(t), {
      therapistId: ana.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10),
    }).expect(201);
    await book(t, await makeClient(t), {
      therapistId: ben.id,
      offeringId: swedish.id,
      startsAt: utcAt(d, 10),
    }).expect(201);
    const day = await asAdmin(
      request(t.server).get(`${API}/admin/locations/${location.id}/schedule`),
    )
      .query({ from: utcAt(d, 0), to: utcAt(d + 1, 0) })
      .expect(200);
    expect(day.body.location.id).toBe(location.id);
    expect(day.body.rooms.map((room: { name: string }) => room.name)).toEqual(['Room A', 'Room B']);
    const therapists = day.body.rooms.map(
      (room: { sessions: { therapistName: string; startsAt: string }[] }) =>
        room.sessions.map((session) => [session.therapistName, session.startsAt]),
    );
    expect(therapists.flat()).toEqual(
      expect.arrayContaining([
        ['Ana Day', utcAt(d, 10)],
        ['Ben Day', utcAt(d, 10)],
      ]),
    );
    await request(t.server)
      .get(`${API}/admin/locations/${location.id}/schedule`)
      .set('Authorization', bearer(ana))
      .expect(403);
  });

  it('50 concurrent bookings on two instances, three therapists, two rooms: never three at once', async () => {
    const location = await makeLocation([
      { name: 'Race room 1', features: ['table'] },
      { name: 'Race room 2', features: ['table'] },
    ]);
    const therapists = [
      await therapistAt(location.id, 'Racer One'),
      await therapistAt(location.id, 'Racer Two'),
      await therapistAt(location.id, 'Racer Three'),
    ];
    const clients = await Promise.all(
      Array.from({ length: 50 }, (_, i) => makeClient(t, `Racer Client ${i}`)),
    );
    const second = await t.startAnotherInstance();
    const d = nextDay();
    // Five starts half an hour apart: sessions of 75 minutes (with the buffer) meet their
    // neighbours, so rooms run out before therapists do.
    const starts = [0, 30, 60, 90, 120].map((minutes) => plusMinutes(utcAt(d, 10), minutes));
    const answers = await Promise.all(
      clients.map((client, i) =>
        request(i % 2 ? second.url : t.server)
          .post(`${API}/bookings`)
          .set('Authorization', bearer(client))
          .send({
            therapistId: therapists[i % 3].id,
            offeringId: swedish.id,
            startsAt: starts[i % 5],
          }),
      ),
    );
    const counts = new Map<string, number>();
    for (const answer of answers) {
      const key = answer.status === 201 ? '201' : `${answer.status} ${answer.body.code}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    console.info('rooms race:', Object.fromEntries(counts));
    expect(
      [...counts.keys()].every((key) => /^(201|409 (SLOT_TAKEN|NO_ROOM_AVAILABLE))$/.test(key)),
    ).toBe(true);
    expect(counts.get('201')).toBeGreaterThanOrEqual(2);
    expect(await peakSessions(location.id)).toBeLessThanOrEqual(2);
    expect(await overlappingPairs(t)).toBe(0);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE location_id = $1 AND room_id IS NULL`,
      [location.id],
    );
    expect(rows[0].n).toBe(0);
  }, 60_000);
});
