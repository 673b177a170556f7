import { request } from '../support/api-request.js';
import { Account, API, bearer, makeClient, uniqueEmail } from '../support/factories.js';
import { answersWithin } from '../support/sessions.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let smtp: SmtpCatcher;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({ SMTP_URL: smtp.url, JOB_POLL_SECONDS: '1' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const login = (email: string, password: string) =>
  request(t.server).post(`${API}/auth/login`).send({ email, password });

const mailTo = (address: string, subject: RegExp) => (mails: CaughtMail[]) =>
  mails.filter((mail) => mail.to === address.toLowerCase() && subject.test(mail.subject));

async function nextMail(address: string, subject: RegExp, after = 0): Promise<CaughtMail> {
  const mails = await smtp.waitFor((all) => mailTo(address, subject)(all).length > after);
  return mailTo(address, subject)(mails)[after];
}

/** The token of the web-app link in a message (`#/<path>?token=…`). */
function tokenIn(mail: CaughtMail, path: string): string {
  const match = new RegExp(`#/${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in "${mail.subject}"`);
  return match[1];
}

describe('changing a password', () => {
  it('needs the current one, ends the other sessions and keeps this one', async () => {
    const client = await makeClient(t);
    const elsewhere = await login(client.email, client.password).expect(200);
    const wrong = await request(t.server)
      .post(`${API}/auth/password`)
      .set('Authorization', bearer(client))
      .send({ currentPassword: 'not-my-password', newPassword: 'another long passphrase' })
      .expect(403);
    expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
    await login(client.email, client.password).expect(200);

    await request(t.server)
      .post(`${API}/auth/password`)
      .set('Authorization', bearer(client))
      .send({ currentPassword: client.password, newPassword: 'another long passphrase' })
      .expect(204);
    await answersWithin(t.server, elsewhere.body.accessToken, 401);
    await request(t.server)
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: elsewhere.body.refreshToken })
      .expect(401);
    await request(t.server).get(`${API}/me`).set('Authorization', bearer(client)).expect(200);
    await login(client.email, client.password).expect(401);
    await login(client.email, 'another long passphrase').expect(200);
    const told = await nextMail(client.email, /password was changed/);
    expect(told.text).toContain('your other devices were signed out');
  });

  it('refuses a common or short new password next to its field, changing nothing', async () => {
    const client = await makeClient(t);
    for (const newPassword of ['password123', 'qwertyuiop', 'short']) {
      const refused = await request(t.server)
        .post(`${API}/auth/password`)
        .set('Authorization', bearer(client))
        .send({ currentPassword: client.password, newPassword })
        .expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    }
    await login(client.email, client.password).expect(200);
  });

  it('refuses a common password at registration too', async () => {
    const refused = await request(t.server)
      .post(`${API}/auth/register`)
      .send({ email: uniqueEmail(), password: 'Password123', name: 'Common' })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'password', message: expect.stringContaining('most common passwords') },
    ]);
  });
});

