import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  API,
  bearer,
  farFuture,
  loginAdmin,
  makeClient,
  makeTherapist,
  makeTherapistAccount,
} from '../support/factories.js';

let t: TestApp;
let admin: Account;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAdmin(t);
});
afterAll(() => t.close());

const profile = {
  bio: 'Sports and prenatal massage.',
  yearsExperience: 12,
  timezone: 'America/New_York',
  techniques: ['prenatal', 'swedish'],
};

const fileCertification = (therapist: Account, body: object) =>
  request(t.server)
    .post(`${API}/therapists/me/certifications`)
    .set('Authorization', bearer(therapist))
    .send(body);

const listedIds = async (query = '') => {
  const response = await request(t.server).get(`${API}/therapists?limit=100${query}`).expect(200);
  return response.body.items.map((item: { id: string }) => item.id);
};

describe('therapist profile', () => {
  it('creates and replaces the own profile', async () => {
    const therapist = await makeTherapistAccount(t, 'Maya Prenatal');
    const created = await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .send(profile)
      .expect(200);
    expect(created.body).toEqual({
      id: therapist.id,
      name: 'Maya Prenatal',
      bio: profile.bio,
      yearsExperience: 12,
      timezone: 'America/New_York',
      techniques: ['swedish', 'prenatal'],
      bookable: false,
      certifications: [],
      // No home location named: the therapist works where the spa has no rooms to share.
      locationId: null,
      photoUrl: null,
    });
    const replaced = await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .send({ ...profile, techniques: ['shiatsu'], yearsExperience: 13 })
      .expect(200);
    expect(replaced.body).toMatchObject({ techniques: ['shiatsu'], yearsExperience: 13 });
    await request(t.server)
      .get(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .expect(200);
  });

  it.each([
    ['timezone', { timezone: 'Mars/Olympus_Mons' }],
    ['timezone', { timezone: 'EST5EDT-nope' }],
    ['techniques[0]', { techniques: ['reiki'] }],
    ['techniques', { techniques: ['swedish', 'swedish'] }],
    ['yearsExperience', { yearsExperience: -1 }],
    ['yearsExperience', { yearsExperience: 2.5 }],
    ['bio', { bio: 'b'.repeat(2001) }],
  ])('refuses an invalid %s', async (field, override) => {
    const therapist = await makeTherapistAccount(t);
    const response = await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .send({ ...profile, ...override })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields.some((f: string) => f === field || f.startsWith(field.split('[')[0]))).toBe(true);
    const { rows } = await t.db.query('SELECT 1 FROM therapists WHERE id = $1', [therapist.id]);
    expect(rows).toHaveLength(0);
  });

  it('is for therapists only', async () => {
    const client = await makeClient(t);
    await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(client))
      .send(profile)
      .expect(403);
  });

  it('needs a profile before certifications and hours', async () => {
    const therapist = await makeTherapistAccount(t);
    const response = await fileCertification(therapist, {
      kind: 'massage-license',
      issuer: 'Board',
      number: '1',
      expiresOn: farFuture(),
    }).expect(409);
    expect(response.body.code).toBe('PROFILE_REQUIRED');
  });
});

