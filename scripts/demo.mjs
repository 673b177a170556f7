// npm run demo: fills an empty database with a small demo spa, through the API as people would
// (so every rule holds), then prints the accounts. The database is DATABASE_URL's, or without it
// the embedded PostgreSQL in .data/postgres that `npm start` uses. A database that already holds
// people, offerings or locations is left alone.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import pg from 'pg';
import sharp from 'sharp';
import { freePort } from './free-port.mjs';

const DEMO_PASSWORD = 'knots-untied-daily';
const ADMIN = { email: 'admin@demo.unknot.test', password: 'demo-admin-passphrase' };
const TIMEZONE = 'Europe/Lisbon';

const OFFERINGS = [
  ['swedish', 'Swedish massage, 60 min', 60, 8000],
  ['deep-tissue', 'Deep tissue, 60 min', 60, 9500],
  ['hot-stone', 'Hot stone, 75 min', 75, 11000],
  ['trigger-point', 'Trigger point, 45 min', 45, 7000],
  ['shiatsu', 'Shiatsu, 60 min', 60, 8500],
  ['aromatherapy', 'Aromatherapy, 60 min', 60, 9000],
  ['prenatal', 'Prenatal massage, 60 min', 60, 9000],
];

const THERAPISTS = [
  {
    name: 'Ana Sousa',
    email: 'ana@demo.unknot.test',
    colour: '#2f6f62',
    years: 8,
    techniques: ['swedish', 'deep-tissue', 'trigger-point'],
    bio: 'Desk-bound backs are my speciality: I find the knots between the shoulder blades and work them loose.',
  },
  {
    name: 'Ben Okafor',
    email: 'ben@demo.unknot.test',
    colour: '#8a4b2d',
    years: 12,
    techniques: ['hot-stone', 'shiatsu', 'swedish'],
    bio: 'Twelve years of hot stone and shiatsu. Slow, warm and calm; come as tense as you like.',
  },
  {
    name: 'Chloé Martin',
    email: 'chloe@demo.unknot.test',
    colour: '#6b4c8a',
    years: 6,
    techniques: ['aromatherapy', 'swedish', 'prenatal'],
    prenatal: true,
    bio: 'Certified in prenatal massage. Gentle pressure, scents you choose, and all the pillows you need.',
  },
  {
    name: 'Daniel Kim',
    email: 'daniel@demo.unknot.test',
    colour: '#345c8c',
    years: 4,
    techniques: ['deep-tissue', 'trigger-point', 'shiatsu'],
    bio: 'Former athlete. Firm pressure for chronic stiffness, always at the pace you set.',
  },
];

/** Each client checks in and books one session with a demo therapist. */
const CLIENTS = [
  { name: 'Maria Costa', email: 'maria@demo.unknot.test', therapist: 0, technique: 'swedish' },
  { name: 'Tom Reid', email: 'tom@demo.unknot.test', therapist: 1, technique: 'shiatsu' },
  {
    name: 'Sara Lopes',
    email: 'sara@demo.unknot.test',
    therapist: 3,
    technique: 'trigger-point',
  },
];

const INTAKE = {
  painAreas: ['upper-back', 'between-shoulder-blades'],
  sensations: ['tight', 'aching'],
  onset: 'chronic',
  causes: ['posture', 'stress'],
  knots: true,
  stressLevel: 6,
  redFlags: { chestPain: false, radiatingPain: false, fever: false },
  pregnancy: { pregnant: false },
};

/** DATABASE_URL's database, or the embedded one `npm start` keeps in .data/postgres. */
async function database() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const { startEmbeddedPostgres } = await import('../dist/src/database/embedded-postgres.js');
  const { DATA_DIR } = await import('../dist/src/config/local-secrets.js');
  try {
    const embedded = await startEmbeddedPostgres({
      databaseDir: join(DATA_DIR, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      database: 'unknot',
      persistent: true,
    });
    console.log('No DATABASE_URL: using the embedded PostgreSQL in .data/postgres');
    return embedded;
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL (is \`npm start\` running? Stop it first): ${error.message}`,
      { cause: error },
    );
  }
}

/** What the database already holds; nothing at all on a new one (not even tables). */
async function contentOf(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regclass('public.users') IS NOT NULL AS ready`);
    if (!rows[0].ready) return { users: 0, offerings: 0, locations: 0 };
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM users)::int AS users,
              (SELECT count(*) FROM offerings)::int AS offerings,
              (SELECT count(*) FROM locations)::int AS locations`,
    );
    return counts.rows[0];
  } finally {
    await client.end();
  }
}

