/**
 * Account journeys in Chromium: the session that survives a reload and ends everywhere, the
 * links emails carry (confirm the address, reset the password), and the account settings —
 * name, password, a copy of one's data, deleting the account.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { request } from '../support/api-request.js';
import { API, makeClient } from '../support/factories.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp-catcher.js';
import { browserSuite, describeInBrowser, DESKTOP } from './harness.js';

let smtp: SmtpCatcher;

describeInBrowser('accounts in Chromium', () => {
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  // Started after the catcher listens: the app sends its mail there.
  const harness = browserSuite(() => ({ SMTP_URL: smtp.url, JOB_POLL_SECONDS: '1' }));
  const { openPage, shot, signIn } = harness;
  const t = () => harness.t;

  /** The web-app link of the newest mail to `email` whose subject matches. */
  async function linkFor(email: string, subject: RegExp): Promise<string> {
    const match = (mail: CaughtMail) =>
      mail.to === email.toLowerCase() && subject.test(mail.subject);
    const mails = await smtp.waitFor((all) => all.some(match));
    const mail = mails.filter(match).at(-1)!;
    const link = /https?:\/\/\S+#\/[\w-]+\?token=[\w-]+/.exec(mail.text)?.[0];
    if (!link) throw new Error(`no link in "${mail.subject}"`);
    // The app's PUBLIC_URL is not this test server's: keep the path, use the server.
    return `${t().server}/${link.slice(link.indexOf('#'))}`;
  }

  /** What a script on the page can read: the web storage and the cookies it can see. */
  const storage = (page: Page) =>
    page.evaluate(() => {
      const { localStorage, sessionStorage, document } = globalThis as unknown as {
        localStorage: object;
        sessionStorage: object;
        document: { cookie: string };
      };
      return JSON.stringify({
        local: { ...localStorage },
        session: { ...sessionStorage },
        cookies: document.cookie,
      });
    });

  it('a client confirms the address, stays signed in across a reload, and manages the account', async () => {
    const client = await makeClient(t(), 'Rosa Account');
    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('(not confirmed yet)').waitFor();

    await page.goto(await linkFor(client.email, /confirm your email address/));
    await page.getByText('Thank you: your email address is confirmed.').waitFor();
    await shot(page, 'a1-email-confirmed');

    // A reload keeps no token in the page; the HttpOnly cookie signs the person back in.
    await page.goto(`${t().server}/#/settings`);
    await page.reload();
    await page.getByText('(confirmed)').waitFor();
    const kept = await storage(page);
    expect(kept).not.toMatch(/eyJ|unknot_refresh/);

    await page.getByLabel('Your name').fill('Rosa Renamed');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByText('Your name is saved.').waitFor();
    await page.getByText('Rosa Renamed').first().waitFor();

    // A phone number is optional; a mistyped one is refused next to it, before anything is sent.
    await page.getByLabel('Phone (optional)').fill('555 01');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page
      .locator('.field-error', { hasText: 'Enter a phone number with its country code' })
      .waitFor();
    await page.getByLabel('Phone (optional)').fill('+1 (212) 555-0100');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByText('Your details are saved.').waitFor();

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('rosa changes her passphrase');
    await page.getByLabel('New password, again').fill('rosa changes her passphrase');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByText('This is not your current password.').waitFor();
    await page.getByLabel('Current password').fill(client.password);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await shot(page, 'a2-account-settings');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.account).toMatchObject({ email: client.email, name: 'Rosa Renamed' });

    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByLabel('Your password, to confirm').fill('rosa changes her passphrase');
    await shot(page, 'a3-delete-account');
    await page.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, client.email, 'rosa changes her passphrase');
    await page.getByText('Wrong email or password').waitFor();
  }, 60_000);

  it('a person who forgot the password resets it from the emailed link', async () => {
    const client = await makeClient(t(), 'Forgetful Fern');
    const page = await openPage({ viewport: DESKTOP });
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(client.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText(/we have sent it a link to choose a new password/).waitFor();
    await shot(page, 'a4-forgot-password');

    await page.goto(await linkFor(client.email, /reset your password/));
    await page.getByLabel('New password', { exact: true }).fill('password123');
    await page.getByLabel('New password, again').fill('password124');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('New password, again').fill('password123');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page
      .getByText(/not a common password like/)
      .first()
      .waitFor();
    await shot(page, 'a5-reset-refused');
    for (const label of ['New password', 'New password, again']) {
      await page.getByLabel(label, { exact: true }).fill('fern remembers this one');
    }
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with your new password' }).click();
    await signIn(page, client.email, 'fern remembers this one');
    await page.getByText('Step 1 of 5').waitFor();
  }, 60_000);

  it('a session that ends while in use asks to sign in again, then returns to the same screen', async () => {
    const client = await makeClient(t(), 'Ida Interrupted');
    const page = await openPage();
    await signIn(page, client.email, client.password);
    await page.getByText('Step 1 of 5').waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // Signed out everywhere (another device changed the password, say).
    await t().db.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE user_id = $1`,
      [client.id],
    );
    await page.getByLabel('Your name').fill('Ida Again');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByText('Your session has ended').waitFor();
    await shot(page, 'a6-session-ended');
    await signIn(page, client.email, client.password);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(page.url()).toMatch(/#\/settings$/);
    const me = await request(t().server)
      .post(`${API}/auth/login`)
      .send({ email: client.email, password: client.password })
      .expect(200);
    expect(me.body.user.name).toBe('Ida Interrupted');
  }, 60_000);
});
