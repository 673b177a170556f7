/**
 * Changing plans in Chromium: the policy said before booking and in the cancel prompt, moving a
 * booking to another time in the week view, and the waitlist — joining from a full week, the
 * time held with its countdown, claiming it.
 */
import type { Page } from 'playwright-core';
import { request } from '../support/api-request.js';
import {
  ALL_WEEK,
  API,
  bearer,
  book,
  cancelBooking,
  everyDay,
  hoursFromNow,
  makeClient,
  makeOffering,
  makeTherapist,
  utcAt,
} from '../support/factories.js';
import { browserSuite, describeInBrowser } from './harness.js';

describeInBrowser('changing plans in Chromium', () => {
  let swedishId = '';
  const harness = browserSuite({ JOB_POLL_SECONDS: '1' }, async (t) => {
    swedishId = (await makeOffering(t, { technique: 'swedish', name: 'Swedish, 60 min' })).id;
  });
  const { openPage, shot, signIn } = harness;
  const t = () => harness.t;

  /** As the person reads an instant in the page (its zone and locale). */
  const shownAs = (page: Page, iso: string) =>
    page.evaluate(
      (value) =>
        new Intl.DateTimeFormat(undefined, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: 'numeric',
          minute: '2-digit',
        }).format(new Date(value)),
      iso,
    );

  /** Until the waitlist has worked every freed time it was told of. */
  async function waitlistSettled(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await t().db.query(
        `SELECT count(*)::int AS n FROM pgboss.job
          WHERE name = 'waitlist-freed-time' AND state IN ('created', 'retry', 'active')`,
      );
      if (rows[0].n === 0) return;
      if (Date.now() > deadline) throw new Error('the waitlist jobs did not settle');
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  it('a client sees the policy, is told before cancelling whether it counts as late, and moves a booking', async () => {
    const therapist = await makeTherapist(t(), {
      name: 'Mira Move',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t(), 'Cleo Change');
    // Three hours away: inside the 24-hour notice period.
    const soonStart = hoursFromNow(3);
    const soon = await book(t(), client, {
      therapistId: therapist.id,
      offeringId: swedishId,
      startsAt: soonStart,
    }).expect(201);
    const later = await book(t(), client, {
      therapistId: therapist.id,
      offeringId: swedishId,
      startsAt: utcAt(3, 10),
    }).expect(201);

    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByText('Step 1 of 5').waitFor();
    await page.getByRole('link', { name: 'Bookings', exact: true }).click();
    const laterCard = page.locator('.booking', { hasText: await shownAs(page, utcAt(3, 10)) });
    const soonCard = page.locator('.booking', { hasText: await shownAs(page, soonStart) });
    await soonCard.getByText('too close to the session to change its time online').waitFor();
    expect(await soonCard.getByRole('link', { name: 'Change time' }).count()).toBe(0);
    await soonCard.getByRole('button', { name: 'Cancel booking' }).click();
    await soonCard.getByText(/so this counts as a late cancellation/).waitFor();
    await shot(page, 'c1-cancel-late-said-before');
    await soonCard.getByRole('button', { name: 'No, go back' }).click();
    await laterCard.getByRole('button', { name: 'Cancel booking' }).click();
    await laterCard.getByText('It is early enough: this is not a late cancellation.').waitFor();
    await laterCard.getByRole('button', { name: 'No, go back' }).click();

    await laterCard.getByRole('link', { name: 'Change time' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    await page.getByText(/You can cancel or move this session online until 24 hours/).waitFor();
    // Thursday-ish, four days on: its day in the strip (titled by the long date), then its time.
    const target = utcAt(4, 14);
    const [longDay, shortTime] = await page.evaluate((value) => {
      const at = new Date(value);
      return [
        new Intl.DateTimeFormat(undefined, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
        }).format(at),
        new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(at),
      ];
    }, target);
    await page.locator(`.day-strip button[title="${longDay}"]`).click();
    await page
      .getByRole('region', { name: longDay })
      .getByRole('button', { name: shortTime, exact: true })
      .click();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await page.getByRole('heading', { name: 'Your session has moved' }).waitFor();
    await shot(page, 'c2-moved');

    const moved = await request(t().server)
      .get(`${API}/bookings/${later.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(moved.body.status).toBe('rescheduled');
    const next = await request(t().server)
      .get(`${API}/bookings/${moved.body.rescheduledToId}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(next.body).toMatchObject({ status: 'confirmed', startsAt: target });
    // My bookings lists the session once, at its new time.
    await page.getByRole('link', { name: 'All my bookings' }).click();
    await page.locator('.booking', { hasText: await shownAs(page, target) }).waitFor();
    expect(
      await page.locator('.booking', { hasText: await shownAs(page, utcAt(3, 10)) }).count(),
    ).toBe(0);
    expect(soon.body.status).toBe('confirmed');
  }, 60_000);

  it('a client joins the waitlist from a full week, and books the time held for her', async () => {
    const therapist = await makeTherapist(t(), {
      name: 'Nia Full',
      techniques: ['swedish'],
      weekly: everyDay('14:00', '15:00'),
    });
    await waitlistSettled();
    // Every day of the coming week is taken.
    const others = await Promise.all(Array.from({ length: 8 }, () => makeClient(t())));
    const taken = [];
    for (let d = 1; d <= 8; d++) {
      const answer = await book(t(), others[d - 1], {
        therapistId: therapist.id,
        offeringId: swedishId,
        startsAt: utcAt(d, 14),
      }).expect(201);
      taken.push({ id: answer.body.id, owner: others[d - 1] });
    }
    const client = await makeClient(t(), 'Wren Waiting');
    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByText('Step 1 of 5').waitFor();
    await page.goto(`${t().server}/#/book/${therapist.id}?technique=swedish&offering=${swedishId}`);
    await page.getByRole('heading', { name: 'No time that suits you?' }).waitFor();
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.getByText(/You are on the waitlist for/).waitFor();
    await shot(page, 'c3-joined-waitlist');

    await cancelBooking(t(), taken[2].owner, taken[2].id).expect(200);
    await waitlistSettled();
    await page.getByRole('link', { name: 'Waitlist', exact: true }).click();
    await page.getByText('A time came free for you').waitFor();
    await page.getByText(/Held for you for \d+:\d\d/).waitFor();
    await shot(page, 'c4-offer-held');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByText(/^Booked: /).waitFor();
    const mine = await request(t().server)
      .get(`${API}/bookings`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ status: 'confirmed', startsAt: utcAt(3, 14) }),
    ]);
  }, 60_000);
});
