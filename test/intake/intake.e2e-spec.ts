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
  PREGNANT,
  utcAt,
} from '../support/factories.js';

let t: TestApp;
let admin: Account;
let swedish: { id: string };
let deepTissue: { id: string };
let prenatal: { id: string };
let generalist: Account;
let prenatalist: Account;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAdmin(t);
  swedish = await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
  deepTissue = await makeOffering(t, { technique: 'deep-tissue', name: 'Deep 60' });
  prenatal = await makeOffering(t, { technique: 'prenatal', name: 'Prenatal 60' });
  await makeOffering(t, { technique: 'trigger-point', name: 'Trigger 45', durationMinutes: 45 });
  generalist = await makeTherapist(t, {
    name: 'Gen Eralist',
    techniques: ['swedish', 'deep-tissue', 'trigger-point', 'prenatal'],
    yearsExperience: 3,
    weekly: ALL_WEEK,
  });
  prenatalist = await makeTherapist(t, {
    name: 'Pre Natalist',
    techniques: ['prenatal', 'swedish'],
    yearsExperience: 15,
    verified: ['massage-license', 'prenatal'],
    weekly: ALL_WEEK,
  });
});
afterAll(() => t.close());

const post = (client: Account, body: object) =>
  request(t.server).post(`${API}/intakes`).set('Authorization', bearer(client)).send(body);

