import { request } from '../support/api-request.js';
import {
  Account,
  ALL_WEEK,
  API,
  bearer,
  book,
  loginAdmin,
  makeClient,
  intakeBody,
  makeIntake,
  makeOffering,
  makeJpeg,
  makeTherapist,
  uploadPhoto,
  utcAt,
} from '../support/factories.js';
import { answersWithin } from '../support/sessions.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';
import { createTestApp, TestApp } from '../support/test-app.js';

let smtp: SmtpCatcher;
let t: TestApp;
let admin: Account;
let offering: Awaited<ReturnType<typeof makeOffering>>;
let therapist: Account;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await createTestApp({ SMTP_URL: smtp.url, JOB_POLL_SECONDS: '1' });
  admin = await loginAdmin(t);
  offering = await makeOffering(t, { technique: 'swedish', durationMinutes: 60 });
  therapist = await makeTherapist(t, {
    name: 'Tess Therapist',
    techniques: ['swedish'],
    weekly: ALL_WEEK,
  });
  await uploadPhoto(t, therapist, await makeJpeg()).expect(204);
  await request(t.server)
    .post(`${API}/therapists/me/time-off`)
    .set('Authorization', bearer(therapist))
    .send({ startsAt: utcAt(60, 0), endsAt: utcAt(61, 0), reason: 'Family wedding' })
    .expect(201);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/**
 * A client with something in every table that can hold a client's data: a check-in with a red
 * flag an admin cleared (audited), a later clear check-in, an upcoming booking (with notes and an
 * Idempotency-Key) and a past one, preferences, a failed login, sent messages.
 */
