import fc from 'fast-check';
import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  intakeBody,
  makeClient,
  makeOffering,
  makeTherapist,
  NO_CLOTS,
  utcAt,
} from '../support/factories.js';

/**
 * Property: for any history of intakes and any booking request, the gate answers what the latest
 * intake alone calls for — the older intakes, and which one the request names, change nothing
 * (naming an older one is refused as superseded).
 */
let t: TestApp;
let certified: Account;
let uncertified: Account;
const offerings: Record<string, { id: string }> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const technique of ['swedish', 'deep-tissue', 'prenatal']) {
    offerings[technique] = await makeOffering(t, { technique, name: technique });
  }
  certified = await makeTherapist(t, {
    techniques: ['swedish', 'deep-tissue', 'prenatal'],
    verified: ['massage-license', 'prenatal'],
    weekly: ALL_WEEK,
  });
  uncertified = await makeTherapist(t, {
    techniques: ['swedish', 'deep-tissue', 'prenatal'],
    weekly: ALL_WEEK,
  });
});
afterAll(() => t.close());

const INTAKES = {
  clear: intakeBody(),
  pregnant: intakeBody({ pregnancy: { pregnant: true, weeks: 20 }, clotScreening: NO_CLOTS }),
  clotRisk: intakeBody({
    pregnancy: { pregnant: false },
    clotScreening: { ...NO_CLOTS, anticoagulants: true },
  }),
  pregnantClotRisk: intakeBody({
    pregnancy: { pregnant: true, weeks: 30 },
    clotScreening: { ...NO_CLOTS, historyOfClots: true },
  }),
  screenedNotPregnant: intakeBody({ clotScreening: NO_CLOTS }),
  redFlag: { redFlags: { chestPain: false, radiatingPain: false, fever: true } },
} as const;
type Kind = keyof typeof INTAKES;

interface Filed {
  id: string;
  status: string;
  flags: { code: string; status: string }[];
  answers: { pregnancy?: { pregnant: boolean }; clotScreening?: Record<string, boolean> };
}

/** The gate's answer from the latest intake alone (API.md), written apart from the app's rules. */
function expected(latest: Filed, technique: string, prenatalCertified: boolean): number | string {
  const open = (code: string) =>
    latest.flags.some((f) => f.code === code && f.status !== 'approved');
  const pregnant = latest.answers.pregnancy?.pregnant === true;
  const clotAnswer = Object.values(latest.answers.clotScreening ?? {}).some(Boolean);
  const prenatal = technique === 'prenatal' || pregnant;
  // The therapist's qualification for the technique comes first (README, Booking rules).
  if (technique === 'prenatal' && !prenatalCertified) return 'THERAPIST_NOT_QUALIFIED';
  if (latest.status === 'blocked' || open('RED_FLAG_RETRACTED')) return 'INTAKE_BLOCKED';
  if ((pregnant || clotAnswer) && technique === 'deep-tissue') return 'TECHNIQUE_CONTRAINDICATED';
  if (prenatal && !latest.answers.clotScreening) return 'PRENATAL_SCREENING_REQUIRED';
  if (open('CLOT_RISK')) return 'CLOT_REVIEW_PENDING';
  if (prenatal && !prenatalCertified) return 'THERAPIST_NOT_QUALIFIED';
  return 201;
}

let slot = 0;
it('judges every booking by the latest intake alone, whatever the history and the request', async () => {
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...(Object.keys(INTAKES) as Kind[])), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.constantFrom('swedish', 'deep-tissue', 'prenatal'),
      fc.constantFrom('none', 'latest', 'first'),
      fc.boolean(),
      async (history, technique, named, withCertified) => {
        const client = await makeClient(t);
        const filed: Filed[] = [];
        for (const kind of history) {
          const answer = await request(t.server)
            .post(`${API}/intakes`)
            .set('Authorization', bearer(client))
            .send(INTAKES[kind])
            .expect(201);
          filed.push(answer.body);
        }
        const latest = filed[filed.length - 1];
        const intakeId =
          named === 'none' ? undefined : named === 'latest' ? latest.id : filed[0].id;
        const therapist = withCertified ? certified : uncertified;
        const answer = await book(t, client, {
          therapistId: therapist.id,
          offeringId: offerings[technique].id,
          startsAt: utcAt(2 + Math.floor(slot / 10), (slot++ % 10) * 2),
          intakeId,
        });
        const want =
          intakeId && intakeId !== latest.id && !(technique === 'prenatal' && !withCertified)
            ? 'INTAKE_SUPERSEDED'
            : expected(latest, technique, withCertified);
        checked++;
        return answer.status === 201 ? want === 201 : answer.body.code === want;
      },
    ),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
  );
  console.info(`latest-intake property: ${checked} histories checked`);
}, 120_000);
