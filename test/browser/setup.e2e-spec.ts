/**
 * The first run in Chromium: the spa starts without an administrator and logs a setup link; the
 * person who opens it creates the first administrator and lands on the admin's home, signed in.
 * The same link afterwards, or a wrong one, says so in plain words.
 */
import { browserSuite, describeInBrowser } from './harness.js';

describeInBrowser('first run in Chromium', () => {
  const harness = browserSuite({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '', LOG_LEVEL: 'info' });
  const { openPage, shot } = harness;
  const t = () => harness.t;

  it('the owner opens the logged link, creates the first administrator and is signed in', async () => {
    const token = /#\/setup\?token=([\w-]{43})/.exec(t().logs())?.[1];
    expect(token).toBeDefined();
    const page = await openPage();
    await page.goto(`${t().server}/#/setup?token=${token}`);
    await page.getByRole('heading', { name: 'Set up your spa' }).waitFor();

    // A common password is refused next to its field, in words.
    await page.getByLabel('Your name').fill('Olive Owner');
    await page.getByLabel('Email').fill('olive@spa.example');
    await page.getByLabel('New password', { exact: true }).fill('password123');
    await page.getByLabel('New password, again').fill('password123');
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await page.getByText('Please check the highlighted answers').waitFor();
    await shot(page, 's1-setup-refused');

    await page.getByLabel('New password', { exact: true }).fill('olive opens her own spa');
    await page.getByLabel('New password, again').fill('olive opens her own spa');
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await page.getByRole('link', { name: 'Audit log' }).waitFor();
    await page.getByText('Olive Owner').first().waitFor();
    await shot(page, 's2-setup-done');
    const { rows } = await t().db.query(`SELECT email FROM users WHERE role = 'admin'`);
    expect(rows).toEqual([{ email: 'olive@spa.example' }]);

    // The link is spent: another visitor is told so, with no code on screen.
    const later = await openPage();
    await later.goto(`${t().server}/#/setup?token=${token}`);
    await later.getByLabel('Your name').fill('Mallory');
    await later.getByLabel('Email').fill('mallory@spa.example');
    await later.getByLabel('New password', { exact: true }).fill('mallory wants the keys');
    await later.getByLabel('New password, again').fill('mallory wants the keys');
    await later.getByRole('button', { name: 'Create administrator account' }).click();
    await later.getByText('This setup link does not work').waitFor();
    await later.getByRole('link', { name: 'Go to sign in' }).waitFor();
    expect(await later.locator('main').innerText()).not.toMatch(/SETUP_LINK_INVALID|[A-Z]+_[A-Z]+/);
    await shot(later, 's3-setup-link-spent');
  });
});
