/**
 * Every screen of every role, and their error states, read as a person reads them: the visible
 * text must hold no problem code (SLOT_TAKEN), no field name (priceCents), no API path and no id
 * (a UUID or a run of hex). Each screen is also audited by axe when photographed.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { request } from '../support/api-request.js';
import { TEST_ADMIN } from '../support/test-app.js';
import {
  API,
  bearer,
  book,
  everyDay,
  loginAdmin,
  makeClient,
  makeIntake,
  makeOffering,
  makeTherapist,
  makeTherapistAccount,
  slotAnHourAway,
} from '../support/factories.js';
import { browserSuite, describeInBrowser, DESKTOP, PHONE } from './harness.js';

/** What must never reach a screen, each with the name the failure gives it. */
const DEVELOPER_TEXT: [string, RegExp][] = [
  ['problem code', /\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/],
  ['field name', /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/],
  [
    'API path',
    /\/api\/|\/(?:therapists|bookings|intakes|offerings|admin|auth)\/|\b(?:GET|PUT|POST|PATCH|DELETE) \//,
  ],
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['hex id', /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/],
];

describeInBrowser('plain words on every screen', () => {
  const fixtures: Record<string, string> = {};
  const harness = browserSuite({}, async (t) => {
    const swedish = await makeOffering(t, { technique: 'swedish', name: 'Swedish, 60 min' });
    const therapist = await makeTherapist(t, {
      name: 'Sol Screens',
      techniques: ['swedish'],
      weekly: everyDay('09:00', '17:00'),
    });
    const client = await makeClient(t, 'Wren Words');
    const intake = await makeIntake(t, client);
    const { body } = await request(t.server)
      .get(`${API}/therapists/${therapist.id}/slots`)
      .query({ offeringId: swedish.id })
      .expect(200);
    const booking = (
      await book(t, client, {
        therapistId: therapist.id,
        offeringId: swedish.id,
        startsAt: slotAnHourAway(body.slots.slice(20)),
        intakeId: intake.id,
      }).expect(201)
    ).body;
    // An audit trail to read: a flag and a certification decided by the admin.
    const admin = await loginAdmin(t);
    const pending = await makeTherapistAccount(t, 'Pat Pending');
    await request(t.server)
      .put(`${API}/therapists/me`)
      .set('Authorization', bearer(pending))
      .send({ bio: 'New here.', yearsExperience: 2, timezone: 'UTC', techniques: ['swedish'] })
      .expect(200);
    const cert = await request(t.server)
      .post(`${API}/therapists/me/certifications`)
      .set('Authorization', bearer(pending))
      .send({ kind: 'massage-license', issuer: 'Board', number: 'L-1', expiresOn: '2099-01-01' })
      .expect(201);
    await request(t.server)
      .post(`${API}/admin/certifications/${cert.body.id}/reject`)
      .set('Authorization', bearer(admin))
      .send({ note: 'The number does not match the register.' });
    await request(t.server)
      .get(`${API}/intakes/${intake.id}`)
      .set('Authorization', bearer(admin))
      .expect(200);
    Object.assign(fixtures, {
      clientEmail: client.email,
      clientPassword: client.password,
      therapistEmail: therapist.email,
      therapistPassword: therapist.password,
      therapistId: therapist.id,
      swedish: swedish.id,
      intake: intake.id,
      booking: booking.id,
    });
  });
  const { openPage, shot, signIn } = harness;
  const t = () => harness.t;
  const scanned: string[] = [];

  /** Waits for the screen to settle, then fails on any developer text in what it shows. */
  async function scan(page: Page, screen: string, photograph = false) {
    await page.locator('main h1, main h2').first().waitFor();
    await page.locator('.loading').first().waitFor({ state: 'detached' });
    // Email addresses are the person's own words (the test accounts' carry random hex).
    const text = (await page.locator('body').innerText()).replace(/[^\s@]+@[^\s@]+/g, '');
    const found = DEVELOPER_TEXT.flatMap(([what, pattern]) => {
      const match = pattern.exec(text);
      return match ? [`${what} “${match[0]}”`] : [];
    });
    expect({ screen, found }).toEqual({ screen, found: [] });
    scanned.push(screen);
    if (photograph) await shot(page, `words-${screen}`);
  }

  const visit = async (page: Page, hash: string, screen: string, photograph = false) => {
    await page.goto(`${t().server}/#/${hash}`);
    await scan(page, screen, photograph);
  };

  afterAll(() => console.info(`plain words checked on ${scanned.length} screens`));

  it('signed out: sign-in (and a wrong password), sign-up (and its refusals), email links', async () => {
    const page = await openPage({ viewport: PHONE });
    await scan(page, 'sign-in');
    await signIn(page, 'nobody@example.com', 'not-the-password');
    await page.getByRole('alert').waitFor();
    await scan(page, 'sign-in-refused', true);
    await visit(page, 'signup', 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').waitFor();
    await scan(page, 'sign-up-refused', true);
    await page.getByLabel('Your name').fill('Dee Duplicate');
    await page.getByLabel('Email').fill(fixtures.clientEmail);
    await page.getByLabel('Password').fill('a-good-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This email already has an account').waitFor();
    await scan(page, 'sign-up-email-taken');
    await visit(page, 'forgot-password', 'forgot-password');
    await visit(page, 'reset-password?token=nope', 'reset-password');
    await page.getByLabel('New password', { exact: true }).fill('another-long-password');
    await page.getByLabel(/again|Confirm/i).fill('another-long-password');
    await page.getByRole('button', { name: /password/i }).click();
    await page.getByRole('alert').waitFor();
    await scan(page, 'reset-password-refused');
    await visit(page, 'verify-email?token=nope', 'verify-email-refused');
    // A stale first-run link: the form, then its refusal.
    await visit(page, 'setup?token=nope', 'setup');
    await page.getByLabel('Your name').fill('Owen Owner');
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('New password', { exact: true }).fill('a-good-long-password');
    await page.getByLabel('New password, again').fill('a-good-long-password');
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await page.getByRole('alert').waitFor();
    await scan(page, 'setup-refused');
  }, 90_000);

  it('a client: check-in steps and their checks, suggestions, picker, bookings, booking page, waitlist, settings, and what is not found', async () => {
    const page = await openPage({ viewport: PHONE });
    await signIn(page, fixtures.clientEmail, fixtures.clientPassword);
    // Signed in once the suggestions show (until then the sign-in form is on screen).
    await page.locator('.match .slot').first().waitFor();
    await scan(page, 'client-suggestions');
    await scan(page, 'client-matches');
    await visit(page, 'intake', 'check-in-step-1');
    await page.getByRole('button', { name: 'Next' }).click();
    await scan(page, 'check-in-unanswered', true);
    for (let step = 2; step <= 5; step++) {
      await visit(page, `intake?step=${step}`, `check-in-step-${step}`);
    }
    await visit(page, `intake/${fixtures.intake}`, 'intake-result');
    await visit(
      page,
      `book/${fixtures.therapistId}?technique=swedish&offering=${fixtures.swedish}`,
      'slot-picker',
    );
    await page.locator('.times .slot').first().click();
    await scan(page, 'slot-picker-chosen');
    await visit(page, 'bookings', 'bookings-upcoming');
    await visit(page, 'bookings?show=past', 'bookings-past');
    await visit(page, 'bookings?show=cancelled', 'bookings-cancelled');
    await visit(page, `bookings/${fixtures.booking}`, 'booking-page');
    await visit(page, `bookings/${fixtures.booking}?booked=1`, 'booking-confirmation');
    await visit(page, 'bookings/5f0c7d5e-1b1a-4c1e-9a43-8d1f2a3b4c5d', 'booking-not-found', true);
    await visit(page, 'intake/5f0c7d5e-1b1a-4c1e-9a43-8d1f2a3b4c5d', 'intake-not-found');
    await visit(
      page,
      'book/5f0c7d5e-1b1a-4c1e-9a43-8d1f2a3b4c5d?technique=swedish',
      'therapist-not-found',
    );
    await visit(page, 'waitlist', 'waitlist');
    await visit(page, 'settings', 'client-settings');
  }, 90_000);

  it('a new therapist: the checklist, and every screen before and after the profile, with refusals', async () => {
    const therapist = await makeTherapistAccount(t(), 'Nell Newhire');
    const page = await openPage({ viewport: PHONE });
    await signIn(page, therapist.email, therapist.password);
    await page.getByRole('heading', { name: 'Welcome, Nell Newhire' }).waitFor();
    await scan(page, 'therapist-checklist-new', true);
    await page.screenshot({
      path: join(process.cwd(), 'docs', 'screenshots', 'therapist-checklist.png'),
      fullPage: true,
    });
    await visit(page, 'therapist/agenda', 'agenda-before-profile');
    await visit(page, 'therapist/hours', 'hours-before-profile');
    await visit(page, 'therapist/time-off', 'time-off-before-profile');
    await visit(page, 'therapist/profile', 'profile-new');
    await page.getByLabel('Time zone').fill('Lisbon');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('alert').first().waitFor();
    await scan(page, 'profile-refused');
    await page.getByLabel('Years of experience').fill('4');
    await page.getByLabel('Swedish').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByRole('button', { name: 'Add certification' }).click();
    await page.getByRole('alert').first().waitFor();
    await scan(page, 'certification-refused');
    await visit(page, 'therapist/start', 'therapist-checklist-profile-saved');
    await visit(page, 'therapist/hours', 'hours-empty');
    await page.getByRole('button', { name: 'Add hours' }).click();
    await page.getByLabel('From').fill('9');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('alert').first().waitFor();
    await scan(page, 'hours-refused');
    await visit(page, 'therapist/time-off', 'time-off');
    await visit(page, 'settings', 'therapist-account');
  }, 90_000);

  it('a working therapist: agenda, hours, time off, profile', async () => {
    const page = await openPage({ viewport: DESKTOP });
    await signIn(page, fixtures.therapistEmail, fixtures.therapistPassword);
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();
    await scan(page, 'agenda');
    await visit(page, 'therapist/agenda?week=1', 'agenda-next-week');
    await visit(page, 'therapist/hours', 'hours');
    await visit(page, 'therapist/profile', 'profile');
  }, 60_000);

  it('an admin: every screen, an offering refused, and the audit log', async () => {
    const page = await openPage({ viewport: DESKTOP });
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    // Signed in once the flag queue shows: visiting on before that, the sign-in's own move to
    // the admin's home would land in the middle of a later screen.
    await page.getByRole('heading', { name: 'Flag queue' }).waitFor();
    await scan(page, 'admin-flags');
    for (const show of ['pending', 'verified', 'revoked']) {
      await visit(page, `admin/certifications?show=${show}`, `admin-certifications-${show}`);
    }
    await visit(page, 'admin/offerings', 'admin-offerings');
    await page
      .getByRole('button', { name: /Add (an )?offering/ })
      .first()
      .click();
    await page.getByLabel('Name').first().fill('Swedish, 30 min');
    await page
      .getByRole('button', { name: /Add|Save/ })
      .last()
      .click();
    await page.getByRole('alert').first().waitFor();
    await scan(page, 'admin-offering-refused', true);
    await visit(page, 'admin/locations', 'admin-locations');
    for (const show of ['all', 'queued', 'sent', 'failed', 'superseded']) {
      await visit(page, `admin/outbox?show=${show}`, `admin-outbox-${show}`);
    }
    await visit(page, 'admin/audit', 'admin-audit', true);
    const audit = await page.locator('table').innerText();
    expect(audit).toContain('Read a client’s check-in');
    expect(audit).toContain('Massage licence of Pat Pending');
    await visit(page, 'settings', 'admin-account');
  }, 90_000);
});