describe('resetting a forgotten password', () => {
  let client: Account;
  beforeAll(async () => {
    client = await makeClient(t, 'Forgetful Client');
  });

  it('answers 202 alike for every address; only a real account gets a link', async () => {
    const stranger = uniqueEmail('nobody');
    const known = await request(t.server)
      .post(`${API}/auth/password-reset`)
      .send({ email: client.email })
      .expect(202);
    const unknown = await request(t.server)
      .post(`${API}/auth/password-reset`)
      .send({ email: stranger })
      .expect(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.text).toBe(known.text);
    await nextMail(client.email, /reset your password/);
    // The stranger's request was looked up by its job, which then did nothing: no message.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows: jobs } = await t.db.query(
        `SELECT state FROM pgboss.job WHERE name = 'password-reset' AND data->>'email' = $1`,
        [stranger],
      );
      if (jobs[0]?.state === 'completed') break;
      if (Date.now() > deadline) throw new Error(`the reset job did not run (${jobs[0]?.state})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE recipient_email = $1`,
      [stranger],
    );
    expect(rows[0].n).toBe(0);
  });

  it('works once, ends every session, and proves the address', async () => {
    const signedIn = await login(client.email, client.password).expect(200);
    const before = mailTo(client.email, /reset your password/)(smtp.mails).length;
    await request(t.server)
      .post(`${API}/auth/password-reset`)
      .send({ email: client.email })
      .expect(202);
    const token = tokenIn(
      await nextMail(client.email, /reset your password/, before),
      'reset-password',
    );

    await request(t.server)
      .post(`${API}/auth/password-reset/confirm`)
      .send({ token, newPassword: 'a-brand-new-passphrase' })
      .expect(204);
    await answersWithin(t.server, signedIn.body.accessToken, 401);
    await answersWithin(t.server, client.token, 401);
    await login(client.email, 'a-brand-new-passphrase').expect(200);
    const again = await request(t.server)
      .post(`${API}/auth/password-reset/confirm`)
      .send({ token, newPassword: 'yet-another-passphrase' })
      .expect(400);
    expect(again.body.code).toBe('RESET_TOKEN_INVALID');
    await login(client.email, 'a-brand-new-passphrase').expect(200);
    const me = await login(client.email, 'a-brand-new-passphrase').expect(200);
    expect(me.body.user.emailVerified).toBe(true);
    // The link's secret was needed to write the message; once sent it is gone from the outbox.
    const { rows } = await t.db.query(
      `SELECT payload FROM outbox_messages WHERE recipient_id = $1 AND status = 'sent'`,
      [client.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.payload).not.toHaveProperty('token');
  });

  it('refuses an expired link, and an older link once a newer one was sent', async () => {
    const person = await makeClient(t);
    await request(t.server)
      .post(`${API}/auth/password-reset`)
      .send({ email: person.email })
      .expect(202);
    const first = tokenIn(await nextMail(person.email, /reset your password/), 'reset-password');
    await request(t.server)
      .post(`${API}/auth/password-reset`)
      .send({ email: person.email })
      .expect(202);
    const second = tokenIn(
      await nextMail(person.email, /reset your password/, 1),
      'reset-password',
    );
    const stale = await request(t.server)
      .post(`${API}/auth/password-reset/confirm`)
      .send({ token: first, newPassword: 'a-brand-new-passphrase' })
      .expect(400);
    expect(stale.body.code).toBe('RESET_TOKEN_INVALID');

    await t.db.query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND purpose = 'password-reset' AND used_at IS NULL`,
      [person.id],
    );
    await request(t.server)
      .post(`${API}/auth/password-reset/confirm`)
      .send({ token: second, newPassword: 'a-brand-new-passphrase' })
      .expect(400);
    await login(person.email, person.password).expect(200);
  });

  it('refuses a made-up token without touching any account', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/password-reset/confirm`)
      .send({ token: 'A'.repeat(43), newPassword: 'a-brand-new-passphrase' })
      .expect(400);
    expect(response.body.code).toBe('RESET_TOKEN_INVALID');
  });
});

describe('verifying the address', () => {
  it('sends a link at sign-up; opening it (even twice) verifies the address', async () => {
    const client = await makeClient(t, 'Vera Verify');
    const me = () => request(t.server).get(`${API}/me`).set('Authorization', bearer(client));
    expect((await me().expect(200)).body.emailVerified).toBe(false);
    const mail = await nextMail(client.email, /confirm your email address/);
    expect(mail.text).toContain('Hello Vera Verify');
    const token = tokenIn(mail, 'verify-email');
    await request(t.server).post(`${API}/auth/verify-email`).send({ token }).expect(204);
    expect((await me().expect(200)).body.emailVerified).toBe(true);
    await request(t.server).post(`${API}/auth/verify-email`).send({ token }).expect(204);
  });

  it('refuses a link that is not one of ours', async () => {
    const response = await request(t.server)
      .post(`${API}/auth/verify-email`)
      .send({ token: 'B'.repeat(43) })
      .expect(400);
    expect(response.body.code).toBe('VERIFICATION_TOKEN_INVALID');
  });

  it('resends a link on request, and none once the address is verified', async () => {
    const client = await makeClient(t);
    await nextMail(client.email, /confirm your email address/);
    await request(t.server)
      .post(`${API}/auth/verify-email/resend`)
      .set('Authorization', bearer(client))
      .expect(202);
    const second = await nextMail(client.email, /confirm your email address/, 1);
    await request(t.server)
      .post(`${API}/auth/verify-email`)
      .send({ token: tokenIn(second, 'verify-email') })
      .expect(204);
    await request(t.server)
      .post(`${API}/auth/verify-email/resend`)
      .set('Authorization', bearer(client))
      .expect(202);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_messages
        WHERE recipient_id = $1 AND kind = 'account.email-verification'`,
      [client.id],
    );
    expect(rows[0].n).toBe(2);
  });
});
