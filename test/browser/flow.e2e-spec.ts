/**
 * The client's way from sign-up to a booked session in Chromium, at phone and desktop sizes: the
 * check-in that survives Back, Forward and a reload, match cards, the slot picker (a day, then a
 * time), the booking page that is the confirmation, adding it to a calendar, and My bookings by tab.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { request } from '../support/api-request.js';
import {
  API,
  book,
  cancelBooking,
  everyDay,
  makeClient,
  makeIntake,
  makeJpeg,
  makeOffering,
  makeTherapist,
  makeTherapistAccount,
  slotAnHourAway,
} from '../support/factories.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { browserSuite, describeInBrowser, DESKTOP, PHONE } from './harness.js';

const PASSWORD = 'a-good-long-password';

describeInBrowser('the client flow in Chromium', () => {
  const offerings: Record<string, string> = {};
  const harness = browserSuite({}, async (t) => {
    offerings['trigger-point'] = (
      await makeOffering(t, {
        technique: 'trigger-point',
        name: 'Trigger point, 45 min',
        durationMinutes: 45,
        priceCents: 7000,
      })
    ).id;
    offerings.swedish = (
      await makeOffering(t, { technique: 'swedish', name: 'Swedish, 60 min' })
    ).id;
    await makeTherapist(t, {
      name: 'Maya Okafor',
      yearsExperience: 10,
      techniques: ['swedish', 'trigger-point'],
      timezone: 'America/New_York',
      weekly: everyDay('09:00', '17:00'),
    });
  });
  const { openPage, shot, signIn } = harness;
  const t = () => harness.t;

  it('a new visitor signs up and books a session in at most 12 clicks on a phone', async () => {
    const page = await openPage({ viewport: PHONE });
    let clicks = 0;
    const click = async (target: Locator) => {
      clicks++;
      await target.click();
    };
    await page.goto(`${t().server}/#/signup`);
    await page.getByLabel('Your name').fill('Nova Newcomer');
    await page.getByLabel('Email').fill(`nova-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await click(page.getByRole('button', { name: 'Create account' }));

    await page.getByText('Step 1 of 5').waitFor();
    await click(page.getByRole('button', { name: 'No to all three' }));
    await page.getByText('Step 2 of 5').waitFor();
    await click(page.getByLabel('Between the shoulder blades'));
    await click(page.getByRole('button', { name: 'Next' }));
    await click(page.getByLabel(/A while ago/));
    await click(page.getByRole('group', { name: /knots/ }).getByLabel('Yes', { exact: true }));
    await click(page.getByRole('button', { name: 'Next' }));
    await click(page.getByRole('button', { name: 'Neither applies to me' }));
    await click(page.getByRole('button', { name: 'See my suggestions' }));

    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    const card = page.locator('.match', { hasText: 'Maya Okafor' });
    await card.locator('.slot').nth(1).waitFor();
    await shot(page, 'flow-01-match-cards');
    await click(card.locator('.slot').nth(1));
    await click(page.getByRole('button', { name: 'Book this time' }));
    await page.getByRole('heading', { name: 'You’re booked' }).waitFor();
    expect(clicks).toBeLessThanOrEqual(12);
    console.info(`sign-up to a confirmed booking: ${clicks} clicks`);
    await shot(page, 'flow-02-booked');

    // The confirmation is the booking's own page: a reload shows it again.
    await page.reload();
    await page.getByRole('heading', { name: 'You’re booked' }).waitFor();
    await page.getByText('Trigger point, 45 min with Maya Okafor').waitFor();
  }, 90_000);

  it('match cards: one per therapist, one fit in words, the bio, three times across the next free day', async () => {
    const client = await makeClient(t(), 'Mel Match');
    const intake = await makeIntake(t(), client);
    const page = await openPage({ viewport: DESKTOP });
    await signIn(page, client.email, client.password);
    // A returning client lands on the newest check-in's suggestions, on any device.
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    expect(page.url()).toContain('#/suggestions');
    const cards = page.locator('.match', { hasText: 'Maya Okafor' });
    await cards.locator('.slot').nth(2).waitFor();
    expect(await cards.count()).toBe(1);
    const card = cards.first();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Experienced in upper-back work.');
    expect(text.match(/years of experience/g)).toHaveLength(1);
    expect(text).not.toMatch(/free slot|\/ 100/);
    expect(text).toMatch(/Also offers Swedish/);
    const times = await card.locator('.slot').allTextContents();
    expect(times).toHaveLength(3);
    // Spread across the day, not a quarter of an hour apart.
    expect(new Set(times).size).toBe(3);
    expect(
      await page
        .locator('.suggestions')
        .getByText(/\/ 100/)
        .count(),
    ).toBe(0);

    // From the card to a booked session with the keyboard: a time, Enter, and Enter on Book.
    await page.goto(`${t().server}/#/intake/${intake.id}`);
    const time = page.locator('.match .slot').first();
    await time.waitFor();
    await time.focus();
    await page.keyboard.press('Enter');
    const bookIt = page.getByRole('button', { name: 'Book this time' });
    await bookIt.waitFor();
    await page.locator('button:focus', { hasText: 'Book this time' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You’re booked' }).waitFor();
  }, 60_000);

  it('the slot picker: days with free times, a day’s times in one phone screen, every time on request', async () => {
    const client = await makeClient(t(), 'Pia Picker');
    await makeIntake(t(), client);
    const therapist = (
      await request(t().server).get(`${API}/therapists?technique=swedish`).expect(200)
    ).body.items.find((x: { name: string }) => x.name === 'Maya Okafor');
    const page = await openPage({ viewport: PHONE });
    await signIn(page, client.email, client.password);
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    await page.goto(
      `${t().server}/#/book/${therapist.id}?technique=swedish&offering=${offerings.swedish}`,
    );
    await page.getByRole('heading', { name: 'Book Maya Okafor' }).waitFor();
    const strip = page.getByRole('group', { name: 'Days with free times' });
    await strip.getByRole('button').nth(1).click();
    const times = page.locator('.times');
    await times.getByRole('heading', { name: 'Morning' }).waitFor();
    await times.getByRole('heading', { name: 'Afternoon' }).waitFor();
    // 9:00 to 16:00, every half hour: 15 times, not 29.
    expect(await times.locator('.slot').count()).toBe(15);
    const box = await page.locator('.picker').boundingBox();
    console.info(`slot picker on a phone: ${Math.round(box?.height ?? 0)} px tall`);
    expect(box?.height).toBeLessThanOrEqual(PHONE.height);
    await shot(page, 'flow-03-slot-picker-phone', false);
    await page.screenshot({
      path: join(process.cwd(), 'docs', 'screenshots', 'slot-picker-phone.png'),
    });
    await times.getByRole('button', { name: 'Show all 29 times' }).click();
    expect(await times.locator('.slot').count()).toBe(29);
    await times.getByRole('button', { name: '9:15 AM' }).click();
    await page.getByText(/9:15 AM – 10:15 AM/).waitFor();
    await page.getByRole('button', { name: 'Join the waitlist' }).waitFor();
    // On a desktop the same picker breathes: the strip in one row, the times in wider rows.
    await page.setViewportSize(DESKTOP);
    await shot(page, 'flow-03b-slot-picker-desktop', false);
    const desktop = await page.locator('.picker').boundingBox();
    expect(desktop?.height).toBeLessThanOrEqual(DESKTOP.height);
  }, 60_000);

  it('the booking page: add to calendar, change time with the picker, cancel; My bookings by tab', async () => {
    const client = await makeClient(t(), 'Bea Booker');
    const intake = await makeIntake(t(), client);
    const therapist = (
      await request(t().server).get(`${API}/therapists?technique=swedish`).expect(200)
    ).body.items.find((x: { name: string }) => x.name === 'Maya Okafor');
    const slots = async () =>
      (
        await request(t().server)
          .get(`${API}/therapists/${therapist.id}/slots`)
          .query({ offeringId: offerings.swedish })
          .expect(200)
      ).body.slots as { startsAt: string }[];
    const free = await slots();
    const later = free.filter((s) => Date.parse(s.startsAt) > Date.now() + 3 * 86_400_000);
    const first = (
      await book(t(), client, {
        therapistId: therapist.id,
        offeringId: offerings.swedish,
        startsAt: later[0].startsAt,
        intakeId: intake.id,
      }).expect(201)
    ).body;
    const second = (
      await book(t(), client, {
        therapistId: therapist.id,
        offeringId: offerings.swedish,
        startsAt: slotAnHourAway(later.slice(8)),
        intakeId: intake.id,
      }).expect(201)
    ).body;
    await cancelBooking(t(), client, second.id).expect(200);

    const page = await openPage({ viewport: DESKTOP });
    await signIn(page, client.email, client.password);
    await page.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    await page.getByRole('link', { name: 'Bookings', exact: true }).click();
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    await page.locator('.booking').first().waitFor();
    expect(await page.locator('.booking').count()).toBe(1);
    await shot(page, 'flow-04-my-bookings-upcoming');
    await page.getByRole('link', { name: 'Cancelled' }).click();
    await page.locator('.booking-cancelled').waitFor();
    expect(await page.locator('.booking').count()).toBe(1);
    await page.getByRole('link', { name: 'Past' }).click();
    await page.getByText('No past sessions yet.').waitFor();
    await page.getByRole('link', { name: 'Upcoming' }).click();
    await page.getByRole('link', { name: /Details/ }).click();

    await page.getByRole('heading', { name: 'Your booking' }).waitFor();
    await page.getByText('Swedish, 60 min with Maya Okafor').waitFor();
    await page.getByText(/You can cancel or move this session online/).waitFor();
    await shot(page, 'flow-05-booking-page');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Add to calendar' }).click();
    const file = readFileSync(await (await download).path(), 'utf8');
    expect(file).toContain(`UID:${first.id}@unknot`);
    expect(file).toContain(`DTSTART:${first.startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(file).toContain('SUMMARY:Swedish\\, 60 min with Maya Okafor');

    // Change time: the same picker, moving this booking.
    await page.getByRole('link', { name: 'Change time' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    await page
      .getByRole('group', { name: 'Days with free times' })
      .getByRole('button')
      .nth(2)
      .click();
    await page.locator('.times .slot').first().click();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await page.getByRole('heading', { name: 'Your session has moved' }).waitFor();
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText(/Booking cancelled/).waitFor();
    await page.getByText('You cancelled this booking.').waitFor();
  }, 90_000);

  it('a new therapist follows the checklist — profile, photo, licence, hours — and clients then see the photo', async () => {
    const therapist = await makeTherapistAccount(t(), 'Cora Checklist');
    const page = await openPage({ viewport: DESKTOP });
    await signIn(page, therapist.email, therapist.password);
    await page.getByRole('heading', { name: 'Welcome, Cora Checklist' }).waitFor();
    await page.getByText('0 of 4 done').waitFor();
    await page.getByRole('link', { name: 'Set up your profile', exact: true }).click();
    await page.getByLabel('Bio').fill('Deep, slow work for desk-bound backs.');
    await page.getByLabel('Years of experience').fill('7');
    await page.getByLabel('Time zone').fill('Lisbon');
    await page.getByLabel('Swedish').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    const picture = await makeJpeg(300, 200, '#c47f5a');
    await page
      .getByLabel('Choose a photo')
      .setInputFiles({ name: 'cora.jpg', mimeType: 'image/jpeg', buffer: picture });
    await page.getByText('Photo saved.').waitFor();
    await page.getByRole('img', { name: 'Cora Checklist' }).waitFor();
    await page.getByLabel('Kind').selectOption('massage-license');
    await page.getByLabel('Issued by').fill('State Board');
    await page.getByLabel('Number').fill('LIC-5150');
    await page.getByLabel('Valid until').fill(`${new Date().getFullYear() + 2}-06-30`);
    await page.getByRole('button', { name: 'Add certification' }).click();
    await page.getByText('Certification sent for review.').waitFor();

    await page.getByRole('link', { name: 'Getting started' }).click();
    await page.getByText('2 of 4 done').waitFor();
    await page.locator('.checklist-waiting', { hasText: 'Massage licence' }).waitFor();
    await page.getByText(/Sent for review/).waitFor();
    await shot(page, 'flow-07-therapist-checklist-waiting');

    // The admin verifies the licence, the therapist adds hours: the first screen is the agenda.
    const admin = await request(t().server).post(`${API}/auth/login`).send(TEST_ADMIN).expect(200);
    const pending = await request(t().server)
      .get(`${API}/admin/certifications`)
      .query({ status: 'pending' })
      .set('Authorization', `Bearer ${admin.body.accessToken}`)
      .expect(200);
    const licence = pending.body.items.find((c: { number: string }) => c.number === 'LIC-5150');
    await request(t().server)
      .post(`${API}/admin/certifications/${licence.id}/verify`)
      .set('Authorization', `Bearer ${admin.body.accessToken}`)
      .send({})
      .expect(200);
    await page.reload();
    await page.getByText('3 of 4 done').waitFor();
    await page.getByRole('link', { name: 'Add your hours' }).click();
    for (let day = 0; day < 7; day++) {
      await page.getByRole('button', { name: 'Add hours' }).click();
    }
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Hours saved.').waitFor();
    await page.getByRole('link', { name: 'Getting started' }).click();
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();

    // A client's match card shows her photo.
    const client = await makeClient(t(), 'Pim Photo');
    await makeIntake(t(), client, { knots: false, stressLevel: 9, causes: ['stress'] });
    const clientPage = await openPage({ viewport: PHONE });
    await signIn(clientPage, client.email, client.password);
    const card = clientPage.locator('.match', { hasText: 'Cora Checklist' });
    await card.locator('img.avatar').waitFor();
    expect(await card.locator('img.avatar').getAttribute('src')).toMatch(/photo\?v=.+&size=small$/);
    await card.locator('.slot').first().waitFor();
    expect(
      await card
        .locator('img.avatar')
        .evaluate((img) => (img as { naturalWidth: number }).naturalWidth),
    ).toBe(160);
  }, 90_000);

  it('the check-in keeps its answers through Back, Forward and a reload', async () => {
    const client = await makeClient(t(), 'Hana History');
    const page = await openPage({ viewport: PHONE });
    await signIn(page, client.email, client.password);
    await page.getByText('Step 1 of 5').waitFor();
    await page.getByRole('button', { name: 'No to all three' }).click();
    await page.getByLabel('Upper back').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 3 of 5').waitFor();
    await page.getByLabel(/A while ago/).check();

    await page.goBack();
    await page.getByText('Step 2 of 5').waitFor();
    expect(await page.getByLabel('Upper back').isChecked()).toBe(true);
    await page.goForward();
    await page.getByText('Step 3 of 5').waitFor();
    expect(await page.getByLabel(/A while ago/).isChecked()).toBe(true);
    await page.reload();
    await page.getByText('Step 3 of 5').waitFor();
    expect(await page.getByLabel(/A while ago/).isChecked()).toBe(true);
    await shot(page, 'flow-06-check-in-after-reload');
  }, 60_000);
});