describe('POST /intakes', () => {
  it('suggests techniques with their reasons, valid for 30 days', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    expect(intake.status).toBe('clear');
    expect(intake.flags).toEqual([]);
    expect(intake.suggestions[0].technique).toBe('trigger-point');
    expect(intake.suggestions.map((s: { technique: string }) => s.technique)).toContain(
      'deep-tissue',
    );
    for (const suggestion of intake.suggestions) {
      expect(suggestion.reasons.length).toBeGreaterThan(0);
      expect(suggestion.score).toBeGreaterThan(0);
    }
    const days = (Date.parse(intake.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('suggests Swedish for stress and tension', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, {
      painAreas: ['shoulders'],
      sensations: ['tight'],
      onset: 'acute',
      causes: ['stress'],
      knots: false,
      stressLevel: 9,
    });
    expect(intake.suggestions[0].technique).toBe('swedish');
  });

  it.each(['chestPain', 'radiatingPain', 'fever'])(
    'blocks on %s and tells the client to call their doctor',
    async (flag) => {
      const client = await makeClient(t);
      const intake = await makeIntake(t, client, {
        redFlags: { chestPain: false, radiatingPain: false, fever: false, [flag]: true },
      });
      expect(intake.status).toBe('blocked');
      expect(intake.suggestions).toEqual([]);
      expect(intake.flags).toEqual([
        expect.objectContaining({
          code: 'RED_FLAG_SEE_DOCTOR',
          severity: 'critical',
          status: 'open',
          message: expect.stringMatching(/primary care provider/i),
        }),
      ]);
    },
  );

  it('steers a pregnant client to prenatal, never deep tissue or hot stone', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, {
      ...PREGNANT,
      sensations: ['stiff', 'tight'],
      causes: ['pregnancy', 'overuse'],
    });
    const techniques = intake.suggestions.map((s: { technique: string }) => s.technique);
    expect(techniques[0]).toBe('prenatal');
    expect(techniques).not.toContain('deep-tissue');
    expect(techniques).not.toContain('hot-stone');
  });

  it.each([
    'historyOfClots',
    'legSwellingOrPain',
    'clottingDisorder',
    'anticoagulants',
    'recentSurgeryOrBedRest',
  ])('flags a clot risk (%s) for review', async (question) => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, {
      ...PREGNANT,
      clotScreening: { ...NO_CLOTS, [question]: true },
    });
    expect(intake.status).toBe('needs-review');
    expect(intake.flags).toEqual([
      expect.objectContaining({ code: 'CLOT_RISK', severity: 'high', status: 'open' }),
    ]);
  });

  it('needs every clot answer when pregnant or postpartum', async () => {
    const client = await makeClient(t);
    const pregnant = await post(
      client,
      intakeBody({ pregnancy: { pregnant: true, weeks: 20 } }),
    ).expect(400);
    expect(pregnant.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'clotScreening.anticoagulants',
      'clotScreening.clottingDisorder',
      'clotScreening.historyOfClots',
      'clotScreening.legSwellingOrPain',
      'clotScreening.recentSurgeryOrBedRest',
    ]);
    const partial = await post(
      client,
      intakeBody({ pregnancy: { pregnant: true }, clotScreening: { historyOfClots: false } }),
    ).expect(400);
    expect(partial.body.errors.map((e: { field: string }) => e.field)).toContain(
      'clotScreening.anticoagulants',
    );
    await post(client, intakeBody({ pregnancy: { pregnant: false, postpartumWeeks: 6 } })).expect(
      400,
    );
    await post(
      client,
      intakeBody({ pregnancy: { pregnant: false, postpartumWeeks: 6 }, clotScreening: NO_CLOTS }),
    ).expect(201);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM intakes WHERE client_id = $1`,
      [client.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it.each([
    ['stressLevel', { stressLevel: 11 }],
    ['painAreas', { painAreas: ['knee'] }],
    ['onset', { onset: 'sudden' }],
    ['redFlags.fever', { redFlags: { chestPain: false, radiatingPain: false } }],
    [
      'redFlags.extra',
      { redFlags: { chestPain: false, radiatingPain: false, fever: false, extra: true } },
    ],
    ['pregnancy.weeks', { pregnancy: { pregnant: true, weeks: 43 }, clotScreening: NO_CLOTS }],
    ['pregnancy', { pregnancy: undefined }],
    ['preferences.pressure', { preferences: { pressure: 'extreme' } }],
  ])('refuses an invalid %s', async (field, override) => {
    const client = await makeClient(t);
    const response = await post(client, intakeBody(override)).expect(400);
    const fields: string[] = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields.some((f) => f === field || f.startsWith(`${field}`))).toBe(true);
  });

  it('is for clients', async () => {
    await post(generalist, intakeBody()).expect(403);
    await request(t.server).post(`${API}/intakes`).send(intakeBody()).expect(401);
  });
});

describe('GET /intakes/:id', () => {
  it('shows the intake to its client and audited admins only', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    const own = await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(own.body).toMatchObject({
      id: intake.id,
      status: 'clear',
      answers: { knots: true, stressLevel: 4 },
    });
    const other = await makeClient(t);
    const hidden = await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(other))
      .expect(404);
    expect(hidden.body.code).toBe('INTAKE_NOT_FOUND');
    await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(generalist))
      .expect(403);

    await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(admin))
      .expect(200);
    await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(admin))
      .expect(200);
    const { rows } = await t.db.query(
      `SELECT actor_id, action FROM audit_log WHERE subject_type = 'intake' AND subject_id = $1`,
      [intake.id],
    );
    expect(rows).toEqual([
      { actor_id: admin.id, action: 'intake.read' },
      { actor_id: admin.id, action: 'intake.read' },
    ]);
  });
});

describe('the booking gate', () => {
  it('refuses a client whose latest intake is blocked', async () => {
    const client = await makeClient(t);
    await makeIntake(t, client, {
      redFlags: { chestPain: true, radiatingPain: false, fever: false },
    });
    const response = await book(t, client, {
      therapistId: generalist.id,
      offeringId: swedish.id,
      startsAt: utcAt(3, 10),
    }).expect(422);
    expect(response.body.code).toBe('INTAKE_BLOCKED');
    expect(response.body.detail).toMatch(/primary care provider/);
  });

  it('needs prenatal screening for a prenatal booking', async () => {
    const client = await makeClient(t);
    const none = await book(t, client, {
      therapistId: prenatalist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(3, 11),
    }).expect(422);
    expect(none.body.code).toBe('PRENATAL_SCREENING_REQUIRED');
    await makeIntake(t, client);
    const unscreened = await book(t, client, {
      therapistId: prenatalist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(3, 11),
    }).expect(422);
    expect(unscreened.body.code).toBe('PRENATAL_SCREENING_REQUIRED');
    await makeIntake(t, client, PREGNANT);
    await book(t, client, {
      therapistId: prenatalist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(3, 11),
    }).expect(201);
  });

  it('treats any booking of a pregnant client as prenatal: certified therapist only', async () => {
    const client = await makeClient(t);
    await makeIntake(t, client, PREGNANT);
    const uncertified = await book(t, client, {
      therapistId: generalist.id,
      offeringId: swedish.id,
      startsAt: utcAt(4, 9),
    }).expect(422);
    expect(uncertified.body.code).toBe('THERAPIST_NOT_QUALIFIED');
    const prenatalByUncertified = await book(t, client, {
      therapistId: generalist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(4, 9),
    }).expect(422);
    expect(prenatalByUncertified.body.code).toBe('THERAPIST_NOT_QUALIFIED');
    await book(t, client, {
      therapistId: prenatalist.id,
      offeringId: swedish.id,
      startsAt: utcAt(4, 9),
    }).expect(201);
  });

  it('never books deep tissue for a pregnant client', async () => {
    const client = await makeClient(t);
    await makeIntake(t, client, PREGNANT);
    const response = await book(t, client, {
      therapistId: generalist.id,
      offeringId: deepTissue.id,
      startsAt: utcAt(4, 13),
    }).expect(422);
    expect(response.body.code).toBe('TECHNIQUE_CONTRAINDICATED');
  });

  it('holds a clot risk until an admin approves; a rejection keeps it refused', async () => {
    const approved = await makeClient(t, 'Clara Clot');
    const intake = await makeIntake(t, approved, {
      ...PREGNANT,
      clotScreening: { ...NO_CLOTS, legSwellingOrPain: true },
    });
    const slot = { therapistId: prenatalist.id, offeringId: prenatal.id, startsAt: utcAt(5, 10) };
    const pending = await book(t, approved, slot).expect(422);
    expect(pending.body.code).toBe('CLOT_REVIEW_PENDING');

    const queue = await request(t.server)
      .get(`${API}/admin/intake-flags?status=open&limit=100`)
      .set('Authorization', bearer(admin))
      .expect(200);
    const flag = queue.body.items.find(
      (f: { intake: { id: string } }) => f.intake.id === intake.id,
    );
    expect(flag).toMatchObject({
      code: 'CLOT_RISK',
      status: 'open',
      client: { name: 'Clara Clot' },
      intake: { answers: { clotScreening: { legSwellingOrPain: true } } },
    });
    const created = queue.body.items.map((f: { createdAt: string }) => f.createdAt);
    expect([...created].sort()).toEqual(created);

    await request(t.server)
      .post(`${API}/admin/intake-flags/${flag.id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'approve' })
      .expect(400);
    const resolved = await request(t.server)
      .post(`${API}/admin/intake-flags/${flag.id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'approve', note: 'OB-GYN confirmed no clot' })
      .expect(200);
    expect(resolved.body).toMatchObject({
      id: flag.id,
      status: 'approved',
      resolutionNote: 'OB-GYN confirmed no clot',
    });
    const twice = await request(t.server)
      .post(`${API}/admin/intake-flags/${flag.id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'reject', note: 'x' })
      .expect(409);
    expect(twice.body.code).toBe('FLAG_ALREADY_RESOLVED');
    const afterReview = await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(approved))
      .expect(200);
    expect(afterReview.body.status).toBe('clear');
    await book(t, approved, slot).expect(201);

    const rejected = await makeClient(t);
    const second = await makeIntake(t, rejected, {
      ...PREGNANT,
      clotScreening: { ...NO_CLOTS, historyOfClots: true },
    });
    const secondFlag = second.flags[0];
    await request(t.server)
      .post(`${API}/admin/intake-flags/${secondFlag.id}/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'reject', note: 'Needs a doctor first' })
      .expect(200);
    const refused = await book(t, rejected, { ...slot, startsAt: utcAt(5, 13) }).expect(422);
    expect(refused.body.code).toBe('CLOT_REVIEW_PENDING');

    const { rows } = await t.db.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE subject_id = ANY($1::uuid[]) GROUP BY action ORDER BY action`,
      [[intake.id, second.id]],
    );
    expect(rows).toEqual([
      { action: 'intake-flag.approve', n: 1 },
      { action: 'intake-flag.reject', n: 1 },
      { action: 'intake.read', n: 1 },
    ]);
  });

  it('keeps the queue admin-only', async () => {
    const client = await makeClient(t);
    await request(t.server)
      .get(`${API}/admin/intake-flags`)
      .set('Authorization', bearer(client))
      .expect(403);
    const missing = await request(t.server)
      .post(`${API}/admin/intake-flags/00000000-0000-4000-8000-000000000000/resolve`)
      .set('Authorization', bearer(admin))
      .send({ decision: 'approve', note: 'ok' })
      .expect(404);
    expect(missing.body.code).toBe('FLAG_NOT_FOUND');
  });
});