let nextDay = 3;
async function busyClient(name: string): Promise<Account & { bookingId: string; phone: string }> {
  const day = nextDay++;
  const client = await makeClient(t, name);
  const phone = `+3519${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await request(t.server)
    .patch(`${API}/me`)
    .set('Authorization', bearer(client))
    .send({ phone })
    .expect(200);
  const flagged = await makeIntake(t, client, {
    redFlags: { chestPain: true, radiatingPain: false, fever: false },
  });
  await request(t.server)
    .post(`${API}/admin/intake-flags/${flagged.flags[0].id}/resolve`)
    .set('Authorization', bearer(admin))
    .send({ decision: 'approve', note: 'Doctor cleared' })
    .expect(200);
  await request(t.server)
    .get(`${API}/intakes/${flagged.id}`)
    .set('Authorization', bearer(admin))
    .expect(200);
  await makeIntake(t, client);
  const upcoming = await book(
    t,
    client,
    {
      therapistId: therapist.id,
      offeringId: offering.id,
      startsAt: utcAt(day, 9),
      notes: `Gentle please, ${name}`,
    },
    `key-${client.id}`,
  ).expect(201);
  const past = await book(t, client, {
    therapistId: therapist.id,
    offeringId: offering.id,
    startsAt: utcAt(day, 11),
  }).expect(201);
  await t.db.query(
    `UPDATE bookings SET starts_at = starts_at - interval '20 days', ends_at = ends_at - interval '20 days',
            occupied_until = occupied_until - interval '20 days', status = 'completed'
      WHERE id = $1`,
    [past.body.id],
  );
  await request(t.server)
    .put(`${API}/me/notifications`)
    .set('Authorization', bearer(client))
    .send({ reminders: false, timezone: 'Europe/Lisbon' })
    .expect(200);
  await request(t.server)
    .post(`${API}/auth/login`)
    .send({ email: client.email, password: 'not-the-password' })
    .expect(401);
  await smtp.waitFor((mails) => mails.some((mail) => mail.to === client.email.toLowerCase()));
  return { ...client, bookingId: upcoming.body.id, phone };
}

/** Waits until `count` transactions of this file's database wait for an advisory lock. */
async function waitForLockWaiters(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await t.db.query(
      // pg_locks is the whole server's: only this file's database counts.
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if (rows[0].n >= count) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].n} of ${count} waiters`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every table of the public schema, and how each relates to one person ($1: id, $2: email). */
const PERSONAL_ROWS: Record<string, string> = {
  users: `SELECT id::text AS key FROM users WHERE id = $1`,
  sessions: `SELECT id::text AS key FROM sessions WHERE user_id = $1`,
  refresh_tokens: `SELECT NULL AS key FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE s.user_id = $1`,
  account_tokens: `SELECT NULL AS key FROM account_tokens WHERE user_id = $1`,
  login_failures: `SELECT id::text AS key FROM login_failures
                     WHERE $1::uuid IS NOT NULL AND email_hash = sha256(convert_to(lower($2), 'UTF8'))`,
  notification_preferences: `SELECT user_id::text AS key FROM notification_preferences WHERE user_id = $1`,
  outbox_messages: `SELECT id::text AS key FROM outbox_messages WHERE recipient_id = $1`,
  intakes: `SELECT id::text AS key FROM intakes WHERE client_id = $1`,
  intake_flags: `SELECT f.id::text AS key FROM intake_flags f JOIN intakes i ON i.id = f.intake_id WHERE i.client_id = $1`,
  bookings: `SELECT id::text AS key FROM bookings WHERE client_id = $1 OR therapist_id = $1`,
  idempotency_keys: `SELECT key FROM idempotency_keys WHERE user_id = $1`,
  therapists: `SELECT id::text AS key FROM therapists WHERE id = $1`,
  therapist_techniques: `SELECT NULL AS key FROM therapist_techniques WHERE therapist_id = $1`,
  certifications: `SELECT id::text AS key FROM certifications WHERE therapist_id = $1`,
  availability_windows: `SELECT id::text AS key FROM availability_windows WHERE therapist_id = $1`,
  time_off: `SELECT id::text AS key FROM time_off WHERE therapist_id = $1`,
  therapist_photos: `SELECT therapist_id::text AS key FROM therapist_photos WHERE therapist_id = $1`,
  waitlist_entries: `SELECT id::text AS key FROM waitlist_entries WHERE client_id = $1`,
  waitlist_offers: `SELECT w.id::text AS key FROM waitlist_offers w
                      JOIN waitlist_entries e ON e.id = w.entry_id WHERE e.client_id = $1`,
  audit_log: `SELECT id::text AS key FROM audit_log WHERE actor_id = $1 OR subject_id = $1
                 OR subject_id IN (SELECT id FROM intakes WHERE client_id = $1)`,
};
/**
 * Tables that hold nothing about a person (booking_units says which unit a booking holds when:
 * a booking's id and times, no one's name, reached only through the booking, which is exported).
 */
const IMPERSONAL = [
  'techniques',
  'offerings',
  'migrations',
  'locations',
  'rooms',
  'equipment_units',
  'booking_units',
];
/** Export sections that stand for a table whose rows have no shareable key (secret hashes). */
const COUNTED: Record<string, (data: ExportData) => number> = {
  refresh_tokens: (data) =>
    data.sessions.reduce((sum, session) => sum + (session.refreshTokens as unknown[]).length, 0),
  account_tokens: (data) => data.emailedLinks.length,
  therapist_techniques: (data) => data.therapistTechniques.length,
};
type ExportData = Record<string, Record<string, unknown>[]>;
/** The export section that holds each table's rows. */
const SECTION_OF: Record<string, string> = {
  sessions: 'sessions',
  login_failures: 'failedLogins',
  outbox_messages: 'messages',
  intakes: 'intakes',
  intake_flags: 'intakes',
  bookings: 'bookings',
  idempotency_keys: 'idempotencyKeys',
  waitlist_entries: 'waitlist',
  waitlist_offers: 'waitlist',
  therapist_photos: 'therapistPhoto',
};

async function exportOf(account: Account): Promise<{ data: ExportData; text: string }> {
  const response = await request(t.server)
    .get(`${API}/me/export`)
    .set('Authorization', bearer(account))
    .expect(200);
  expect(response.headers['content-disposition']).toMatch(
    /^attachment; filename="unknot-export-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  return { data: response.body, text: JSON.stringify(response.body) };
}

async function rowsOf(account: Account) {
  const found: Record<string, (string | null)[]> = {};
  for (const [table, sql] of Object.entries(PERSONAL_ROWS)) {
    const { rows } = await t.db.query(
      sql,
      sql.includes('$2') ? [account.id, account.email] : [account.id],
    );
    found[table] = rows.map((row) => row.key);
  }
  return found;
}

describe('GET /me/export', () => {
  it('classifies every table: a new one must say whether it holds personal data', async () => {
    const { rows } = await t.db.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    expect(rows.map((row) => row.table_name).sort()).toEqual(
      [...Object.keys(PERSONAL_ROWS), ...IMPERSONAL].sort(),
    );
  });

  it.each([
    ['a client', () => busyClient('Casey Export')],
    ['a therapist', async () => therapist],
    ['an admin', async () => admin],
  ])("holds every row of %s's data in every table, and nobody else's", async (_, who) => {
    const person = await who();
    const other = await busyClient('Olga Other');
    const { data, text } = await exportOf(person);
    expect(data.account).toMatchObject({ id: person.id, email: person.email });
    if ('phone' in person) expect(data.account).toMatchObject({ phone: person.phone });
    const mine = await rowsOf(person);
    let checked = 0;
    for (const [table, keys] of Object.entries(mine)) {
      if (COUNTED[table]) {
        expect({ table, rows: COUNTED[table](data) }).toEqual({ table, rows: keys.length });
        continue;
      }
      const section = SECTION_OF[table] ? JSON.stringify(data[SECTION_OF[table]]) : text;
      for (const key of keys) {
        expect({ table, key, exported: section.includes(`"${key}"`) }).toEqual({
          table,
          key,
          exported: true,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
    // Another client's rows are in no section (ids of theirs may appear only as references,
    // e.g. an admin's audit entry naming the check-in the admin read).
    const theirs = await rowsOf(other);
    for (const [table, section] of Object.entries(SECTION_OF)) {
      const exported = JSON.stringify(data[section]);
      // A session between the two is both people's row (the therapist's and the client's).
      for (const key of theirs[table].filter((key) => !mine[table].includes(key))) {
        expect({ table, key, leaked: exported.includes(`"${key}"`) }).toEqual({
          table,
          key,
          leaked: false,
        });
      }
    }
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.phone);
    expect(text).not.toContain('Gentle please, Olga Other');
    // No secret leaves: no password hash, no token hash, no calendar token, no link secret.
    expect(text).not.toMatch(/\$argon2|password_?hash|token_?hash|calendar_?token/i);
  });
});

describe('DELETE /me', () => {
  it('needs the password and changes nothing without it', async () => {
    const client = await makeClient(t, 'Careful Client');
    const refused = await request(t.server)
      .delete(`${API}/me`)
      .set('Authorization', bearer(client))
      .send({ password: 'not-my-password' })
      .expect(403);
    expect(refused.body.code).toBe('PASSWORD_INCORRECT');
    await request(t.server).get(`${API}/me`).set('Authorization', bearer(client)).expect(200);
  });

  it('erases a client: upcoming sessions cancelled and the therapist told, check-ins gone, no row names them, sessions ended', async () => {
    const client = await busyClient('Casey Erasable');
    const elsewhere = await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: client.email, password: client.password })
      .expect(200);
    // A reset request in the queue carries the address until its job runs: it goes too.
    await request(t.server)
      .post(`${API}/auth/password-reset`)
      .send({ email: client.email })
      .expect(202);
    await request(t.server)
      .delete(`${API}/me`)
      .set('Authorization', bearer(client))
      .send({ password: client.password })
      .expect(204);

    await answersWithin(t.server, client.token, 401);
    await answersWithin(t.server, elsewhere.body.accessToken, 401);
    await request(t.server)
      .post(`${API}/auth/login`)
      .send({ email: client.email, password: client.password })
      .expect(401);

    const { rows: bookings } = await t.db.query(
      `SELECT status, canceller_role, notes, intake_id FROM bookings WHERE client_id = $1 ORDER BY starts_at`,
      [client.id],
    );
    expect(bookings).toEqual([
      { status: 'completed', canceller_role: null, notes: null, intake_id: null },
      { status: 'cancelled', canceller_role: 'client', notes: null, intake_id: null },
    ]);
    const { rows: intakes } = await t.db.query(`SELECT id FROM intakes WHERE client_id = $1`, [
      client.id,
    ]);
    expect(intakes).toEqual([]);

    // The therapist hears of the cancellation; nothing more goes to the erased address.
    await smtp.waitFor((mails) =>
      mails.some(
        (mail) =>
          mail.to === therapist.email.toLowerCase() &&
          mail.subject.startsWith('Cancelled') &&
          mail.subject.includes('Former client'),
      ),
    );
    // Past sessions stay in the therapist's records, without the person.
    const agenda = await request(t.server)
      .get(`${API}/therapists/me/bookings`)
      .query({ from: utcAt(-30, 0), to: utcAt(30, 0) })
      .set('Authorization', bearer(therapist))
      .expect(200);
    const kept = agenda.body.filter(
      (item: { id: string; status: string }) => item.status === 'completed',
    );
    expect(kept.map((item: { client: { name: string } }) => item.client.name)).toContain(
      'Former client',
    );

    const { rows: erased } = await t.db.query(`SELECT phone FROM users WHERE id = $1`, [client.id]);
    expect(erased).toEqual([{ phone: null }]);

    // Every text of every table, the job queue's included: not the address, name or phone.
    const { rows: columns } = await t.db.query(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
        WHERE table_schema IN ('public', 'pgboss')
          AND (data_type IN ('text', 'character varying', 'json', 'jsonb') OR udt_name = 'citext')
          AND table_name IN (SELECT table_name FROM information_schema.tables
                              WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'pgboss'))`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const holders: string[] = [];
    for (const { table_schema, table_name, column_name } of columns) {
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM "${table_schema}"."${table_name}"
          WHERE "${column_name}"::text ILIKE $1 OR "${column_name}"::text ILIKE $2
             OR "${column_name}"::text LIKE $3`,
        [`%${client.email}%`, '%Casey Erasable%', `%${client.phone}%`],
      );
      if (rows[0].n > 0) holders.push(`${table_schema}.${table_name}.${column_name}`);
    }
    expect(holders).toEqual([]);

    const { rows: audit } = await t.db.query(
      `SELECT action FROM audit_log WHERE actor_id = $1 AND subject_id = $1`,
      [client.id],
    );
    expect(audit).toEqual([{ action: 'account.erase' }]);
  });

  it('erases a therapist: their upcoming clients are told, and the public profile is gone', async () => {
    const leaving = await makeTherapist(t, {
      name: 'Leo Leaving',
      techniques: ['swedish'],
      weekly: ALL_WEEK,
    });
    await uploadPhoto(t, leaving, await makeJpeg()).expect(204);
    const client = await makeClient(t, 'Loyal Client');
    await makeIntake(t, client);
    await book(t, client, {
      therapistId: leaving.id,
      offeringId: offering.id,
      startsAt: utcAt(4, 10),
    }).expect(201);
    await request(t.server).get(`${API}/therapists/${leaving.id}`).expect(200);
    await request(t.server)
      .delete(`${API}/me`)
      .set('Authorization', bearer(leaving))
      .send({ password: leaving.password })
      .expect(204);
    await request(t.server).get(`${API}/therapists/${leaving.id}`).expect(404);
    await request(t.server).get(`${API}/therapists/${leaving.id}/photo`).expect(404);
    const { rows: photos } = await t.db.query(
      `SELECT 1 FROM therapist_photos WHERE therapist_id = $1`,
      [leaving.id],
    );
    expect(photos).toEqual([]);
    await smtp.waitFor((mails) =>
      mails.some(
        (mail) =>
          mail.to === client.email.toLowerCase() &&
          mail.subject.startsWith('Cancelled') &&
          mail.subject.includes('Former therapist'),
      ),
    );
    const mine = await request(t.server)
      .get(`${API}/bookings`)
      .set('Authorization', bearer(client))
      .expect(200);
    expect(mine.body.items.map((item: { status: string }) => item.status)).toEqual(['cancelled']);
  });

  it('refuses a booking and a check-in that were in flight when the account was erased', async () => {
    const client = await makeClient(t, 'Ivy Inflight');
    await makeIntake(t, client);
    // The client's screening lock, held here: the erasure and the booking queue behind it, in
    // that order, as when a booking is already past sign-in when the erasure commits.
    const lock = await t.db.connect();
    try {
      await lock.query('BEGIN');
      await lock.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `screening:${client.id}`,
      ]);
      const erasure = request(t.server)
        .delete(`${API}/me`)
        .set('Authorization', bearer(client))
        .send({ password: client.password })
        .then((response) => response);
      await waitForLockWaiters(1);
      const booking = book(t, client, {
        therapistId: therapist.id,
        offeringId: offering.id,
        startsAt: utcAt(nextDay++, 16),
      }).then((response) => response);
      const intake = request(t.server)
        .post(`${API}/intakes`)
        .set('Authorization', bearer(client))
        .send(intakeBody())
        .then((response) => response);
      await waitForLockWaiters(3);
      await lock.query('COMMIT');
      expect((await erasure).status).toBe(204);
      expect((await booking).status).toBe(401);
      expect((await intake).status).toBe(401);
    } finally {
      lock.release();
    }
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*)::int FROM bookings WHERE client_id = $1) AS bookings,
              (SELECT count(*)::int FROM intakes WHERE client_id = $1) AS intakes`,
      [client.id],
    );
    expect(rows[0]).toEqual({ bookings: 0, intakes: 0 });
  });

  it('refuses to erase the only admin', async () => {
    const response = await request(t.server)
      .delete(`${API}/me`)
      .set('Authorization', bearer(admin))
      .send({ password: admin.password })
      .expect(409);
    expect(response.body.code).toBe('LAST_ADMIN');
  });
});
