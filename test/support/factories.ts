import { randomUUID } from 'node:crypto';
import { request } from './api-request.js';
import { TEST_ADMIN, TestApp } from './test-app.js';

export interface Account {
  id: string;
  email: string;
  password: string;
  name: string;
  role: 'client' | 'therapist' | 'admin';
  token: string;
}

export const API = '/api/v1';

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

async function register(t: TestApp, role: 'client' | 'therapist', name: string): Promise<Account> {
  const email = uniqueEmail(role);
  const password = 'a-good-long-password';
  const response = await request(t.server)
    .post(`${API}/auth/register`)
    .send({ email, password, name, role })
    .expect(201);
  return {
    id: response.body.user.id,
    email,
    password,
    name,
    role,
    token: response.body.accessToken,
  };
}

export const makeClient = (t: TestApp, name = 'Casey Client') => register(t, 'client', name);
export const makeTherapistAccount = (t: TestApp, name = 'Theo Therapist') =>
  register(t, 'therapist', name);

export async function loginAdmin(t: TestApp): Promise<Account> {
  const response = await request(t.server).post(`${API}/auth/login`).send(TEST_ADMIN).expect(200);
  return {
    ...TEST_ADMIN,
    id: response.body.user.id,
    name: 'Administrator',
    role: 'admin',
    token: response.body.accessToken,
  };
}

export const bearer = (account: Pick<Account, 'token'>) => `Bearer ${account.token}`;

export const farFuture = () => `${new Date().getUTCFullYear() + 2}-12-31`;

export interface TherapistOptions {
  name?: string;
  techniques?: string[];
  timezone?: string;
  yearsExperience?: number;
  /** Certification kinds to file and have the admin verify (default: a massage-license). */
  verified?: string[];
  weekly?: { weekday: number; start: string; end: string; locationId?: string }[];
  /** Home location. */
  locationId?: string;
}

/** The same hours on every weekday (1 = Monday … 7 = Sunday). */
export const everyDay = (start: string, end: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

export const ALL_WEEK = everyDay('00:00', '24:00');

/** Files a certification for the therapist and has the admin verify it; answers its id. */
export async function certify(
  t: TestApp,
  therapist: Account,
  kind: string,
  expiresOn: string,
  admin?: Account,
): Promise<string> {
  const certification = await request(t.server)
    .post(`${API}/therapists/me/certifications`)
    .set('Authorization', bearer(therapist))
    .send({ kind, issuer: 'State Board', number: `N-${kind}`, expiresOn })
    .expect(201);
  await request(t.server)
    .post(`${API}/admin/certifications/${certification.body.id}/verify`)
    .set('Authorization', bearer(admin ?? (await loginAdmin(t))))
    .send({})
    .expect(200);
  return certification.body.id;
}

/** A therapist with a profile, verified certifications and weekly hours. */
export async function makeTherapist(t: TestApp, options: TherapistOptions = {}): Promise<Account> {
  const therapist = await makeTherapistAccount(t, options.name ?? 'Theo Therapist');
  const admin = await loginAdmin(t);
  await request(t.server)
    .put(`${API}/therapists/me`)
    .set('Authorization', bearer(therapist))
    .send({
      bio: 'Experienced in upper-back work.',
      yearsExperience: options.yearsExperience ?? 5,
      timezone: options.timezone ?? 'UTC',
      techniques: options.techniques ?? ['swedish', 'deep-tissue', 'trigger-point'],
      locationId: options.locationId,
    })
    .expect(200);
  for (const kind of options.verified ?? ['massage-license']) {
    await certify(t, therapist, kind, farFuture(), admin);
  }
  if (options.weekly !== undefined) {
    await request(t.server)
      .put(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .send({ weekly: options.weekly })
      .expect(200);
  }
  return therapist;
}

export async function makeOffering(
  t: TestApp,
  body: Partial<{
    technique: string;
    name: string;
    durationMinutes: number;
    priceCents: number;
    bufferMinutes: number;
    requires: {
      roomFeatures: string[];
      equipment: { kind: string; quantity: number }[];
    };
  }> = {},
): Promise<{
  id: string;
  technique: string;
  durationMinutes: number;
  bufferMinutes: number;
  priceCents: number;
}> {
  const admin = await loginAdmin(t);
  const response = await request(t.server)
    .post(`${API}/offerings`)
    .set('Authorization', bearer(admin))
    .send({
      technique: 'swedish',
      name: 'Swedish, 60 min',
      durationMinutes: 60,
      priceCents: 8000,
      bufferMinutes: 15,
      ...body,
    })
    .expect(201);
  return response.body;
}

const HOUR_MS = 3_600_000;

/** An instant `days` ahead at `hour`:`minute` UTC (on the 15-minute grid). */
export function utcAt(days: number, hour: number, minute = 0): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hour, minute),
  ).toISOString();
}