describe('matches and the whole journey', () => {
  it('goes intake → suggestions → matches → booking', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    const matches = await request(t.server)
      .get(`${API}/intakes/${intake.id}/matches`)
      .query({ from: utcAt(6, 0), to: utcAt(7, 0) })
      .set('Authorization', bearer(client))
      .expect(200);
    expect(matches.body.length).toBeGreaterThan(0);
    const top = matches.body[0];
    expect(matches.body).toContainEqual(
      expect.objectContaining({
        therapist: expect.objectContaining({ id: generalist.id, name: 'Gen Eralist' }),
        technique: 'trigger-point',
        reasons: expect.arrayContaining([
          'Offers trigger point massage, your top suggestion',
          '3 years of experience',
        ]),
      }),
    );
    // 15 years of experience outweighs a small lead of the top suggestion (matching.rules.ts).
    expect(top).toMatchObject({
      therapist: { id: prenatalist.id },
      reasons: expect.arrayContaining(['15 years of experience']),
    });
    expect(top.nextSlots).toHaveLength(5);
    const scores = matches.body.map((m: { score: number }) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const slot = top.nextSlots[0];
    const booked = await book(t, client, {
      therapistId: top.therapist.id,
      offeringId: slot.offeringId,
      startsAt: slot.startsAt,
      intakeId: intake.id,
    }).expect(201);
    expect(booked.body).toMatchObject({ intakeId: intake.id, technique: top.technique });
    expect(JSON.stringify(booked.body)).not.toContain('clotScreening');
  });

  it('answers the best ?limit= matches of the whole ranking, with free slots counted as /slots lists them', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    const window = { from: utcAt(6, 0), to: utcAt(9, 0) };
    const ranked = (query: Record<string, string | number>) =>
      request(t.server)
        .get(`${API}/intakes/${intake.id}/matches`)
        .query({ ...window, ...query })
        .set('Authorization', bearer(client));
    const all = (await ranked({ limit: 100 }).expect(200)).body;
    expect(all.length).toBeGreaterThan(2);
    expect((await ranked({ limit: 2 }).expect(200)).body).toEqual(all.slice(0, 2));
    expect((await ranked({}).expect(200)).body).toEqual(all.slice(0, 20));
    for (const limit of [0, 101, 'many']) {
      const refused = await ranked({ limit }).expect(400);
      const fields = refused.body.errors.map((e: { field: string }) => e.field);
      expect(new Set(fields)).toEqual(new Set(['limit']));
    }
    // Matching counts runs of free slots instead of listing them: the count must be /slots' length.
    let compared = 0;
    for (const match of all) {
      const slots = await request(t.server)
        .get(`${API}/therapists/${match.therapist.id}/slots`)
        .query({ offeringId: match.nextSlots[0]?.offeringId ?? '', ...window });
      if (match.nextSlots.length === 0) continue;
      expect(slots.status).toBe(200);
      const count = slots.body.slots.length;
      expect(match.reasons).toContain(`${count} free slot${count === 1 ? '' : 's'} in your window`);
      expect(match.nextSlots).toEqual(
        slots.body.slots
          .slice(0, 5)
          .map((slot: object) => ({ ...slot, offeringId: match.nextSlots[0].offeringId })),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });

  it('matches a pregnant client with prenatal-certified therapists only, experience first', async () => {
    const client = await makeClient(t);
    const intake = await makeIntake(t, client, PREGNANT);
    const matches = await request(t.server)
      .get(`${API}/intakes/${intake.id}/matches`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(matches.body.length).toBeGreaterThan(0);
    expect(
      matches.body.every((m: { therapist: { id: string } }) => m.therapist.id === prenatalist.id),
    ).toBe(true);
    expect(matches.body[0].technique).toBe('prenatal');
  });

  it('has no matches for a blocked intake, and hides other clients’ intakes', async () => {
    const client = await makeClient(t);
    const blocked = await makeIntake(t, client, {
      redFlags: { chestPain: false, radiatingPain: false, fever: true },
    });
    const response = await request(t.server)
      .get(`${API}/intakes/${blocked.id}/matches`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(response.body).toEqual([]);
    const other = await makeClient(t);
    await request(t.server)
      .get(`${API}/intakes/${blocked.id}/matches`)
      .set('Authorization', bearer(other))
      .expect(404);
  });

  it('gives the therapist the session facts, not the intake', async () => {
    const client = await makeClient(t, 'Paula Pregnant');
    await makeIntake(t, client, {
      ...PREGNANT,
      preferences: { pressure: 'light', likesScents: false },
    });
    const booking = await book(t, client, {
      therapistId: prenatalist.id,
      offeringId: prenatal.id,
      startsAt: utcAt(8, 10),
    }).expect(201);
    const agenda = await request(t.server)
      .get(`${API}/therapists/me/bookings`)
      .query({ from: utcAt(8, 0), to: utcAt(9, 0) })
      .set('Authorization', bearer(prenatalist))
      .expect(200);
    const session = agenda.body.find((b: { id: string }) => b.id === booking.body.id);
    expect(session).toMatchObject({
      client: { name: 'Paula Pregnant' },
      intake: {
        pregnant: true,
        pregnancyWeeks: 24,
        clotRiskReviewed: true,
        pressure: 'light',
        likesScents: false,
      },
    });
    const text = JSON.stringify(agenda.body);
    for (const secret of ['clotScreening', 'historyOfClots', 'redFlags', 'causes', 'stressLevel']) {
      expect(text).not.toContain(secret);
    }
  });
});
