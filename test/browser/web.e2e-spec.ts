/**
 * The web app in a real browser (Debian's Chromium via playwright-core) against the production
 * build. Data that is not the journey's own point is arranged through the API with the factories;
 * every journey itself goes through the UI. Screenshots land in test/artifacts/ (git-ignored).
 */
import { type Locator, type Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { request } from '../support/api-request.js';
import { TEST_ADMIN, TestApp } from '../support/test-app.js';
import {
  ALL_WEEK,
  API,
  bearer,
  book,
  everyDay,
  farFuture,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  slotAnHourAway,
  utcAt,
} from '../support/factories.js';
import { join } from 'node:path';
import { ARTIFACTS, browserSuite, describeInBrowser, DESKTOP } from './harness.js';

const PASSWORD = 'a-good-long-password';

describeInBrowser('the web app in Chromium', () => {
  const harness = browserSuite({}, (t) =>
    Promise.all([
      makeOffering(t, {
        technique: 'trigger-point',
        name: 'Trigger point, 45 min',
        durationMinutes: 45,
        priceCents: 7000,
      }),
      makeOffering(t, { technique: 'swedish', name: 'Swedish, 60 min' }),
      makeOffering(t, { technique: 'prenatal', name: 'Prenatal, 60 min', priceCents: 9000 }),
    ]),
  );
  const { openPage, shot, signIn } = harness;
  let t: TestApp;
  beforeAll(() => {
    t = harness.t;
  });

  /** Signs up from the home's call to action; answers the new account's email address. */
  async function signUp(page: Page, name: string): Promise<string> {
    const email = `${name.split(' ')[0].toLowerCase()}-${Date.now()}@example.com`;
    await page.getByRole('main').getByRole('link', { name: 'Check in and book' }).first().click();
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Step 1 of 5').waitFor();
    return email;
  }

  /** A session of the person `page` signed up as, for reading back what the UI stored. */
  const accountOf = async (email: string) => ({
    token: (
      await request(t.server)
        .post(`${API}/auth/login`)
        .send({ email, password: PASSWORD })
        .expect(200)
    ).body.accessToken as string,
  });

  const notificationsOf = async (account: { token: string }) =>
    (
      await request(t.server)
        .get(`${API}/me/notifications`)
        .set('Authorization', bearer(account))
        .expect(200)
    ).body;

  const answer = (page: Page, question: RegExp, value: 'Yes' | 'No') =>
    page.getByRole('group', { name: question }).getByLabel(value, { exact: true }).check();

  const next = (page: Page) => page.getByRole('button', { name: 'Next' }).click();

  /** Steps 1 and 2: knots between the shoulder blades, chronic, from posture. */
  async function answerBackQuestions(page: Page, screenshot = false) {
    await page.getByLabel('Between the shoulder blades').check();
    await page.getByLabel('Upper back').check();
    await page.getByLabel('Tight').check();
    await page.getByLabel('Aching').check();
    if (screenshot) await shot(page, '02-intake-step');
    await next(page);
    await page.getByLabel(/A while ago/).check();
    await page.getByLabel(/^Posture/).check();
    await answer(page, /knots/, 'Yes');
    await next(page);
  }

  async function noRedFlags(page: Page) {
    for (const question of [/chest/, /spread/, /fever/]) await answer(page, question, 'No');
    await next(page);
  }

  async function finish(page: Page) {
    await page.getByLabel('Medium').check();
    await page.getByRole('button', { name: 'See my suggestions' }).click();
  }

  it('a client signs up, checks in, sees suggestions and matches, books, and cancels', async () => {
    await makeTherapist(t, {
      name: 'Maya Okafor',
      yearsExperience: 10,
      techniques: ['swedish', 'trigger-point', 'deep-tissue'],
      weekly: everyDay('09:00', '17:00'),
    });
    const page = await openPage();
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(page, '01-sign-in');
    await page.getByRole('link', { name: 'Unknot' }).click();
    const email = await signUp(page, 'Casey Client');
    // Signing up kept the browser's time zone for the emails, with reminders on.
    expect(await notificationsOf(await accountOf(email))).toEqual({
      reminders: true,
      timezone: 'America/New_York',
    });

    // The questionnaire refuses to skip a question, in words next to it. Safety comes first.
    await next(page);
    expect(await page.getByText('Please answer this question.').count()).toBe(3);
    await noRedFlags(page);
    await next(page);
    await page.getByText('Choose at least one area.').waitFor();
    await answerBackQuestions(page, true);
    await answer(page, /Are you pregnant/, 'No');
    await answer(page, /given birth/, 'No');
    await next(page);
    await finish(page);

    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    const best = page.locator('.suggestions > li').first();
    expect(await best.getByRole('heading').textContent()).toContain('Trigger point');
    expect(await best.locator('.reasons').textContent()).toMatch(/shoulder blades/i);
    const match = page.locator('.match', { hasText: 'Maya Okafor' });
    await match.getByText('Trigger point · 10 years of experience').waitFor();
    await match.waitFor();
    expect(await match.locator('.slot').count()).toBeGreaterThan(0);
    await shot(page, '03-suggestions');
    await page.locator('.matches').screenshot({ path: join(ARTIFACTS, '05-matches.png') });

    await match.getByRole('link', { name: 'More times with Maya Okafor' }).click();
    await page.getByRole('heading', { name: 'Book Maya Okafor' }).waitFor();
    await page.getByText('Times are shown in New York time, your time zone.').waitFor();
    await page.getByRole('button', { name: 'Later dates' }).click();
    await page.getByRole('button', { name: 'Earlier dates' }).click();
    // Back on the first two weeks (no earlier ones), their times loaded.
    await page.getByRole('button', { name: 'Earlier dates' }).waitFor({ state: 'detached' });
    await page.locator('.picker[aria-busy="false"]').waitFor();
    // A later day's first time: today's first can pass while the test runs.
    await page.locator('.day-strip button').nth(1).click();
    await page.locator('.times .slot').first().click();
    // What the bar says will be booked ("Tue, Nov 24, 5:00 AM – 5:45 AM") is what my bookings show.
    const time = await page.locator('.booking-choice strong').textContent();
    await shot(page, '06-book-week', false);
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'You’re booked' }).waitFor();
    await page
      .getByText(`We sent a confirmation to ${email}, with an invitation for your calendar.`)
      .waitFor();
    await shot(page, '07-booked');

    await page.getByRole('link', { name: 'All my bookings' }).click();
    const booking = page.locator('.booking', { hasText: 'Maya Okafor' });
    await booking.waitFor();
    expect(await booking.textContent()).toContain(time);
    await shot(page, '08-my-bookings');
    await booking.getByRole('button', { name: 'Cancel booking' }).click();
    await booking.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText(/Booking cancelled/).waitFor();
    await booking.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Cancelled', exact: true }).click();
    await booking.getByText('Cancelled', { exact: true }).waitFor();
    expect(await booking.getByRole('button', { name: 'Cancel booking' }).count()).toBe(0);
  }, 90_000);

  /** The outline style of `target` if it has the focus, else undefined. */
  const focusOutline = (target: Locator) =>
    target.evaluate((element) => {
      const node = element as unknown as {
        ownerDocument: {
          activeElement: unknown;
          defaultView: { getComputedStyle(e: unknown): { outlineStyle: string } };
        };
      };
      if (node.ownerDocument.activeElement !== node) return undefined;
      return node.ownerDocument.defaultView.getComputedStyle(node).outlineStyle;
    });

  /**
   * Presses Tab until `target` has the focus (failing if it never does), and checks that the
   * focus can be seen: a keyboard user must reach every control, and see where they are.
   */
  async function tabTo(page: Page, target: Locator, maxPresses = 150) {
    for (let i = 0; i < maxPresses; i++) {
      await page.keyboard.press('Tab');
      const outline = await focusOutline(target);
      if (outline !== undefined) {
        expect(outline).not.toBe('none');
        return;
      }
    }
    throw new Error(`Tab never reached ${target}`);
  }

  it('a client signs in, finds a therapist and books with the keyboard alone', async () => {
    await makeTherapist(t, {
      name: 'Kei Keyes',
      yearsExperience: 6,
      techniques: ['swedish', 'trigger-point'],
      weekly: everyDay('09:00', '17:00'),
    });
    const client = await makeClient(t, 'Kim Keyboard');
    const intake = await makeIntake(t, client);
    const page = await openPage({ viewport: DESKTOP });

    // From the public home: the header's "Sign in", then the form.
    await tabTo(page, page.getByRole('link', { name: 'Sign in', exact: true }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(client.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(client.password);
    await page.keyboard.press('Enter');
    // A returning client starts at the newest check-in's suggestions.
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();

    // The suggestions page of the intake filed earlier (a link the client keeps).
    await page.goto(`${t.server}/#/intake/${intake.id}`);
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    const week = page.getByRole('link', { name: 'More times with Kei Keyes' });
    await tabTo(page, week);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Book Kei Keyes' }).waitFor();

    // A later day (today's first time can pass while the test runs): the strip is one Tab stop,
    // the arrow keys move along it. Then its first time.
    await tabTo(page, page.locator('.day-strip button[aria-pressed="true"]'), 20);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page
      .locator('.day-strip button')
      .nth(1)
      .and(page.locator('[aria-pressed="true"]'))
      .waitFor();
    await tabTo(page, page.locator('.times .slot').first(), 3);
    await page.keyboard.press('Enter');
    // Choosing a time takes the focus to the button that books it, past the week's other times.
    const bookIt = page.getByRole('button', { name: 'Book this time' });
    await bookIt.waitFor();
    const outline = await focusOutline(bookIt);
    expect(outline).toBeDefined(); // focused…
    expect(outline).not.toBe('none'); // …visibly
    expect(await bookIt.getAttribute('aria-describedby')).toBe('booking-choice');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You’re booked' }).waitFor();

    const { body } = await request(t.server)
      .get(`${API}/bookings`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].status).toBe('confirmed');
  }, 90_000);

  const offeringOf = async (technique: string): Promise<string> =>
    (await request(t.server).get(`${API}/offerings?technique=${technique}`).expect(200)).body
      .items[0].id;

  /** The first free start of an offering with a therapist, `days` days ahead (a UTC day). */
  async function slotInDays(therapistId: string, offeringId: string, days: number) {
    const { body } = await request(t.server)
      .get(`${API}/therapists/${therapistId}/slots`)
      .query({ offeringId, from: utcAt(days, 0), to: utcAt(days + 1, 0) })
      .expect(200);
    return body.slots[0].startsAt as string;
  }

  /** An instant as the app writes it (format.ts), in the page's own locale and time zone. */
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

  const bookingOf = async (client: { token: string }, id: string) =>
    (
      await request(t.server)
        .get(`${API}/bookings/${id}`)
        .set('Authorization', bearer(client))
        .expect(200)
    ).body;

  const DOCTOR_FIRST =
    'Cancelled by the spa: your latest check-in mentions symptoms that need a doctor first.';

  it('a client with chest pain is sent to their doctor at once, and told her booking is cancelled', async () => {
    const therapist = await makeTherapist(t, {
      name: 'Rhea Rest',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t, 'Robin Redflag');
    await makeIntake(t, client);
    const swedish = await offeringOf('swedish');
    const startsAt = await slotInDays(therapist.id, swedish, 3);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish,
      startsAt,
    }).expect(201);

    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    await page.getByRole('link', { name: 'Check-in', exact: true }).click();
    await page.getByText('Step 1 of 5').waitFor();
    // The safety questions come first; a yes files them alone and asks nothing more.
    await page.getByRole('heading', { name: 'A few safety questions' }).waitFor();
    await answer(page, /chest/, 'Yes');
    await answer(page, /spread/, 'No');
    await answer(page, /fever/, 'No');
    const filed = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith(`${API}/intakes`),
    );
    await next(page);
    expect(JSON.parse((await filed).postData() ?? '')).toEqual({
      redFlags: { chestPain: true, radiatingPain: false, fever: false },
    });
    await page
      .getByRole('heading', { name: 'Please call your primary care provider first' })
      .waitFor();
    expect(await page.getByText('Therapists for you').count()).toBe(0);
    expect(await page.getByText('Where do you feel the pain?').count()).toBe(0);
    // The booking the check-in cancelled is on the same screen: when, what, and why.
    const changed = page.locator('.affected-bookings li');
    await changed.getByText(`${await shownAs(page, startsAt)} · Swedish`).waitFor();
    await changed.getByText('Cancelled', { exact: true }).waitFor();
    await changed.getByText(DOCTOR_FIRST).waitFor();
    await shot(page, '04-red-flag');

    await page.getByRole('link', { name: 'My bookings', exact: true }).click();
    await page.getByRole('link', { name: 'Cancelled', exact: true }).click();
    const card = page.locator('.booking', { hasText: 'Rhea Rest' });
    await card.getByText(DOCTOR_FIRST).waitFor();
    await card.getByText('Cancelled', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'Cancel booking' }).count()).toBe(0);
    await shot(page, '08b-my-bookings-cancelled-by-the-spa');
    expect(await bookingOf(client, booked.body.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancellationCode: 'INTAKE_BLOCKED',
    });
  }, 60_000);

  it('a therapist sets weekly hours in the editor and sees a client’s booking in the agenda', async () => {
    const therapist = await makeTherapist(t, {
      name: 'Theo Therapist',
      timezone: 'Europe/Lisbon',
      techniques: ['swedish'],
    });
    const page = await openPage({ timezoneId: 'Europe/Lisbon' });
    await signIn(page, therapist.email, therapist.password);
    // Without weekly hours the first screen is the checklist, which says so.
    await page.getByRole('heading', { name: 'Welcome, Theo Therapist' }).waitFor();
    await page.locator('.checklist-todo', { hasText: 'Weekly hours' }).waitFor();
    await page.getByRole('link', { name: 'Add your hours' }).click();
    await page.getByText('No hours yet').waitFor();
    for (let day = 0; day < 7; day++) {
      await page.getByRole('button', { name: 'Add hours' }).click();
    }
    // A typo is refused by the API and shown next to its field (weekly[1].start), in words.
    const tuesday = page.getByRole('group', { name: 'Hours 2' });
    await tuesday.getByLabel('From').fill('9');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await tuesday.getByText(/Enter a start time like 09:00/).waitFor();
    expect(await page.getByText(/HH:mm|weekly/).count()).toBe(0);
    await tuesday.getByLabel('From').fill('10:00');
    await page
      .getByRole('group', { name: 'Hours 7' })
      .getByRole('button', { name: 'Remove hours 7' })
      .click();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Hours saved.').waitFor();
    await shot(page, '09-therapist-hours');
    const saved = await request(t.server)
      .get(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(saved.body.weekly).toHaveLength(6);
    expect(saved.body.weekly[1]).toEqual({
      weekday: 2,
      start: '10:00',
      end: '17:00',
      locationId: null,
    });

    // A certification for prenatal massage, filed for review.
    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    await page.getByText('Clients can find and book you.').waitFor();
    await page.getByLabel('Kind').selectOption('prenatal');
    await page.getByLabel('Issued by').fill('American Pregnancy Massage Board');
    await page.getByLabel('Number').fill('PN-2048');
    await page.getByLabel('Valid until').fill(`${new Date().getFullYear() + 2}-06-30`);
    await page.getByRole('button', { name: 'Add certification' }).click();
    await page.getByText('Certification sent for review.').waitFor();
    await page.locator('li', { hasText: 'PN-2048' }).getByText('Waiting for review').waitFor();
    await shot(page, '09b-therapist-profile');

    // A client books the first free slot (arranged through the API).
    const client = await makeClient(t, 'Ana Lima');
    const intake = await makeIntake(t, client, {
      preferences: { pressure: 'firm', likesScents: false },
    });
    const { body: offerings } = await request(t.server).get(`${API}/offerings?technique=swedish`);
    const offeringId = offerings.items[0].id;
    const { body: free } = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots?offeringId=${offeringId}`)
      .expect(200);
    await book(t, client, {
      therapistId: therapist.id,
      offeringId,
      startsAt: slotAnHourAway(free.slots),
      intakeId: intake.id,
      notes: 'Left shoulder blade, please.',
    }).expect(201);

    await page.getByRole('link', { name: 'Agenda' }).click();
    const session = page.locator('.booking', { hasText: 'Ana Lima' });
    await session.waitFor();
    const text = await session.textContent();
    expect(text).toContain('Swedish, 60 min');
    expect(text).toContain('Between the shoulder blades');
    expect(text).toContain('Pressure: Firm');
    expect(text).toContain('Left shoulder blade, please.');
    expect(await page.getByLabel('Your calendar link').inputValue()).toMatch(
      /\/calendar\/.+\.ics$/,
    );
    await shot(page, '10-therapist-agenda');

    // A session that has begun is closed from the agenda. Booked through the API, then moved to
    // have begun a minute ago (today, so it is in this week's view) with SQL: nobody can book the past.
    const late = await makeClient(t, 'Leo Late');
    const begun = await book(t, late, {
      therapistId: therapist.id,
      offeringId,
      startsAt: free.slots.at(-1).startsAt,
    }).expect(201);
    const startedAt = Math.max(Date.now() - 60_000, new Date().setHours(0, 0, 0, 0));
    await t.db.query(
      `UPDATE bookings SET starts_at = $2, ends_at = $3, occupied_until = $3 WHERE id = $1`,
      [begun.body.id, new Date(startedAt), new Date(startedAt + 30_000)],
    );
    await page.reload();
    const started = page.locator('.booking', { hasText: 'Leo Late' });
    await started.waitFor();
    expect(await started.getByRole('button', { name: 'Cancel session' }).count()).toBe(0);
    await started.getByRole('button', { name: 'Mark completed' }).click();
    await page.getByText('Session with Leo Late completed.').waitFor();
    await started.getByText('Completed', { exact: true }).waitFor();
    await shot(page, '10b-therapist-agenda-completed');
    const closed = await request(t.server)
      .get(`${API}/bookings/${begun.body.id}`)
      .set('Authorization', bearer(late))
      .expect(200);
    expect(closed.body.status).toBe('completed');
  }, 60_000);

  it('a therapist takes time off over a booked session, then makes a new calendar link', async () => {
    const therapist = await makeTherapist(t, {
      name: 'Tess Timeoff',
      timezone: 'Europe/Lisbon',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t, 'Olga Overlap');
    await request(t.server)
      .patch(`${API}/me`)
      .set('Authorization', bearer(client))
      .send({ phone: '+351912345678' })
      .expect(200);
    const { body: offerings } = await request(t.server).get(`${API}/offerings?technique=swedish`);
    const offeringId = offerings.items[0].id;
    const slotsOf = async (): Promise<{ startsAt: string }[]> =>
      (
        await request(t.server)
          .get(`${API}/therapists/${therapist.id}/slots?offeringId=${offeringId}`)
          .expect(200)
      ).body.slots;
    const first = slotAnHourAway(await slotsOf());
    await book(t, client, { therapistId: therapist.id, offeringId, startsAt: first }).expect(201);

    const page = await openPage({ timezoneId: 'Europe/Lisbon', viewport: DESKTOP });
    await signIn(page, therapist.email, therapist.password);
    await page.getByRole('link', { name: 'Time off', exact: true }).click();
    await page.getByText('No time off planned.').waitFor();
    // The form takes the therapist's wall-clock time (Lisbon, the browser's zone).
    const local = (iso: string, hours = 0) =>
      DateTime.fromISO(iso, { zone: 'Europe/Lisbon' })
        .plus({ hours })
        .toFormat("yyyy-MM-dd'T'HH:mm");
    await page.getByLabel('From').fill(local(first));
    await page.getByLabel('Until').fill(local(first, 3));
    await page.getByLabel('Reason (optional)').fill('Dentist');
    await page.getByRole('button', { name: 'Add time off' }).click();
    // The booking is kept, and the therapist is told which one to act on.
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'You have bookings during this time off' });
    await warning.getByText(/with Olga Overlap/).waitFor();
    // With the means to reach her: the email and phone she gave.
    await warning.getByRole('link', { name: client.email }).waitFor();
    await warning.getByRole('link', { name: '+351912345678' }).waitFor();
    await page.locator('li', { hasText: 'Dentist' }).waitFor();
    await shot(page, '10c-therapist-time-off');
    const hidden = (await slotsOf()).filter(
      ({ startsAt }) =>
        Date.parse(startsAt) >= Date.parse(first) &&
        Date.parse(startsAt) < Date.parse(first) + 3 * 3_600_000,
    );
    expect(hidden).toEqual([]);
    const { body: kept } = await request(t.server)
      .get(`${API}/bookings`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(kept.items.map((b: { status: string }) => b.status)).toEqual(['confirmed']);

    await page
      .locator('li', { hasText: 'Dentist' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await page.getByText('Time off removed.').waitFor();
    await page.getByText('No time off planned.').waitFor();
    expect((await slotsOf()).length).toBeGreaterThan(0);

    // The calendar link: the feed lists the session; a new link retires the old one.
    await page.getByRole('link', { name: 'Agenda' }).click();
    const link = page.getByLabel('Your calendar link');
    const oldPath = new URL(await link.inputValue()).pathname;
    const feed = await request(t.server).get(oldPath).expect(200);
    expect(feed.text).toContain('Massage session — Olga O.');
    await page.getByRole('button', { name: 'Make a new link' }).click();
    await page.getByRole('button', { name: 'Yes, make a new link' }).click();
    await page.getByText(/New link made/).waitFor();
    // The message comes first; the field shows the new link once it has been read back.
    let newPath = oldPath;
    for (let i = 0; i < 50 && newPath === oldPath; i++) {
      await page.waitForTimeout(100);
      newPath = new URL(await link.inputValue()).pathname;
    }
    expect(newPath).not.toBe(oldPath);
    await request(t.server).get(oldPath).expect(404);
    expect((await request(t.server).get(newPath).expect(200)).text).toContain(
      'Massage session — Olga O.',
    );
  }, 60_000);

  it('an admin adds, reprices and retires an offering; a booked one is archived, its booking kept', async () => {
    const admin = await openPage({ viewport: DESKTOP });
    await signIn(admin, TEST_ADMIN.email, TEST_ADMIN.password);
    await admin.getByRole('link', { name: 'Offerings', exact: true }).click();
    const addForm = admin.locator('.card', {
      has: admin.getByRole('heading', { name: 'Add an offering' }),
    });
    await addForm.waitFor();
    await addForm.getByLabel('Technique').selectOption('aromatherapy');
    await addForm.getByLabel('Name').fill('Aromatherapy, 45 min');
    await addForm.getByLabel('Duration (minutes)').fill('50');
    await addForm.getByLabel('Price (USD)').fill('65.50');
    await addForm.getByLabel('Buffer after (minutes)').fill('10');
    await addForm.getByRole('button', { name: 'Add offering' }).click();
    // The API's refusal is shown next to its field, and the other answers stay filled in.
    const duration = addForm.getByLabel('Duration (minutes)');
    await addForm
      .locator('.field', { hasText: 'Duration (minutes)' })
      .getByText(/multiple of 15/)
      .waitFor();
    expect(await duration.getAttribute('aria-invalid')).toBe('true');
    expect(await addForm.getByLabel('Name').inputValue()).toBe('Aromatherapy, 45 min');
    await duration.fill('45');
    await addForm.getByRole('button', { name: 'Add offering' }).click();
    await admin.getByText('Offering added.').waitFor();
    const item = admin.locator('li.card', { hasText: 'Aromatherapy, 45 min' });
    await item.getByText('Aromatherapy · 45 min · $65.50 · 10 min buffer').waitFor();

    await item.getByRole('button', { name: 'Edit' }).click();
    // The card becomes its form (the name now sits in an input), the only form in the list.
    const editForm = admin.locator('li.card form');
    expect(await editForm.getByLabel('Name').inputValue()).toBe('Aromatherapy, 45 min');
    await editForm.getByLabel('Price (USD)').fill('70');
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Aromatherapy, 45 min updated.').waitFor();
    await item.getByText('Aromatherapy · 45 min · $70.00 · 10 min buffer').waitFor();
    const listed = async () =>
      (await request(t.server).get(`${API}/offerings?technique=aromatherapy`).expect(200)).body
        .items;
    const [offering] = await listed();
    expect(offering).toMatchObject({ name: 'Aromatherapy, 45 min', priceCents: 7000 });
    await shot(admin, '14b-admin-offering-edited');

    // Booked, then deleted from the menu: archived, gone from public lists, the booking kept.
    const therapist = await makeTherapist(t, { techniques: ['aromatherapy'], weekly: ALL_WEEK });
    const client = await makeClient(t, 'Rosa Scent');
    const { body: free } = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots?offeringId=${offering.id}`)
      .expect(200);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: slotAnHourAway(free.slots),
    }).expect(201);
    await item.getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('button', { name: 'Yes, delete it' }).click();
    await admin.getByText('Aromatherapy, 45 min removed from the menu.').waitFor();
    await item.waitFor({ state: 'detached' });
    expect(await listed()).toEqual([]);
    const kept = await request(t.server)
      .get(`${API}/bookings/${booked.body.id}`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(kept.body).toMatchObject({ status: 'confirmed', priceCents: 7000 });
  }, 60_000);

  it('a pregnant client with a clot risk is refused until an admin approves, then books prenatal', async () => {
    await makeTherapist(t, {
      name: 'Priya Natal',
      yearsExperience: 12,
      techniques: ['prenatal', 'swedish'],
      verified: ['massage-license', 'prenatal'],
      weekly: everyDay('08:00', '18:00'),
    });
    // A newcomer's licence waits for the admin (arranged through the API).
    const newcomer = await makeTherapist(t, { name: 'Nia Newcomer', verified: [] });
    await request(t.server)
      .post(`${API}/therapists/me/certifications`)
      .set('Authorization', bearer(newcomer))
      .send({
        kind: 'massage-license',
        issuer: 'State Board',
        number: 'LIC-7781',
        expiresOn: farFuture(),
      })
      .expect(201);

    const page = await openPage();
    await signUp(page, 'Paula Pregnant');
    await noRedFlags(page);
    await answerBackQuestions(page);
    await answer(page, /Are you pregnant/, 'Yes');
    await page.getByLabel(/How many weeks pregnant/).fill('24');
    // All five clot questions are required once pregnant.
    await next(page);
    expect(await page.getByText('Please answer this question.').count()).toBe(5);
    await answer(page, /ever had a blood clot/, 'No');
    await answer(page, /swelling/, 'Yes');
    await answer(page, /clotting disorder/, 'No');
    await answer(page, /blood thinners/, 'No');
    await answer(page, /surgery/, 'No');
    await shot(page, '02b-intake-clot-questions');
    await next(page);
    await finish(page);

    await page
      .getByText('A clinician will review your answers before you can book', { exact: true })
      .waitFor();
    const match = page.locator('.match', { hasText: 'Priya Natal' });
    await match.getByText(/^Prenatal ·/).waitFor();
    // The last of the three times, at least half an hour away: it is booked after the review.
    await match.locator('.slot').nth(2).click();
    await page.getByRole('heading', { name: 'Book Priya Natal' }).waitFor();
    await page.getByRole('button', { name: 'Book this time' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Waiting for a clinician’s review' });
    await refusal.getByText(/must approve your blood-clot answers/).waitFor();
    expect(await page.getByText('CLOT_REVIEW_PENDING').count()).toBe(0);
    await shot(page, '11-clot-review-pending', false);

    const admin = await openPage({ viewport: DESKTOP });
    await signIn(admin, TEST_ADMIN.email, TEST_ADMIN.password);
    await admin.getByRole('heading', { name: 'Flag queue' }).waitFor();
    const flag = admin.locator('.flag', { hasText: 'Paula Pregnant' });
    await flag.waitFor();
    expect(await flag.textContent()).toContain(
      'Do you have swelling, pain, warmth or redness in one leg?',
    );
    await shot(admin, '12-admin-flag-queue');
    await flag.getByRole('button', { name: 'Approve' }).click();
    await flag.getByText('Please write a note before deciding.').waitFor();
    await flag
      .getByLabel(/Note/)
      .fill('Spoke with her OB-GYN: no current clot; gentle prenatal massage is fine.');
    await flag.getByRole('button', { name: 'Approve' }).click();
    await admin.getByText('Approved: Paula Pregnant can now book.').waitFor();
    await flag.waitFor({ state: 'detached' });

    await admin.getByRole('link', { name: 'Certifications', exact: true }).click();
    const pending = admin.locator('li', { hasText: 'LIC-7781' });
    await pending.waitFor();
    await pending.getByText('Nia Newcomer').waitFor(); // who filed it, not a bare id
    await shot(admin, '13-admin-certifications');
    await pending.getByRole('button', { name: 'Verify' }).click();
    await admin.getByText('Massage licence LIC-7781 verified.').waitFor();
    await pending.waitFor({ state: 'detached' });
    expect(
      (await request(t.server).get(`${API}/therapists/${newcomer.id}`).expect(200)).body.name,
    ).toBe('Nia Newcomer');

    for (const [link, heading, name] of [
      ['Offerings', 'Offerings', '14-admin-offerings'],
      ['Audit log', 'Audit log', '15-admin-audit-log'],
    ]) {
      await admin.getByRole('link', { name: link, exact: true }).click();
      await admin.getByRole('heading', { name: heading, exact: true }).waitFor();
      await admin.locator('.loading').waitFor({ state: 'detached' });
      await shot(admin, name);
    }
    await admin.getByRole('cell', { name: 'Approved a check-in for booking' }).first().waitFor();

    // Back to the client: the review notice is gone and the same time can be booked.
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'You’re booked' }).waitFor();
    expect(await page.getByText('Prenatal, 60 min with Priya Natal').count()).toBe(1);
    await page.getByRole('link', { name: 'Suggestions' }).click();
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    expect(await page.getByText('A clinician will review your answers').count()).toBe(0);
  }, 90_000);

  it('an admin revokes a licence: the client’s session with that therapist is cancelled, and says why', async () => {
    const therapist = await makeTherapist(t, {
      name: 'Lou Lapsed',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t, 'Vic Visitor');
    await makeIntake(t, client);
    const swedish = await offeringOf('swedish');
    const startsAt = await slotInDays(therapist.id, swedish, 2);
    const booked = await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish,
      startsAt,
    }).expect(201);

    const admin = await openPage();
    await signIn(admin, TEST_ADMIN.email, TEST_ADMIN.password);
    await admin.getByRole('link', { name: 'Certifications', exact: true }).click();
    await admin.getByRole('link', { name: 'Verified', exact: true }).click();
    const licence = admin.locator('li.card', { hasText: 'Lou Lapsed' });
    await licence.getByRole('button', { name: 'Revoke', exact: true }).click();
    // The reason is asked for in the confirm step, and cannot be left out.
    await licence.getByRole('button', { name: 'Yes, revoke it' }).click();
    await licence.getByText('Please write a reason before revoking.').waitFor();
    await licence.getByLabel('Reason (required)').fill('The state board suspended this licence.');
    await shot(admin, '13b-admin-revoke-certification');
    await licence.getByRole('button', { name: 'Yes, revoke it' }).click();
    await admin.getByText(/Massage licence N-massage-license revoked/).waitFor();
    await licence.getByText('Revoked', { exact: true }).waitFor();
    await admin.getByRole('link', { name: 'Revoked', exact: true }).click();
    await admin
      .locator('li.card', { hasText: 'Lou Lapsed' })
      .getByText(/The state board suspended this licence/)
      .waitFor();
    await shot(admin, '13c-admin-revoked-certifications');

    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByRole('link', { name: 'Bookings', exact: true }).click();
    await page.getByRole('link', { name: 'Cancelled', exact: true }).click();
    // An unqualified therapist has no public profile: the card names the session by its time.
    await page
      .locator('.booking', { hasText: await shownAs(page, startsAt) })
      .getByText('Cancelled by the spa: the therapist is no longer certified for this session.')
      .waitFor();
    await shot(page, '08d-my-bookings-therapist-not-certified');
    expect(await bookingOf(client, booked.body.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancellationCode: 'THERAPIST_NOT_QUALIFIED',
    });
  }, 60_000);

  it('an admin reads the outbox in plain words; a client turns reminders off in Settings', async () => {
    const therapist = await makeTherapist(t, {
      name: 'Otto Outbox',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    const client = await makeClient(t, 'Mina Mailer');
    const swedish = await offeringOf('swedish');
    await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish,
      startsAt: await slotInDays(therapist.id, swedish, 2),
    }).expect(201);
    // The confirmation goes to both of them; the queue delivers it within a poll or two.
    const delivered = async () =>
      (
        await t.db.query(
          `SELECT recipient_email, sent_at FROM outbox_messages
            WHERE kind = 'booking.confirmed' AND status = 'sent' AND recipient_email = ANY($1)`,
          [[client.email, therapist.email]],
        )
      ).rows as { recipient_email: string; sent_at: Date }[];
    let sent = await delivered();
    for (let i = 0; i < 100 && sent.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent = await delivered();
    }
    expect(sent).toHaveLength(2);
    // A real failure takes a refusing mail server and every retry (test/notifications does that):
    // the therapist's copy is set as the last failed attempt leaves it.
    await t.db.query(
      `UPDATE outbox_messages
          SET status = 'failed', attempts = 4, sent_at = NULL,
              last_error = '451 Mailbox busy, try again later'
        WHERE kind = 'booking.confirmed' AND recipient_email = $1`,
      [therapist.email],
    );

    const admin = await openPage();
    await signIn(admin, TEST_ADMIN.email, TEST_ADMIN.password);
    await admin.getByRole('heading', { name: 'Flag queue' }).waitFor();
    await admin.getByRole('link', { name: 'Outbox', exact: true }).click();
    await admin.getByRole('heading', { name: 'Outbox', exact: true }).waitFor();
    const confirmation = admin.locator('.outbox-message', {
      hasText: client.email,
      has: admin.getByRole('heading', { name: 'Booking confirmation' }),
    });
    await confirmation.getByRole('heading', { name: 'Booking confirmation' }).waitFor();
    await confirmation.getByText(/^Booked: .+ with Otto Outbox, /).waitFor();
    const sentAt = sent.find((row) => row.recipient_email === client.email)!.sent_at;
    await confirmation
      .getByText(`Sent ${await shownAs(admin, sentAt.toISOString())}`, { exact: true })
      .waitFor();
    const failed = admin.locator('.outbox-message', { hasText: therapist.email });
    await failed.getByText('Could not be delivered after 4 attempts', { exact: true }).waitFor();
    await failed
      .getByText('The mail server said: Mailbox busy, try again later', { exact: true })
      .waitFor();
    // No code, id or field name: not the reply's 451, not the kind's own name.
    expect(await admin.locator('main').textContent()).not.toMatch(
      /\b451\b|booking\.confirmed|queued|[0-9a-f]{8}-[0-9a-f]{4}-/,
    );
    await shot(admin, '16-admin-outbox');
    // The journeys above wrote more than a page (20) of email: older ones are a page away.
    await admin.getByRole('button', { name: 'Older' }).click();
    await confirmation.waitFor({ state: 'detached' });
    await admin.locator('.outbox-message').first().waitFor();
    await admin.getByRole('button', { name: 'Newer' }).click();
    await confirmation.waitFor();
    await admin.getByRole('link', { name: 'Failed', exact: true }).click();
    await confirmation.waitFor({ state: 'detached' });
    await failed.waitFor();
    expect(await admin.locator('.outbox-message:not(.outbox-failed)').count()).toBe(0);

    const page = await openPage({ timezoneId: 'Europe/Lisbon' });
    await signIn(page, client.email, client.password);
    await page.getByText('Step 1 of 5').waitFor();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const reminders = page.getByLabel('Remind me before each session');
    expect(await reminders.isChecked()).toBe(true);
    // Never chosen (the account was made through the API): the browser's zone is offered.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Lisbon');
    await reminders.uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await shot(page, '17-settings');
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await reminders.isChecked()).toBe(false);
    expect(await notificationsOf(client)).toEqual({ reminders: false, timezone: 'Europe/Lisbon' });
  }, 60_000);

  // Last: its deep-tissue offering would change the suggestions the journeys above expect.
  it('a pregnant client’s new check-in cancels a deep-tissue session and holds a Swedish one for a clot review', async () => {
    const therapist = await makeTherapist(t, {
      name: 'Gwen Gentle',
      techniques: ['swedish', 'deep-tissue', 'prenatal'],
      verified: ['massage-license', 'prenatal'],
      weekly: ALL_WEEK,
    });
    await makeOffering(t, { technique: 'deep-tissue', name: 'Deep tissue, 60 min' });
    const client = await makeClient(t, 'Mara Mother');
    await makeIntake(t, client);
    const [swedish, deepTissue] = await Promise.all([
      offeringOf('swedish'),
      offeringOf('deep-tissue'),
    ]);
    const heldAt = await slotInDays(therapist.id, swedish, 3);
    const droppedAt = await slotInDays(therapist.id, deepTissue, 4);
    const held = await book(t, client, {
      therapistId: therapist.id,
      offeringId: swedish,
      startsAt: heldAt,
    }).expect(201);
    const dropped = await book(t, client, {
      therapistId: therapist.id,
      offeringId: deepTissue,
      startsAt: droppedAt,
    }).expect(201);

    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    await page.getByRole('link', { name: 'Check-in', exact: true }).click();
    await page.getByText('Step 1 of 5').waitFor();
    await noRedFlags(page);
    await answerBackQuestions(page);
    await answer(page, /Are you pregnant/, 'Yes');
    await page.getByLabel(/How many weeks pregnant/).fill('20');
    await answer(page, /ever had a blood clot/, 'No');
    await answer(page, /swelling/, 'Yes');
    await answer(page, /clotting disorder/, 'No');
    await answer(page, /blood thinners/, 'No');
    await answer(page, /surgery/, 'No');
    await next(page);
    await finish(page);

    const changed = page.locator('.affected-bookings');
    await changed
      .getByRole('heading', { name: 'This check-in changed 2 of your bookings' })
      .waitFor();
    const cancelled = changed.locator('li', { hasText: 'Deep tissue' });
    await cancelled.getByText('Cancelled', { exact: true }).waitFor();
    await cancelled.getByText(/this technique is not safe during pregnancy/).waitFor();
    expect(await cancelled.textContent()).toContain(await shownAs(page, droppedAt));
    const kept = changed.locator('li', { hasText: 'Swedish' });
    await kept.getByText('Waiting for review', { exact: true }).waitFor();
    await kept.getByText(/a clinician to review your blood-clot answers/).waitFor();
    expect(await kept.textContent()).toContain(await shownAs(page, heldAt));
    await shot(page, '03b-intake-changed-bookings');

    const pending = await bookingOf(client, held.body.id);
    expect(pending).toMatchObject({ status: 'confirmed', screening: 'pending-review' });
    expect(Date.parse(pending.screeningDeadline)).toBe(Date.parse(heldAt) - 24 * 3_600_000);
    expect(await bookingOf(client, dropped.body.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancellationCode: 'TECHNIQUE_CONTRAINDICATED',
    });

    await page.getByRole('link', { name: 'Bookings', exact: true }).click();
    const heldCard = page.locator('.booking', { hasText: 'Swedish with Gwen Gentle' });
    await heldCard.getByText('Waiting for review', { exact: true }).waitFor();
    const deadline = await shownAs(page, pending.screeningDeadline);
    await heldCard
      .getByText(`If they are not approved by ${deadline}, the spa will cancel`)
      .waitFor();
    await page.getByRole('link', { name: 'Cancelled', exact: true }).click();
    await page
      .locator('.booking', { hasText: 'Deep tissue with Gwen Gentle' })
      .getByText(/Cancelled by the spa: your latest check-in says you are pregnant/)
      .waitFor();
    await shot(page, '08c-my-bookings-waiting-for-review');
  }, 90_000);
});
