import { request } from '../support/api-request.js';
import { createTestApp, TestApp } from '../support/test-app.js';
import {
  ALL_WEEK,
  API,
  bearer,
  certify,
  everyDay,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  utcAt,
} from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('matches read only as far as their answer needs', () => {
  it('answers, for every limit, exactly the head of the whole ranking', async () => {
    const admin = await loginAdmin(t);
    await makeOffering(t, { technique: 'swedish', name: 'Swedish 60' });
    await makeOffering(t, { technique: 'deep-tissue', name: 'Deep 60' });
    await makeOffering(t, { technique: 'trigger-point', name: 'Trigger 45', durationMinutes: 45 });
    // Ties on experience (10 years and more all count as 10), hours that leave fewer free slots
    // than the score's saturation for some offerings, none at all, and a licence that ends
    // inside the window: the search must read past the best-bounded therapists.
    const oneHour = everyDay('09:00', '10:00');
    const therapists: [number, typeof ALL_WEEK, string[]?][] = [
      [12, ALL_WEEK],
      [12, oneHour],
      [12, ALL_WEEK, ['swedish']],
      [14, []],
      [10, oneHour],
      [20, ALL_WEEK, ['trigger-point']],
      [11, ALL_WEEK],
      [3, ALL_WEEK],
      [3, oneHour],
      [0, ALL_WEEK],
    ];
    for (const [index, [yearsExperience, weekly, techniques]] of therapists.entries()) {
      await makeTherapist(t, {
        name: `Therapist ${index + 1}`,
        yearsExperience,
        weekly,
        ...(techniques ? { techniques } : {}),
      });
    }
    const shortLicence = await makeTherapist(t, {
      name: 'Short Licence',
      yearsExperience: 12,
      weekly: ALL_WEEK,
      verified: [],
    });
    await certify(t, shortLicence, 'massage-license', utcAt(7, 0).slice(0, 10), admin);

    const client = await makeClient(t);
    const intake = await makeIntake(t, client);
    const ranked = async (limit: number) =>
      (
        await request(t.server)
          .get(`${API}/intakes/${intake.id}/matches`)
          .query({ from: utcAt(6, 0), to: utcAt(9, 0), limit })
          .set('Authorization', bearer(client))
          .expect(200)
      ).body;
    // A page of 101 holds every candidate here, so the largest limit scores every pair.
    const everyPair = await ranked(100);
    expect(everyPair.length).toBeGreaterThan(20);
    const reasons = everyPair.flatMap((match: { reasons: string[] }) => match.reasons);
    expect(reasons).toContain('No free slots in your window; try other dates');
    expect(reasons).toContain('3 free slots in your window');
    for (let limit = 1; limit <= everyPair.length; limit++) {
      expect(await ranked(limit)).toEqual(everyPair.slice(0, limit));
    }
  });
});