/** The production build on `url`, with the demo's administrator ensured at start-up. */
async function startApp(url) {
  const port = await freePort();
  const child = spawn(process.execPath, [join('dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_REGISTER_PER_HOUR: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('The app stopped during start-up (see above).');
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('The app did not answer /health within a minute.');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function client(base) {
  const call = async (method, path, { token, body, raw, type } = {}) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(raw ? { 'content-type': type } : {}),
      },
      body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (path, options) => call('GET', path, options),
    post: (path, body, options) => call('POST', path, { ...options, body }),
    put: (path, body, options) => call('PUT', path, { ...options, body }),
    putRaw: (path, raw, type, options) => call('PUT', path, { ...options, raw, type }),
  };
}

/** A round portrait with the therapist's initials, as the photo upload takes it (PNG). */
function portrait(name, colour) {
  const initials = name
    .split(' ')
    .map((part) => part[0])
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="640">
    <rect width="640" height="640" fill="${colour}"/>
    <circle cx="320" cy="320" r="250" fill="#ffffff" fill-opacity="0.12"/>
    <text x="320" y="390" font-family="DejaVu Sans, Arial, sans-serif" font-size="210"
          font-weight="bold" fill="#ffffff" text-anchor="middle">${initials}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The year after next, so demo certifications stay valid a good while. */
const expiresOn = () => `${new Date().getUTCFullYear() + 2}-12-31`;

async function fill(api) {
  const admin = (await api.post('/auth/login', ADMIN)).accessToken;
  const location = await api.post(
    '/admin/locations',
    { name: 'Unknot Demo Spa', address: '12 Rua das Flores, 1200-195 Lisbon', timezone: TIMEZONE },
    { token: admin },
  );
  const offerings = {};
  for (const [technique, name, durationMinutes, priceCents] of OFFERINGS) {
    const body = { technique, name, durationMinutes, priceCents, bufferMinutes: 15 };
    offerings[technique] = await api.post('/offerings', body, { token: admin });
  }

  const therapists = [];
  for (const person of THERAPISTS) {
    const { user, accessToken: token } = await api.post('/auth/register', {
      email: person.email,
      password: DEMO_PASSWORD,
      name: person.name,
      role: 'therapist',
    });
    await api.put(
      '/therapists/me',
      {
        bio: person.bio,
        yearsExperience: person.years,
        timezone: TIMEZONE,
        techniques: person.techniques,
        locationId: location.id,
      },
      { token },
    );
    const kinds = ['massage-license', ...(person.prenatal ? ['prenatal'] : [])];
    for (const kind of kinds) {
      const certification = await api.post(
        '/therapists/me/certifications',
        {
          kind,
          issuer: 'Demo Board of Massage Therapy',
          number: `DEMO-${kind.toUpperCase()}-${therapists.length + 1}`,
          expiresOn: expiresOn(),
        },
        { token },
      );
      await api.post(
        `/admin/certifications/${certification.id}/verify`,
        { note: 'Demo data' },
        { token: admin },
      );
    }
    // Monday to Saturday, nine to six, on the spa's clock.
    const weekly = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '18:00' }));
    await api.put('/therapists/me/availability', { weekly }, { token });
    const photo = await portrait(person.name, person.colour);
    await api.putRaw('/therapists/me/photo', photo, 'image/png', { token });
    therapists.push({ ...person, id: user.id });
  }

  const bookings = [];
  for (const [index, person] of CLIENTS.entries()) {
    const { accessToken: token } = await api.post('/auth/register', {
      email: person.email,
      password: DEMO_PASSWORD,
      name: person.name,
      role: 'client',
    });
    await api.put('/me/notifications', { reminders: true, timezone: TIMEZONE }, { token });
    await api.post('/intakes', INTAKE, { token });
    const therapist = therapists[person.therapist];
    const offering = offerings[person.technique];
    // A time a few days out, past the cancellation notice, one client a day.
    const from = new Date(Date.now() + (2 + index) * 86_400_000).toISOString();
    const to = new Date(Date.parse(from) + 7 * 86_400_000).toISOString();
    const query = new URLSearchParams({ offeringId: offering.id, from, to });
    const { slots } = await api.get(`/therapists/${therapist.id}/slots?${query}`);
    const slot = slots.find((s) => new Date(s.startsAt).getUTCHours() >= 10) ?? slots[0];
    if (!slot) throw new Error(`${therapist.name} has no free time for the demo booking`);
    const booking = await api.post(
      '/bookings',
      { therapistId: therapist.id, offeringId: offering.id, startsAt: slot.startsAt },
      { token },
    );
    bookings.push({ client: person.name, therapist: therapist.name, startsAt: booking.startsAt });
  }
  return { therapists, bookings, techniques: Object.keys(offerings).length };
}

function printAccounts(result) {
  const rows = [
    ['admin', 'Administrator', ADMIN.email, ADMIN.password],
    ...THERAPISTS.map((t) => ['therapist', t.name, t.email, DEMO_PASSWORD]),
    ...CLIENTS.map((c) => ['client', c.name, c.email, DEMO_PASSWORD]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(
    `The demo spa is ready: ${result.techniques} offerings (one per technique), ` +
      `${result.therapists.length} therapists with verified licences, hours and photos, ` +
      `one location and ${result.bookings.length} bookings.`,
  );
  console.log('');
  console.log(line(['role', 'name', 'email', 'password']));
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const booking of result.bookings) {
    console.log(`Booked: ${booking.client} with ${booking.therapist} at ${booking.startsAt}`);
  }
  console.log('');
  console.log('Start the app with `npm start` and sign in at http://localhost:3000/.');
}

/** Answers the exit code: 0 once filled, 1 when the database is not empty. */
async function main() {
  const db = await database();
  try {
    const content = await contentOf(db.url);
    if (content.users + content.offerings + content.locations > 0) {
      console.log(
        `This database is not empty (${content.users} accounts, ${content.offerings} offerings, ` +
          `${content.locations} locations), so the demo leaves it alone. Point DATABASE_URL at an ` +
          'empty database (or, with the embedded one, move .data/postgres aside) and run it again.',
      );
      return 1;
    }
    const app = await startApp(db.url);
    try {
      printAccounts(await fill(client(app.base)));
    } finally {
      await app.stop();
    }
    return 0;
  } finally {
    await db.stop();
  }
}

// The embedded server's package hooks the process's exit: the code is given explicitly.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`The demo could not be set up: ${error.message}`);
    process.exit(1);
  },
);
