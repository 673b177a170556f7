import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { request } from '../support/api-request.js';
import { API, bearer, intakeBody } from '../support/factories.js';
import {
  createTestDatabase,
  startApp,
  testEnvironment,
  TEST_JWT_SECRET,
  type RunningApp,
} from '../support/test-app.js';

const run = promisify(execFile);
const TECHNIQUES = [
  'swedish',
  'deep-tissue',
  'hot-stone',
  'trigger-point',
  'shiatsu',
  'aromatherapy',
  'prenatal',
];

/** `npm run demo`'s script (the build is already there) on the database `url`. */
async function demo(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/demo.mjs'], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        DATABASE_URL: url,
        JWT_SECRET: TEST_JWT_SECRET,
        MAIL_DIR: join(tmpdir(), 'unknot-test-mail'),
      },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

let url: string;
let db: Pool;
let first: { code: number; stdout: string; stderr: string };
let app: RunningApp | undefined;
beforeAll(async () => {
  url = await createTestDatabase();
  db = new Pool({ connectionString: url, max: 2 });
  first = await demo(url);
}, 150_000);
afterAll(async () => {
  await app?.stop();
  await db.end();
});

describe('npm run demo', () => {
  it('fills an empty database with a small spa and prints the accounts', async () => {
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/The demo spa is ready/);
    for (const email of [
      'admin@demo.unknot.test',
      'ana@demo.unknot.test',
      'maria@demo.unknot.test',
    ]) {
      expect(first.stdout).toContain(email);
    }
    const offerings = await db.query(`SELECT DISTINCT technique_slug FROM offerings`);
    expect(offerings.rows.map((row) => row.technique_slug).sort()).toEqual([...TECHNIQUES].sort());
    const therapists = await db.query(
      `SELECT u.name,
              (SELECT count(*) FROM certifications c
                WHERE c.therapist_id = t.id AND c.kind = 'massage-license' AND c.status = 'verified')::int AS licences,
              (SELECT count(*) FROM availability_windows w WHERE w.therapist_id = t.id)::int AS windows,
              EXISTS (SELECT 1 FROM therapist_photos p WHERE p.therapist_id = t.id) AS photo
         FROM therapists t JOIN users u ON u.id = t.id ORDER BY u.name`,
    );
    expect(therapists.rows).toHaveLength(4);
    for (const row of therapists.rows) {
      expect(row).toMatchObject({ licences: 1, windows: 6, photo: true });
    }
    const rest = await db.query(
      `SELECT (SELECT count(*) FROM locations)::int AS locations,
              (SELECT count(*) FROM bookings WHERE status = 'confirmed')::int AS bookings,
              (SELECT count(*) FROM users WHERE role = 'admin')::int AS admins`,
    );
    expect(rest.rows[0]).toEqual({ locations: 1, bookings: 3, admins: 1 });
  });

  it('leaves a database that is not empty alone, and says why', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM users`);
    const again = await demo(url);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/not empty/);
    const after = await db.query(`SELECT count(*)::int AS n FROM users`);
    expect(after.rows).toEqual(before.rows);
  });

  it('lets a demo client sign in and book a demo therapist', async () => {
    app = await startApp(testEnvironment(url, { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }));
    const login = await request(app.url)
      .post(`${API}/auth/login`)
      .send({ email: 'sara@demo.unknot.test', password: 'knots-untied-daily' })
      .expect(200);
    const sara = { token: login.body.accessToken };
    await request(app.url)
      .post(`${API}/intakes`)
      .set('Authorization', bearer(sara))
      .send(intakeBody())
      .expect(201);
    const listed = await request(app.url)
      .get(`${API}/therapists`)
      .query({ technique: 'hot-stone' })
      .expect(200);
    expect(listed.body.items.map((t: { name: string }) => t.name)).toEqual(['Ben Okafor']);
    const ben = listed.body.items[0];
    expect(ben.photoUrl).toMatch(/\/photo\?v=/);
    await request(app.url).get(ben.photoUrl).expect(200);
    const offerings = await request(app.url)
      .get(`${API}/offerings`)
      .query({ technique: 'hot-stone' })
      .expect(200);
    const offeringId = offerings.body.items[0].id;
    const slots = await request(app.url)
      .get(`${API}/therapists/${ben.id}/slots`)
      .query({ offeringId })
      .expect(200);
    const startsAt = slots.body.slots.find(
      (slot: { startsAt: string }) => Date.parse(slot.startsAt) > Date.now() + 3_600_000,
    ).startsAt;
    const booked = await request(app.url)
      .post(`${API}/bookings`)
      .set('Authorization', bearer(sara))
      .send({ therapistId: ben.id, offeringId, startsAt })
      .expect(201);
    expect(booked.body).toMatchObject({ status: 'confirmed', therapistId: ben.id, startsAt });
  });
});