describe('certifications', () => {
  it('are filed unverified, verified by an admin, and each decision is audited', async () => {
    const therapist = await makeTherapistAccount(t);
    await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .send(profile)
      .expect(200);
    const filed = await fileCertification(therapist, {
      kind: 'massage-license',
      issuer: 'NY Board',
      number: 'MT-1',
      expiresOn: farFuture(),
    }).expect(201);
    expect(filed.body).toMatchObject({
      kind: 'massage-license',
      verified: false,
      status: 'pending',
      expired: false,
    });

    const pending = await request(t.server)
      .get(`${API}/admin/certifications?status=pending&limit=100`)
      .set('Authorization', bearer(admin))
      .expect(200);
    // The queue names who filed it, so the admin can check the issuer's register.
    expect(pending.body.items).toContainEqual({
      ...filed.body,
      therapistName: 'Theo Therapist',
      therapistEmail: therapist.email,
    });

    const verified = await request(t.server)
      .post(`${API}/admin/certifications/${filed.body.id}/verify`)
      .set('Authorization', bearer(admin))
      .send({ note: 'Checked the registry' })
      .expect(200);
    expect(verified.body).toMatchObject({
      id: filed.body.id,
      verified: true,
      status: 'verified',
      decisionNote: 'Checked the registry',
    });

    const again = await request(t.server)
      .post(`${API}/admin/certifications/${filed.body.id}/verify`)
      .set('Authorization', bearer(admin))
      .send({})
      .expect(409);
    expect(again.body.code).toBe('CERTIFICATION_ALREADY_DECIDED');

    const { rows } = await t.db.query(
      `SELECT actor_id, action, subject_type FROM audit_log WHERE subject_id = $1`,
      [filed.body.id],
    );
    expect(rows).toEqual([
      { actor_id: admin.id, action: 'certification.verify', subject_type: 'certification' },
    ]);
    const log = await request(t.server)
      .get(`${API}/admin/audit-log`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(log.body.items.some((e: { subjectId: string }) => e.subjectId === filed.body.id)).toBe(
      true,
    );
  });

  it('can be rejected with a note, and a rejected one counts for nothing', async () => {
    const therapist = await makeTherapistAccount(t);
    await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .send(profile)
      .expect(200);
    const filed = await fileCertification(therapist, {
      kind: 'massage-license',
      issuer: 'Board',
      number: 'X',
      expiresOn: farFuture(),
    }).expect(201);
    await request(t.server)
      .post(`${API}/admin/certifications/${filed.body.id}/reject`)
      .set('Authorization', bearer(admin))
      .send({})
      .expect(400);
    const rejected = await request(t.server)
      .post(`${API}/admin/certifications/${filed.body.id}/reject`)
      .set('Authorization', bearer(admin))
      .send({ note: 'Number not in the registry' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', verified: false });
    expect(await listedIds()).not.toContain(therapist.id);
  });

  it.each([
    ['expiresOn', { expiresOn: '2020-01-01' }],
    ['expiresOn', { expiresOn: '2027-02-30' }],
    ['expiresOn', { expiresOn: 'tomorrow' }],
    ['kind', { kind: 'reiki' }],
    ['issuer', { issuer: '' }],
  ])('refuses an invalid %s', async (field, override) => {
    const therapist = await makeTherapist(t);
    const response = await fileCertification(therapist, {
      kind: 'prenatal',
      issuer: 'Board',
      number: 'P-1',
      expiresOn: farFuture(),
      ...override,
    }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('cannot be decided by a therapist', async () => {
    const therapist = await makeTherapist(t);
    const filed = await fileCertification(therapist, {
      kind: 'prenatal',
      issuer: 'Board',
      number: 'P',
      expiresOn: farFuture(),
    }).expect(201);
    await request(t.server)
      .post(`${API}/admin/certifications/${filed.body.id}/verify`)
      .set('Authorization', bearer(therapist))
      .send({})
      .expect(403);
  });
});

describe('GET /therapists lists bookable therapists only', () => {
  it('needs a verified, unexpired massage-license', async () => {
    const licensed = await makeTherapist(t, { name: 'Licensed Lee' });
    const unverified = await makeTherapist(t, { verified: [] });
    await fileCertification(unverified, {
      kind: 'massage-license',
      issuer: 'B',
      number: 'U',
      expiresOn: farFuture(),
    }).expect(201);
    const noLicense = await makeTherapist(t, { verified: ['trigger-point'] });
    const expired = await makeTherapist(t);
    await t.db.query(
      `UPDATE certifications SET expires_on = current_date - 1 WHERE therapist_id = $1`,
      [expired.id],
    );

    const ids = await listedIds();
    expect(ids).toContain(licensed.id);
    expect(ids).not.toContain(unverified.id);
    expect(ids).not.toContain(noLicense.id);
    expect(ids).not.toContain(expired.id);

    await request(t.server).get(`${API}/therapists/${licensed.id}`).expect(200);
    await request(t.server).get(`${API}/therapists/${expired.id}`).expect(404);
    const own = await request(t.server)
      .get(`${API}/therapists/me`)
      .set('Authorization', bearer(expired))
      .expect(200);
    expect(own.body).toMatchObject({ bookable: false });
    expect(own.body.certifications[0]).toMatchObject({ verified: true, expired: true });
  });

  it('filters by technique; prenatal also needs a verified prenatal certification', async () => {
    const certified = await makeTherapist(t, {
      techniques: ['prenatal'],
      verified: ['massage-license', 'prenatal'],
    });
    const uncertified = await makeTherapist(t, { techniques: ['prenatal', 'swedish'] });
    const prenatal = await listedIds('&technique=prenatal');
    expect(prenatal).toContain(certified.id);
    expect(prenatal).not.toContain(uncertified.id);
    expect(await listedIds('&technique=swedish')).toContain(uncertified.id);
    expect(await listedIds('&technique=swedish')).not.toContain(certified.id);

    const publicProfile = await request(t.server)
      .get(`${API}/therapists/${uncertified.id}`)
      .expect(200);
    expect(publicProfile.body.techniques).toEqual(['swedish']);
  });

  it('shows verified certifications only on the public profile, without licence numbers', async () => {
    const therapist = await makeTherapist(t);
    await fileCertification(therapist, {
      kind: 'prenatal',
      issuer: 'Board',
      number: 'P-9',
      expiresOn: farFuture(),
    }).expect(201);
    const response = await request(t.server).get(`${API}/therapists/${therapist.id}`).expect(200);
    expect(response.body.certifications).toEqual([
      { kind: 'massage-license', issuer: 'State Board', expiresOn: farFuture() },
    ]);
  });
});

describe('schedules', () => {
  it('sets weekly hours in the therapist’s time zone', async () => {
    const therapist = await makeTherapist(t, { timezone: 'Europe/London' });
    const weekly = [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '13:00', end: '17:30' },
      { weekday: 6, start: '10:00', end: '24:00' },
    ];
    const response = await request(t.server)
      .put(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .send({ weekly })
      .expect(200);
    // A window that names no location works at the therapist's home location.
    const answered = weekly.map((window) => ({ ...window, locationId: null }));
    expect(response.body).toEqual({
      timezone: 'Europe/London',
      weekly: answered,
      bookingsOutsideHours: [],
    });
    const read = await request(t.server)
      .get(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(read.body.weekly).toEqual(answered);
  });

  it.each([
    [
      'weekly[1].start',
      [
        { weekday: 2, start: '09:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '13:00' },
      ],
    ],
    ['weekly[0].end', [{ weekday: 2, start: '12:00', end: '09:00' }]],
    ['weekly[0].start', [{ weekday: 2, start: '09:10', end: '12:00' }]],
    ['weekly[0].start', [{ weekday: 2, start: '9am', end: '12:00' }]],
    ['weekly[0].weekday', [{ weekday: 8, start: '09:00', end: '12:00' }]],
  ])('refuses %s and keeps the old hours', async (field, weekly) => {
    const therapist = await makeTherapist(t, {
      weekly: [{ weekday: 3, start: '09:00', end: '17:00' }],
    });
    const response = await request(t.server)
      .put(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .send({ weekly })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const read = await request(t.server)
      .get(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(read.body.weekly).toEqual([
      { weekday: 3, start: '09:00', end: '17:00', locationId: null },
    ]);
  });

  it('adds, lists and deletes time off; another therapist’s is 404', async () => {
    const therapist = await makeTherapist(t);
    const other = await makeTherapist(t);
    const created = await request(t.server)
      .post(`${API}/therapists/me/time-off`)
      .set('Authorization', bearer(therapist))
      .send({
        startsAt: '2030-12-24T00:00:00+01:00',
        endsAt: '2030-12-27T00:00:00+01:00',
        reason: 'Holidays',
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      startsAt: '2030-12-23T23:00:00.000Z',
      endsAt: '2030-12-26T23:00:00.000Z',
      reason: 'Holidays',
      conflictingBookings: [],
    });
    const list = await request(t.server)
      .get(`${API}/therapists/me/time-off`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([created.body.id]);

    const stolen = await request(t.server)
      .delete(`${API}/therapists/me/time-off/${created.body.id}`)
      .set('Authorization', bearer(other))
      .expect(404);
    expect(stolen.body.code).toBe('TIME_OFF_NOT_FOUND');
    await request(t.server)
      .delete(`${API}/therapists/me/time-off/${created.body.id}`)
      .set('Authorization', bearer(therapist))
      .expect(204);
    await request(t.server)
      .delete(`${API}/therapists/me/time-off/${created.body.id}`)
      .set('Authorization', bearer(therapist))
      .expect(404);
  });

  it.each([
    ['endsAt', { startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' }],
    ['startsAt', { startsAt: '2030-01-02 10:00', endsAt: '2030-01-03T00:00:00Z' }],
    ['startsAt', { startsAt: '2030-01-02T10:00:00', endsAt: '2030-01-03T00:00:00Z' }],
    ['endsAt', { startsAt: '2030-01-01T00:00:00Z', endsAt: '2032-01-03T00:00:00Z' }],
    ['startsAt', { startsAt: '2030-02-30T10:00:00Z', endsAt: '2030-03-03T00:00:00Z' }],
    ['endsAt', { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00+23:59' }],
  ])('refuses time off with a bad %s', async (field, body) => {
    const therapist = await makeTherapist(t);
    const response = await request(t.server)
      .post(`${API}/therapists/me/time-off`)
      .set('Authorization', bearer(therapist))
      .send(body)
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  // Found by the fuzz suite: Date.parse rolls 30 February over to 2 March, PostgreSQL refused it (500).
  it.each(['2030-02-30T10:00:00Z', '2030-04-31T00:00:00Z', '2030-01-01T10:00:00+23:59'])(
    'answers 400 to an instant that does not exist (%s) in a list filter',
    async (instant) => {
      const therapist = await makeTherapist(t);
      const response = await request(t.server)
        .get(`${API}/therapists/me/time-off`)
        .query({ from: instant })
        .set('Authorization', bearer(therapist))
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    },
  );
});
