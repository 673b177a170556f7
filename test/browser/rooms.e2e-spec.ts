/**
 * Locations, rooms and equipment in Chromium: an admin sets up a location with its rooms and
 * equipment, says what an offering needs, and reads a day with rooms as columns; a therapist
 * names where they work; a client sees the room on the booking.
 */
import type { Page } from 'playwright-core';
import { request } from '../support/api-request.js';
import {
  API,
  bearer,
  book,
  everyDay,
  loginAdmin,
  makeClient,
  makeOffering,
  makeTherapist,
  makeTherapistAccount,
  utcAt,
} from '../support/factories.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { browserSuite, describeInBrowser, DESKTOP } from './harness.js';

describeInBrowser('locations and rooms in Chromium', () => {
  let swedishId = '';
  const harness = browserSuite({}, async (t) => {
    swedishId = (await makeOffering(t, { technique: 'swedish', name: 'Swedish, 60 min' })).id;
  });
  const { openPage, shot, signIn } = harness;
  const t = () => harness.t;

  /** No slug, id, code or field name on screen: only words for people. */
  async function plainWords(page: Page, ids: string[]) {
    const text = await page.locator('body').innerText();
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(
      /prenatal-table|hot-stones|hot-stone-heater|locationId|[A-Z]+_[A-Z_]+/,
    );
  }

  it('an admin sets up a location, its rooms and equipment, and what an offering needs', async () => {
    const page = await openPage({ viewport: DESKTOP });
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: 'Locations', exact: true }).click();
    await page.getByRole('heading', { name: 'Add a location' }).waitFor();

    // The zone is found from a city typed on its own.
    await page.getByLabel('Name', { exact: true }).fill('Unknot Riverside');
    await page.getByLabel('Address').fill('12 Quay Street, Lisbon');
    await page.getByLabel('Time zone').fill('lisbon');
    await page.getByLabel('Time zone').blur();
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByRole('heading', { name: 'Unknot Riverside' }).waitFor();
    const { rows: places } = await t().db.query(
      `SELECT id, timezone FROM locations WHERE name = 'Unknot Riverside'`,
    );
    expect(places).toEqual([{ id: expect.any(String), timezone: 'Europe/Lisbon' }]);
    const locationId: string = places[0].id;

    await page.getByText('Add a room to Unknot Riverside').click();
    await page.getByLabel('Room name').fill('Prenatal suite');
    await page.getByLabel('Prenatal table').check();
    await page.getByLabel('Anything else (optional)').fill('Sea view');
    await page.getByRole('button', { name: 'Add room' }).click();
    await page.getByText('Prenatal suite added.').waitFor();
    await page.getByLabel('Room name').fill('Room 2');
    await page.getByRole('button', { name: 'Add room' }).click();
    await page.getByText('Room 2 added.').waitFor();

    await page.getByText('Add equipment to Unknot Riverside').click();
    const equipment = page.locator('details', { hasText: 'Add equipment to Unknot Riverside' });
    await equipment.getByLabel('What it is').fill('Hot stones');
    await equipment.getByLabel('Name', { exact: true }).fill('Basalt stone set');
    await equipment.getByLabel('How many').fill('2');
    await equipment.getByRole('button', { name: 'Add equipment' }).click();
    await page.getByText('Basalt stone set added.').waitFor();
    await page.getByText('2 × hot stones').waitFor();
    await shot(page, 'rooms-admin-locations');
    await plainWords(page, [locationId]);

    const { rows: rooms } = await t().db.query(
      `SELECT name, features FROM rooms WHERE location_id = $1 ORDER BY name`,
      [locationId],
    );
    // The second room starts from a fresh form: only the table it has.
    expect(rooms).toEqual([
      { name: 'Prenatal suite', features: ['prenatal-table', 'sea-view', 'table'] },
      { name: 'Room 2', features: ['table'] },
    ]);
    const { rows: units } = await t().db.query(
      `SELECT kind, count(*)::int AS n FROM equipment_units WHERE location_id = $1 GROUP BY kind`,
      [locationId],
    );
    expect(units).toEqual([{ kind: 'hot-stones', n: 2 }]);

    // The offering's needs, in the menu's own words.
    await page.getByRole('link', { name: 'Offerings', exact: true }).click();
    await page.getByRole('heading', { name: 'Add an offering' }).waitFor();
    const form = page.locator('.card', {
      has: page.getByRole('heading', { name: 'Add an offering' }),
    });
    await form.getByLabel('Technique').selectOption('hot-stone');
    await form.getByLabel('Name').fill('Hot stones, 75 min');
    await form.getByLabel('Duration (minutes)').fill('75');
    await form.getByLabel('Price (USD)').fill('110');
    await form.getByLabel('Massage table').check();
    await form.getByLabel('Hot stones (how many)').fill('1');
    await form.getByRole('button', { name: 'Add offering' }).click();
    await page.getByText('needs massage table, 1 × hot stones').waitFor();
    const offerings = await request(t().server)
      .get(`${API}/offerings?technique=hot-stone`)
      .expect(200);
    expect(offerings.body.items).toEqual([
      expect.objectContaining({
        name: 'Hot stones, 75 min',
        requires: { roomFeatures: ['table'], equipment: [{ kind: 'hot-stones', quantity: 1 }] },
      }),
    ]);
    await plainWords(page, [locationId]);
  });

  it('the day view shows rooms as columns with their sessions, on the location’s clock; the client sees the room', async () => {
    const admin = await loginAdmin(t());
    const asAdmin = (path: string, body: object) =>
      request(t().server)
        .post(`${API}${path}`)
        .set('Authorization', bearer(admin))
        .send(body)
        .expect(201);
    const location = await asAdmin('/admin/locations', {
      name: 'Unknot Harbour',
      address: '3 Dock Road',
      timezone: 'Asia/Tokyo',
    });
    await asAdmin(`/admin/locations/${location.body.id}/rooms`, {
      name: 'Garden room',
      features: ['table'],
    });
    await asAdmin(`/admin/locations/${location.body.id}/rooms`, {
      name: 'Quiet room',
      features: ['table'],
    });
    const therapist = await makeTherapist(t(), {
      name: 'Hana Harbour',
      techniques: ['swedish'],
      locationId: location.body.id,
      timezone: 'Asia/Tokyo',
      weekly: everyDay('08:00', '20:00'),
    });
    const client = await makeClient(t(), 'Kai Client');
    // 10:00 in Tokyo, four days on.
    const startsAt = utcAt(4, 1);
    const booked = await book(t(), client, {
      therapistId: therapist.id,
      offeringId: swedishId,
      startsAt,
    }).expect(201);
    expect(booked.body.room.name).toBe('Garden room');

    const page = await openPage({ viewport: DESKTOP, timezoneId: 'America/New_York' });
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: 'Locations', exact: true }).click();
    await page.getByRole('heading', { name: 'Unknot Harbour' }).waitFor();
    const card = page.locator('article', {
      has: page.getByRole('heading', { name: 'Unknot Harbour' }),
    });
    await card.getByRole('link', { name: 'Day view' }).click();
    // Today at the location, then forward to the booked day, a click at a time.
    const tokyoDay = (instant: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(instant);
    const clicks =
      (Date.parse(tokyoDay(new Date(startsAt))) - Date.parse(tokyoDay(new Date()))) / 86_400_000;
    for (let i = 0; i < clicks; i++) {
      await page.getByRole('link', { name: 'Next day' }).click();
    }
    const garden = page.getByRole('region', { name: 'Garden room' });
    await garden.getByText('Swedish, 60 min with Hana Harbour').waitFor();
    // 10:00 on the location's clock, though the admin's computer is in New York.
    expect(await garden.getByText(/^10:00\sAM – 11:00\sAM$/).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Quiet room' }).locator('li').count()).toBe(0);
    await shot(page, 'rooms-admin-day');
    await plainWords(page, [location.body.id, booked.body.id]);

    // A phone: the columns scroll sideways, the page itself does not.
    await page.setViewportSize({ width: 390, height: 844 });
    // (A string, evaluated in the page: this file is compiled without the DOM's types.)
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);

    const phone = await openPage();
    await signIn(phone, client.email, client.password);
    await phone.getByText('Step 1 of 5').waitFor();
    await phone.getByRole('link', { name: 'Bookings', exact: true }).click();
    await phone.getByText('At Unknot Harbour, Garden room').waitFor();
    await shot(phone, 'rooms-client-booking');
  });

  it('a therapist names a home location and a day that works across town', async () => {
    const admin = await loginAdmin(t());
    const make = (name: string) =>
      request(t().server)
        .post(`${API}/admin/locations`)
        .set('Authorization', bearer(admin))
        .send({ name, address: `${name} Street 1`, timezone: 'UTC' })
        .expect(201);
    const home = (await make('Unknot North')).body;
    const across = (await make('Unknot South')).body;
    const therapist = await makeTherapistAccount(t(), 'Tess Travel');

    const page = await openPage();
    await signIn(page, therapist.email, therapist.password);
    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    await page.getByLabel('Bio').fill('Swedish and deep tissue, ten years.');
    await page.getByLabel('Years of experience').fill('10');
    await page.getByLabel('Time zone').fill('London');
    await page.getByLabel('Time zone').blur();
    await page.getByLabel('Swedish').check();
    await page.getByLabel('Where you usually work').selectOption({ label: 'Unknot North' });
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();

    await page.getByRole('link', { name: 'Hours', exact: true }).click();
    await page.getByRole('button', { name: 'Add hours' }).click();
    await page.getByRole('button', { name: 'Add hours' }).click();
    await page.getByLabel('Where').nth(1).selectOption({ label: 'Unknot South' });
    await shot(page, 'rooms-therapist-hours');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Hours saved.').waitFor();
    await plainWords(page, [home.id, across.id]);

    const profile = await request(t().server)
      .get(`${API}/therapists/me`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(profile.body).toMatchObject({ timezone: 'Europe/London', locationId: home.id });
    const hours = await request(t().server)
      .get(`${API}/therapists/me/availability`)
      .set('Authorization', bearer(therapist))
      .expect(200);
    expect(hours.body.weekly).toEqual([
      { weekday: 1, start: '09:00', end: '17:00', locationId: null },
      { weekday: 2, start: '09:00', end: '17:00', locationId: across.id },
    ]);
  });
});