export const plusMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export const hoursFromNow = (hours: number) => {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((Date.now() + hours * HOUR_MS) / quarter) * quarter).toISOString();
};

/**
 * The first of a /slots answer's starts at least an hour away. The very first free slot can be
 * seconds away (slots start at the next quarter hour) and in the past by the time a test books it.
 */
export function slotAnHourAway(slots: { startsAt: string }[]): string {
  const slot = slots.find(({ startsAt }) => Date.parse(startsAt) >= Date.now() + HOUR_MS);
  if (!slot) throw new Error('no free slot an hour or more away');
  return slot.startsAt;
}

export function book(
  t: TestApp,
  client: Account,
  body: {
    therapistId: string;
    offeringId: string;
    startsAt: string;
    intakeId?: string;
    notes?: string;
  },
  idempotencyKey?: string,
) {
  const call = request(t.server).post(`${API}/bookings`).set('Authorization', bearer(client));
  if (idempotencyKey) call.set('Idempotency-Key', idempotencyKey);
  return call.send(body);
}

/** `account` cancels booking `id` (the call, to expect on), as `book` books. */
export function cancelBooking(t: TestApp, account: Account, id: string, body: object = {}) {
  return request(t.server)
    .post(`${API}/bookings/${id}/cancel`)
    .set('Authorization', bearer(account))
    .send(body);
}

/** Live bookings of one therapist whose occupied ranges overlap — must always be zero. */
export async function overlappingPairs(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT count(*)::int AS pairs FROM bookings a JOIN bookings b
       ON a.therapist_id = b.therapist_id AND a.id < b.id
      AND a.status NOT IN ('cancelled', 'rescheduled') AND b.status NOT IN ('cancelled', 'rescheduled')
      AND tstzrange(a.starts_at, a.occupied_until) && tstzrange(b.starts_at, b.occupied_until)`,
  );
  return rows[0].pairs;
}

export const NO_CLOTS = {
  historyOfClots: false,
  legSwellingOrPain: false,
  clottingDisorder: false,
  anticoagulants: false,
  recentSurgeryOrBedRest: false,
};

/** A valid intake body; override any answer. */
export function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    painAreas: ['upper-back', 'between-shoulder-blades'],
    sensations: ['tight', 'aching'],
    onset: 'chronic',
    causes: ['posture'],
    knots: true,
    stressLevel: 4,
    redFlags: { chestPain: false, radiatingPain: false, fever: false },
    pregnancy: { pregnant: false },
    ...overrides,
  };
}

export const PREGNANT = { pregnancy: { pregnant: true, weeks: 24 }, clotScreening: NO_CLOTS };

export async function makeIntake(
  t: TestApp,
  client: Account,
  overrides: Record<string, unknown> = {},
) {
  const response = await request(t.server)
    .post(`${API}/intakes`)
    .set('Authorization', bearer(client))
    .send(intakeBody(overrides))
    .expect(201);
  return response.body;
}

/** A small real JPEG (a flat colour) made with sharp. */
export async function makeJpeg(width = 800, height = 600, colour = '#7a9e7e'): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** Uploads a photo for the therapist (who has a profile); answers the request's promise. */
export function uploadPhoto(t: TestApp, therapist: Account, image: Buffer, type = 'image/jpeg') {
  return request(t.server)
    .put(`${API}/therapists/me/photo`)
    .set('Authorization', bearer(therapist))
    .set('Content-Type', type)
    .send(image);
}
