import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import { API, bearer, loginAdmin, makeClient, makeOffering } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /techniques', () => {
  it('lists the seven techniques of the article with what each is good for', async () => {
    const response = await request(t.server).get(`${API}/techniques`).expect(200);
    expect(response.body.map((technique: { slug: string }) => technique.slug)).toEqual([
      'swedish',
      'deep-tissue',
      'hot-stone',
      'trigger-point',
      'shiatsu',
      'aromatherapy',
      'prenatal',
    ]);
    const bySlug = Object.fromEntries(response.body.map((x: { slug: string }) => [x.slug, x]));
    expect(bySlug.swedish.goodFor).toEqual(expect.arrayContaining(['stress', 'tension']));
    expect(bySlug['trigger-point'].goodFor).toContain('knots between the shoulder blades');
    expect(bySlug['deep-tissue'].cautions).toContain('Not offered during pregnancy.');
    expect(bySlug['hot-stone'].cautions).toContain('Not offered during pregnancy.');
    for (const technique of response.body) {
      expect(technique).toEqual({
        slug: expect.any(String),
        name: expect.any(String),
        description: expect.any(String),
        intensity: expect.stringMatching(/^(gentle|moderate|firm)$/),
        goodFor: expect.any(Array),
        cautions: expect.any(Array),
      });
    }
  });
});

describe('offerings', () => {
  it('lets an admin create, update and list offerings; anyone can read them', async () => {
    const created = await makeOffering(t, {
      technique: 'trigger-point',
      name: 'Knot release',
      durationMinutes: 45,
      priceCents: 6500,
      bufferMinutes: 10,
    });
    expect(created).toEqual({
      id: expect.any(String),
      technique: 'trigger-point',
      name: 'Knot release',
      durationMinutes: 45,
      priceCents: 6500,
      bufferMinutes: 10,
      requires: { roomFeatures: [], equipment: [] },
    });
    const admin = await loginAdmin(t);
    const updated = await request(t.server)
      .patch(`${API}/offerings/${created.id}`)
      .set('Authorization', bearer(admin))
      .send({ priceCents: 7000 })
      .expect(200);
    expect(updated.body).toMatchObject({ id: created.id, priceCents: 7000, name: 'Knot release' });
    const list = await request(t.server)
      .get(`${API}/offerings?technique=trigger-point`)
      .expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(created.id);
    expect(
      list.body.items.every((o: { technique: string }) => o.technique === 'trigger-point'),
    ).toBe(true);
    await request(t.server).get(`${API}/offerings/${created.id}`).expect(200);
  });

  it('paginates with a cursor', async () => {
    for (let i = 0; i < 3; i++)
      await makeOffering(t, { technique: 'shiatsu', name: `Shiatsu ${i}` });
    const first = await request(t.server)
      .get(`${API}/offerings?technique=shiatsu&limit=2`)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(t.server)
      .get(`${API}/offerings?technique=shiatsu&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(3);
  });

  it.each([
    ['durationMinutes', { durationMinutes: 50 }],
    ['durationMinutes', { durationMinutes: 255 }],
    ['priceCents', { priceCents: -1 }],
    ['priceCents', { priceCents: 10.5 }],
    ['bufferMinutes', { bufferMinutes: 61 }],
    ['technique', { technique: 'reiki' }],
    ['name', { name: '' }],
  ])('refuses an invalid %s', async (field, override) => {
    const admin = await loginAdmin(t);
    const response = await request(t.server)
      .post(`${API}/offerings`)
      .set('Authorization', bearer(admin))
      .send({
        technique: 'swedish',
        name: 'Swedish',
        durationMinutes: 60,
        priceCents: 8000,
        bufferMinutes: 15,
        ...override,
      })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('refuses bad list parameters', async () => {
    const limit = await request(t.server).get(`${API}/offerings?limit=101`).expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
    const cursor = await request(t.server).get(`${API}/offerings?cursor=garbage`).expect(400);
    expect(cursor.body.errors[0].field).toBe('cursor');
    const id = await request(t.server).get(`${API}/offerings/not-a-uuid`).expect(400);
    expect(id.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });

  it('keeps offerings admin-only: a client gets 403, nobody gets 401', async () => {
    const client = await makeClient(t);
    const body = {
      technique: 'swedish',
      name: 'Swedish',
      durationMinutes: 60,
      priceCents: 8000,
      bufferMinutes: 15,
    };
    const forbidden = await request(t.server)
      .post(`${API}/offerings`)
      .set('Authorization', bearer(client))
      .send(body)
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await request(t.server).post(`${API}/offerings`).send(body).expect(401);
  });

  it('deletes an unused offering outright', async () => {
    const offering = await makeOffering(t);
    const admin = await loginAdmin(t);
    await request(t.server)
      .delete(`${API}/offerings/${offering.id}`)
      .set('Authorization', bearer(admin))
      .expect(204);
    await request(t.server).get(`${API}/offerings/${offering.id}`).expect(404);
    const { rows } = await t.db.query('SELECT 1 FROM offerings WHERE id = $1', [offering.id]);
    expect(rows).toHaveLength(0);
  });
});
