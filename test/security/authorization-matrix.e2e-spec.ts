import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  farFuture,
  loginAdmin,
  makeClient,
  makeIntake,
  makeJpeg,
  makeOffering,
  makeTherapist,
  NO_CLOTS,
  uniqueEmail,
  uploadPhoto,
  utcAt,
} from '../support/factories.js';
import { Fixtures, INTAKE_ROUTES, ObjectKind, ROUTE_POLICY, RoutePolicy } from './route-policy.js';

type Principal = 'anonymous' | 'clientA' | 'clientB' | 'therapistA' | 'therapistB' | 'admin';
type Outcome = 'granted' | 'unauthenticated' | 'forbidden' | 'hidden';
const PRINCIPALS: Principal[] = [
  'anonymous',
  'clientA',
  'clientB',
  'therapistA',
  'therapistB',
  'admin',
];
const SIDE: Record<Principal, 'A' | 'B'> = {
  anonymous: 'A',
  clientA: 'A',
  clientB: 'B',
  therapistA: 'A',
  therapistB: 'B',
  admin: 'A',
};
const INTAKE_ANSWER_KEYS = [
  'clotScreening',
  'redFlags',
  'historyOfClots',
  'stressLevel',
  'sensations',
];

let t: TestApp;
let accounts: Record<Exclude<Principal, 'anonymous'>, Account>;
let objects: Record<Exclude<ObjectKind, 'calendarFile'>, Record<'A' | 'B', string>>;
let fixtures: Fixtures;

async function setUp(): Promise<void> {
  t = await createTestApp();
  const admin = await loginAdmin(t);
  const offering = await makeOffering(t, { technique: 'swedish' });
  const disposableA = await makeOffering(t, { technique: 'shiatsu', name: 'Disposable A' });
  const disposableB = await makeOffering(t, { technique: 'shiatsu', name: 'Disposable B' });
  const [therapistA, therapistB] = [
    await makeTherapist(t, { name: 'Ada Therapist', techniques: ['swedish'], weekly: ALL_WEEK }),
    await makeTherapist(t, { name: 'Bo Therapist', techniques: ['swedish'], weekly: ALL_WEEK }),
  ];
  for (const therapist of [therapistA, therapistB]) {
    await uploadPhoto(t, therapist, await makeJpeg(64, 64)).expect(204);
  }
  const [clientA, clientB] = [await makeClient(t, 'Ann Client'), await makeClient(t, 'Ben Client')];
  const perSide = async (client: Account, therapist: Account, day: number) => {
    const intake = await makeIntake(t, client);
    const booking = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: utcAt(day, 10),
    }).expect(201);
    const { entry, offer } = await waitlistOffer(client, therapist, offering.id, day + 2);
    const flagged = await makeIntake(t, client, {
      pregnancy: { pregnant: true, weeks: 20 },
      clotScreening: { ...NO_CLOTS, historyOfClots: true },
    });
    const timeOff = await request(t.server)
      .post(`${API}/therapists/me/time-off`)
      .set('Authorization', bearer(therapist))
      .send({ startsAt: utcAt(day + 30, 0), endsAt: utcAt(day + 31, 0) })
      .expect(201);
    const certification = await request(t.server)
      .post(`${API}/therapists/me/certifications`)
      .set('Authorization', bearer(therapist))
      .send({ kind: 'prenatal', issuer: 'Board', number: 'P', expiresOn: farFuture() })
      .expect(201);
    return {
      intake: intake.id,
      booking: booking.body.id,
      flag: flagged.flags[0].id,
      timeOff: timeOff.body.id,
      certification: certification.body.id,
      entry,
      offer,
    };
  };
  const a = await perSide(clientA, therapistA, 5);
  const b = await perSide(clientB, therapistB, 6);
  accounts = { clientA, clientB, therapistA, therapistB, admin };
  const location = await request(t.server)
    .post(`${API}/admin/locations`)
    .set('Authorization', bearer(admin))
    .send({ name: 'Matrix Riverside', address: '1 Quay', timezone: 'UTC' })
    .expect(201);
  objects = {
    booking: { A: a.booking, B: b.booking },
    intake: { A: a.intake, B: b.intake },
    timeOff: { A: a.timeOff, B: b.timeOff },
    certification: { A: a.certification, B: b.certification },
    flag: { A: a.flag, B: b.flag },
    offering: { A: offering.id, B: offering.id },
    disposableOffering: { A: disposableA.id, B: disposableB.id },
    therapist: { A: therapistA.id, B: therapistB.id },
    waitlistEntry: { A: a.entry, B: b.entry },
    waitlistOffer: { A: a.offer, B: b.offer },
    location: { A: location.body.id, B: location.body.id },
  };
  fixtures = {
    clientEmail: clientA.email,
    clientPassword: clientA.password,
    offeringId: offering.id,
    therapistId: therapistA.id,
    futureStart: utcAt(9, 10),
    laterStart: utcAt(9, 14),
    uniqueEmail: () => uniqueEmail('matrix'),
  };
}

