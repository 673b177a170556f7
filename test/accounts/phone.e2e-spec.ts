import { request } from '../support/api-request.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  cancelBooking,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  utcAt,
} from '../support/factories.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
let offering: { id: string };
let therapist: Account;
let otherTherapist: Account;
beforeAll(async () => {
  t = await createTestApp();
  offering = await makeOffering(t, { technique: 'swedish', durationMinutes: 60 });
  therapist = await makeTherapist(t, {
    name: 'Tara Therapist',
    techniques: ['swedish'],
    weekly: ALL_WEEK,
  });
  otherTherapist = await makeTherapist(t, {
    name: 'Otto Therapist',
    techniques: ['swedish'],
    weekly: ALL_WEEK,
  });
});
afterAll(() => t.close());

const patchMe = (account: Account, body: object) =>
  request(t.server).patch(`${API}/me`).set('Authorization', bearer(account)).send(body);
const me = (account: Account) =>
  request(t.server).get(`${API}/me`).set('Authorization', bearer(account));

describe('PATCH /me', () => {
  it('sets, keeps and clears the phone (E.164), and answers it in the user', async () => {
    const client = await makeClient(t, 'Pia Phone');
    expect((await me(client).expect(200)).body.phone).toBeNull();

    const set = await patchMe(client, { phone: '+351 912-345 678' }).expect(200);
    expect(set.body).toMatchObject({ id: client.id, name: 'Pia Phone', phone: '+351912345678' });
    expect((await me(client).expect(200)).body.phone).toBe('+351912345678');

    // A field left out stays as it is.
    const renamed = await patchMe(client, { name: 'Pia Renamed' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Pia Renamed', phone: '+351912345678' });
    const untouched = await patchMe(client, {}).expect(200);
    expect(untouched.body).toMatchObject({ name: 'Pia Renamed', phone: '+351912345678' });

    const cleared = await patchMe(client, { phone: null }).expect(200);
    expect(cleared.body).toMatchObject({ name: 'Pia Renamed', phone: null });
    const { rows } = await t.db.query(`SELECT name, phone FROM users WHERE id = $1`, [client.id]);
    expect(rows).toEqual([{ name: 'Pia Renamed', phone: null }]);

    const login = await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: client.email, password: client.password })
      .expect(200);
    expect(login.body.user.phone).toBeNull();
  });

  it.each([
    ['no country code', { phone: '912345678' }],
    ['a country code starting with 0', { phone: '+0912345678' }],
    ['letters', { phone: '+351 CALL ME' }],
    ['more than 15 digits', { phone: '+1234567890123456' }],
    ['too short', { phone: '+12' }],
    ['a number, not text', { phone: 351912345678 }],
    ['an empty name', { name: '   ' }],
    ['a null name', { name: null }],
    ['an unknown field', { email: 'new@example.com' }],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_, body) => {
    const client = await makeClient(t, 'Vera Valid');
    await patchMe(client, { phone: '+442071234567' }).expect(200);
    const refused = await patchMe(client, body).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(refused.body.errors.map((e: { field: string }) => e.field))]).toEqual([
      Object.keys(body)[0],
    ]);
    const { rows } = await t.db.query(`SELECT name, phone FROM users WHERE id = $1`, [client.id]);
    expect(rows).toEqual([{ name: 'Vera Valid', phone: '+442071234567' }]);
  });

  it('puts the phone in the export, and erasure removes it', async () => {
    const client = await makeClient(t, 'Ezra Export');
    await patchMe(client, { phone: '+14155550123' }).expect(200);
    const exported = await request(t.server)
      .get(`${API}/me/export`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(exported.body.account.phone).toBe('+14155550123');
    await request(t.server)
      .delete(`${API}/me`)
      .set('Authorization', bearer(client))
      .send({ password: client.password })
      .expect(204);
    const { rows } = await t.db.query(`SELECT phone FROM users WHERE id = $1`, [client.id]);
    expect(rows).toEqual([{ phone: null }]);
  });
});

describe('GET /therapists/me/bookings: how to reach the client', () => {
  type AgendaItem = {
    id: string;
    status: string;
    client: { name: string; email: string | null; phone: string | null };
  };
  const agendaOf = async (account: Account): Promise<AgendaItem[]> =>
    (
      await request(t.server)
        .get(`${API}/therapists/me/bookings`)
        .query({ from: utcAt(-10, 0), to: utcAt(40, 0) })
        .set('Authorization', bearer(account))
        .expect(200)
    ).body;

  it('shows the phone and email of live sessions only, and only to their therapist', async () => {
    const client = await makeClient(t, 'Lia Live');
    await patchMe(client, { phone: '+351913000111' }).expect(200);
    await makeIntake(t, client);
    const bookAt = async (day: number, hour: number) =>
      (
        await book(t, client, {
          therapistId: therapist.id,
          offeringId: offering.id,
          startsAt: utcAt(day, hour),
        }).expect(201)
      ).body.id as string;
    const live = await bookAt(3, 9);
    const cancelled = await bookAt(3, 12);
    const started = await bookAt(4, 9);
    const completed = await bookAt(4, 12);
    await cancelBooking(t, client, cancelled).expect(200);
    // Two sessions moved into the past: one still confirmed (it has begun), one completed.
    await t.db.query(
      `UPDATE bookings SET starts_at = starts_at - interval '6 days', ends_at = ends_at - interval '6 days',
              occupied_until = occupied_until - interval '6 days'
        WHERE id = ANY($1::uuid[])`,
      [[started, completed]],
    );
    await t.db.query(`UPDATE bookings SET status = 'completed' WHERE id = $1`, [completed]);

    const agenda = await agendaOf(therapist);
    const byId = new Map(agenda.map((item) => [item.id, item]));
    expect(byId.get(live)!.client).toEqual({
      name: 'Lia Live',
      email: client.email,
      phone: '+351913000111',
    });
    for (const id of [cancelled, started, completed]) {
      expect(byId.get(id)!.client).toEqual({ name: 'Lia Live', email: null, phone: null });
    }
    const text = JSON.stringify(agenda.filter((item) => item.id !== live));
    expect(text).not.toContain('+351913000111');
    expect(text).not.toContain(client.email);

    // Another therapist never sees this client at all.
    const elsewhere = JSON.stringify(await agendaOf(otherTherapist));
    expect(elsewhere).not.toContain('+351913000111');
    expect(elsewhere).not.toContain(client.email);
  });

  it('shows the email and a null phone for a client who gave none', async () => {
    const client = await makeClient(t, 'Noa Nophone');
    await makeIntake(t, client);
    const booking = await book(t, client, {
      therapistId: otherTherapist.id,
      offeringId: offering.id,
      startsAt: utcAt(5, 9),
    }).expect(201);
    const item = (await agendaOf(otherTherapist)).find((i) => i.id === booking.body.id)!;
    expect(item.client).toEqual({ name: 'Noa Nophone', email: client.email, phone: null });
  });

  it('stops showing them once the client removes the phone', async () => {
    const client = await makeClient(t, 'Remy Removes');
    await patchMe(client, { phone: '+351913000222' }).expect(200);
    await makeIntake(t, client);
    const booking = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: utcAt(6, 9),
    }).expect(201);
    await patchMe(client, { phone: null }).expect(200);
    const item = (await agendaOf(therapist)).find((i) => i.id === booking.body.id)!;
    expect(item.client.phone).toBeNull();
  });
});