/**
 * A waitlist entry of the client for the therapist's day, and the offer it gets when a booking
 * that day is cancelled (the waitlist's job runs within a poll).
 */
async function waitlistOffer(
  client: Account,
  therapist: Account,
  offeringId: string,
  day: number,
): Promise<{ entry: string; offer: string }> {
  const entry = await request(t.server)
    .post(`${API}/waitlist`)
    .set('Authorization', bearer(client))
    .send({ offeringId, therapistId: therapist.id, from: utcAt(day, 9), to: utcAt(day, 12) })
    .expect(201);
  const someone = await makeClient(t);
  const taken = await book(t, someone, {
    therapistId: therapist.id,
    offeringId,
    startsAt: utcAt(day, 10),
  });
  if (taken.status === 201) {
    await request(t.server)
      .post(`${API}/bookings/${taken.body.id}/cancel`)
      .set('Authorization', bearer(someone))
      .send({})
      .expect(200);
  }
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await t.db.query(
      `SELECT id FROM waitlist_offers WHERE entry_id = $1 AND status = 'open'`,
      [entry.body.id],
    );
    if (rows[0]) return { entry: entry.body.id, offer: rows[0].id };
    if (Date.now() > deadline) throw new Error('the waitlist made no offer');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectedOutcome(
  policy: RoutePolicy,
  principal: Principal,
  side: 'own' | 'other',
): Outcome {
  if (policy.public) return 'granted';
  if (principal === 'anonymous') return 'unauthenticated';
  const role = accounts[principal].role;
  if (!policy.roles?.includes(role)) return 'forbidden';
  if (policy.scoped && side === 'other' && role !== 'admin') return 'hidden';
  return 'granted';
}

function outcomeOf(status: number): Outcome | 'server-error' {
  if (status >= 500) return 'server-error';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'granted';
}

async function objectId(kind: ObjectKind, side: 'A' | 'B'): Promise<string> {
  if (kind !== 'calendarFile') return objects[kind][side];
  // Looked up at call time: the rotate route changes it.
  const { body } = await request(t.server)
    .get(`${API}/therapists/me/calendar`)
    .set('Authorization', bearer(accounts.therapistA))
    .expect(200);
  return new URL(body.url).pathname.split('/').pop()!;
}

beforeAll(setUp, 120_000);
afterAll(() => t.close());

it('checks every route for every principal against the declared policy', async () => {
  const doc = await request(t.server)
    .get('/docs-json')
    .offContract('the document itself')
    .expect(200);
  const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(routes.filter((route) => !(route in ROUTE_POLICY))).toEqual([]);
  expect(Object.keys(ROUTE_POLICY).filter((route) => !routes.includes(route))).toEqual([]);

  // Mutating routes last, so reads see the fixtures intact; within a route, others' objects
  // first; logout after everything, as it ends the caller's session.
  const rank = (route: string) => (ROUTE_POLICY[route].last ? 2 : Number(!route.startsWith('GET')));
  const ordered = [...routes].sort((a, b) => rank(a) - rank(b));
  const mismatches: object[] = [];
  const leaks: string[] = [];
  let checks = 0;
  for (const route of ordered) {
    const policy = ROUTE_POLICY[route];
    const [method, template] = route.split(' ');
    for (const side of policy.object ? (['other', 'own'] as const) : (['own'] as const)) {
      for (const principal of PRINCIPALS) {
        const ownSide = SIDE[principal];
        const objectSide = side === 'own' ? ownSide : ownSide === 'A' ? 'B' : 'A';
        let path = template;
        if (policy.object)
          path = path.replace(/\{(id|file)\}/, await objectId(policy.object, objectSide));
        let call = request(t.server)[
          method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
        ](path);
        if (principal !== 'anonymous')
          call = call.set('Authorization', bearer(accounts[principal]));
        if (policy.query) call = call.query(policy.query(fixtures));
        const response = policy.body ? await call.send(policy.body(fixtures)) : await call;
        checks++;
        const expected = expectedOutcome(policy, principal, side);
        const actual =
          expected === 'granted' && policy.grantedStatus !== undefined
            ? response.status === policy.grantedStatus
              ? 'granted'
              : outcomeOf(response.status) === 'granted'
                ? 'unexpected-status'
                : outcomeOf(response.status)
            : outcomeOf(response.status);
        if (actual !== expected)
          mismatches.push({
            route,
            principal,
            side,
            expected,
            status: response.status,
            code: response.body?.code,
          });
        if (
          !INTAKE_ROUTES.has(route) &&
          // A picture has no text, and no intake answers.
          INTAKE_ANSWER_KEYS.some((key) => (response.text ?? '').includes(`"${key}"`))
        ) {
          leaks.push(`${route} as ${principal}`);
        }
      }
    }
  }
  console.info(
    `authorization matrix: ${routes.length} routes, ${checks} (route, principal, object) checks`,
  );
  expect(mismatches).toEqual([]);
  expect(leaks).toEqual([]);
  expect(checks).toBeGreaterThan(routes.length * PRINCIPALS.length);
});
