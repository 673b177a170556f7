// The baseline: raw Fastify 5 + pg doing the same work as Unknot's two hot routes — the same SQL
// statements in the same order (one transaction for a booking, the same INSERT into the same
// bookings table, so the same exclusion constraint decides), the same pure slot arithmetic
// (imported from the compiled app), the same HS256 token check (jsonwebtoken, which the app
// uses through @nestjs/jwt) and the same session check (the app's SessionCache, kept honest by
// the same LISTEN channel, missing to the same SQL). What it leaves out is the framework: Nest, TypeORM, class-validator,
// guards, interceptors, pino-http, helmet. Env: PORT, DATABASE_URL, JWT_SECRET, DATABASE_POOL_SIZE.
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
// The compiled app: the benchmark's private copy (UNKNOT_DIST), else the project's dist/.
const dist = `${process.env.UNKNOT_DIST ?? new URL('../dist/src', import.meta.url).pathname}/`;
const { findSlotStarts, isSlotOffered, fitsAvailability } = require(
  `${dist}modules/schedules/availability.rules.js`,
);
const { qualifiedForSql, validCertificationSql } = require(
  `${dist}modules/therapists/qualification.sql.js`,
);
const { contraindicationFor } = require(`${dist}modules/intake/intake.rules.js`);
const { LATEST_INTAKE_SQL } = require(`${dist}modules/intake/screening-facts.js`);
const { SLOT_FACTS_SQL, readSlotFacts } = require(`${dist}modules/schedules/slot-facts.sql.js`);
const { toIsoInstant } = require(`${dist}common/time/iso.js`);
const { MINUTE_MS, DAY_MS } = require(`${dist}common/time/duration.js`);
// The booking's statements, as BookingsService runs them.
const {
  INSERT_BOOKING_SQL,
  insertBookingParams,
  LIVE_OFFERING_FOR_SHARE_SQL,
  LOCK_THERAPIST_FOR_SHARE_SQL,
} = require(`${dist}modules/bookings/booking.sql.js`);
// What a booking tells people: the same facts, outbox rows and jobs as BookingNotices.
const { BOOKING_NOTICE_FACTS_SQL } = require(`${dist}modules/bookings/booking.sql.js`);
const { bookingDrafts, reminderJob } = require(`${dist}modules/bookings/booking-notice.rules.js`);
const { INSERT_MESSAGES_SQL, outboxRows, mailJobs } = require(
  `${dist}modules/notifications/outbox.sql.js`,
);
const { toJobInserts } = require(`${dist}modules/jobs/job-insert.js`);
// The session check, as SessionRegistry runs it: the cache, its channel and its statement.
const { SessionCache } = require(`${dist}modules/sessions/session-cache.js`);
const { AUTH_CHANNEL, LIVE_SESSION_SQL } = require(`${dist}modules/sessions/sessions.sql.js`);
const PgBoss = require('pg-boss');
// Never started: only its insert, the statement JobQueue.sendMany runs, with the app's settings.
const boss = new PgBoss({
  connectionString: process.env.DATABASE_URL,
  schema: 'pgboss',
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
});
const SPA_NAME = 'Unknot';
const REMINDER_LEAD_MINUTES = 1440;
const SECRET = process.env.JWT_SECRET;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});
const app = Fastify({ logger: false, bodyLimit: 100_000 });

const sessions = new SessionCache();
const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
listener.on('notification', (message) => sessions.invalidate(message.payload));
await listener.connect();
await listener.query(`LISTEN ${AUTH_CHANNEL}`);
sessions.setListening(true);

async function liveSession(id) {
  const { rows } = await pool.query(LIVE_SESSION_SQL, [id]);
  return rows[0]
    ? { userId: rows[0].user_id, role: rows[0].role, expiresAtMs: rows[0].expires_ms }
    : null;
}

class Problem extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

let logged = 0;
app.setErrorHandler((error, _request, reply) => {
  const status = error instanceof Problem ? error.status : (error.statusCode ?? 500);
  if (status >= 500 && logged++ < 5) console.error('baseline 5xx:', error);
  const code =
    error instanceof Problem ? error.code : status === 400 ? 'VALIDATION_FAILED' : 'INTERNAL';
  void reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: code, status, detail: error.message, code });
});

async function authenticate(request) {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  const refused = () => new Problem(401, 'UNAUTHENTICATED', 'A valid bearer token is required.');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw refused();
  let claims;
  try {
    claims = jwt.verify(token, SECRET, {
      algorithms: ['HS256'],
      issuer: 'unknot',
      audience: 'unknot-api',
    });
  } catch {
    throw refused();
  }
  const session = await sessions.check(claims.sid, liveSession);
  if (session?.userId !== claims.sub) throw refused();
  return { id: claims.sub, role: session.role };
}

// --- the same SQL as BookingsService / SlotsService / ScreeningService ----------------------

async function liveOffering(db, id) {
  const { rows } = await db.query(LIVE_OFFERING_FOR_SHARE_SQL, [id]);
  if (!rows[0]) throw new Problem(404, 'OFFERING_NOT_FOUND', 'The offering was not found.');
  return rows[0];
}

/** TherapistsService.bookingFacts: the same lock (its own statement), then the read. */
async function therapistTimezone(db, id) {
  await db.query(LOCK_THERAPIST_FOR_SHARE_SQL, [id]);
  const { rows } = await db.query(`SELECT timezone FROM therapists WHERE id = $1`, [id]);
  if (!rows[0]) throw new Problem(404, 'THERAPIST_NOT_FOUND', 'The therapist was not found.');
  return rows[0];
}

async function requireQualified(db, therapistId, technique) {
  const { rows } = await db.query(
    `SELECT ${qualifiedForSql('$1::uuid', '$2::text')} AS qualified`,
    [therapistId, technique],
  );
  if (!rows[0].qualified) {
    throw new Problem(422, 'THERAPIST_NOT_QUALIFIED', `Not certified to offer ${technique}.`);
  }
}

/** SlotsService.slotQuery: the same one query (windows, time off, busy as JSON per therapist). */
async function slotQuery(db, subject, from, to, now) {
  const horizon = to + (subject.durationMinutes + subject.bufferMinutes) * MINUTE_MS;
  const { rows } = await db.query(SLOT_FACTS_SQL, [
    [subject.therapistId],
    new Date(from),
    new Date(horizon),
  ]);
  return {
    ...readSlotFacts(rows[0]),
    timeZone: subject.timezone,
    durationMinutes: subject.durationMinutes,
    bufferMinutes: subject.bufferMinutes,
    from,
    to,
    notBefore: now,
  };
}

/** ScreeningService.screen (the client's advisory lock, latest intake, flags, prenatal). */
async function screen(db, { clientId, therapistId, technique, now }) {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `screening:${clientId}`,
  ]);
  const { rows } = await db.query(LATEST_INTAKE_SQL, [clientId, now]);
  const intake = rows[0];
  if (intake?.status === 'blocked') throw new Problem(422, 'INTAKE_BLOCKED', 'See a doctor first.');
  if (intake && contraindicationFor(intake.answers, technique)) {
    throw new Problem(422, 'TECHNIQUE_CONTRAINDICATED', 'Contraindicated.');
  }
  const prenatal = technique === 'prenatal' || intake?.pregnant === true;
  if (prenatal && !intake?.clot_screened) {
    throw new Problem(422, 'PRENATAL_SCREENING_REQUIRED', 'Screening required.');
  }
  const pending = intake?.flags.some(
    ({ code, status }) => code === 'CLOT_RISK' && (status === 'open' || status === 'rejected'),
  );
  if (pending) throw new Problem(422, 'CLOT_REVIEW_PENDING', 'Review pending.');
  if (prenatal) {
    const { rows: certs } = await db.query(
      `SELECT ${validCertificationSql('$1::uuid', `'prenatal'`)} AS certified`,
      [therapistId],
    );
    if (!certs[0].certified) throw new Problem(422, 'THERAPIST_NOT_QUALIFIED', 'Not prenatal.');
  }
  return intake?.id ?? null;
}

function bookingResponse(row) {
  return {
    id: row.id,
    status: row.status,
    clientId: row.client_id,
    therapistId: row.therapist_id,
    offeringId: row.offering_id,
    technique: row.technique_slug,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    durationMinutes: Math.round((row.ends_at - row.starts_at) / MINUTE_MS),
    priceCents: row.price_cents,
    notes: row.notes,
    intakeId: row.intake_id ?? null,
    cancelledAt: null,
    cancellationReason: null,
    lateCancellation: row.late_cancellation,
    createdAt: row.created_at.toISOString(),
  };
}

const uuid = { type: 'string', format: 'uuid' };
const instant = { type: 'string', format: 'date-time', maxLength: 40 };

app.get('/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

app.get(
  '/api/v1/therapists/:id/slots',
  {
    schema: {
      params: { type: 'object', properties: { id: uuid }, required: ['id'] },
      querystring: {
        type: 'object',
        additionalProperties: false,
        required: ['offeringId'],
        properties: { offeringId: uuid, from: instant, to: instant },
      },
    },
  },
  async (request) => {
    const { id } = request.params;
    const { offeringId, from: fromText, to: toText } = request.query;
    const now = Date.now();
    const from = Math.max(fromText ? Date.parse(fromText) : now, now);
    const to = toText ? Date.parse(toText) : from + 7 * DAY_MS;
    if (to <= from || to - from > 31 * DAY_MS) {
      throw new Problem(400, 'VALIDATION_FAILED', 'to must be after from, at most 31 days');
    }
    const offering = await liveOffering(pool, offeringId);
    const therapist = await therapistTimezone(pool, id);
    await requireQualified(pool, id, offering.technique_slug);
    const query = await slotQuery(
      pool,
      {
        therapistId: id,
        timezone: therapist.timezone,
        durationMinutes: offering.duration_minutes,
        bufferMinutes: offering.buffer_minutes,
      },
      from,
      to,
      now,
    );
    const duration = offering.duration_minutes * MINUTE_MS;
    return {
      therapistId: id,
      offeringId: offering.id,
      timezone: therapist.timezone,
      slots: findSlotStarts(query).map((start) => ({
        startsAt: toIsoInstant(start),
        endsAt: toIsoInstant(start + duration),
      })),
    };
  },
);

const CONFLICT_CODES = new Set(['23P01', '40P01', '40001']);

app.post(
  '/api/v1/bookings',
  {
    schema: {
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['therapistId', 'offeringId', 'startsAt'],
        properties: {
          therapistId: uuid,
          offeringId: uuid,
          startsAt: instant,
          intakeId: uuid,
          notes: { type: 'string', maxLength: 500 },
        },
      },
    },
  },
  async (request, reply) => {
    const user = await authenticate(request);
    if (user.role !== 'client') throw new Problem(403, 'FORBIDDEN', 'This route is for: client.');
    const dto = request.body;
    const db = await pool.connect();
    let release = true;
    try {
      await db.query('BEGIN');
      try {
        const now = new Date();
        const startsAt = Date.parse(dto.startsAt);
        const offering = await liveOffering(db, dto.offeringId);
        const therapist = await therapistTimezone(db, dto.therapistId);
        if (startsAt <= now.getTime()) throw new Problem(422, 'BOOKING_IN_PAST', 'In the past.');
        await requireQualified(db, dto.therapistId, offering.technique_slug);
        const intakeId = await screen(db, {
          clientId: user.id,
          therapistId: dto.therapistId,
          technique: offering.technique_slug,
          now,
        });
        const endsAt = startsAt + offering.duration_minutes * MINUTE_MS;
        const query = await slotQuery(
          db,
          {
            therapistId: dto.therapistId,
            timezone: therapist.timezone,
            durationMinutes: offering.duration_minutes,
            bufferMinutes: offering.buffer_minutes,
          },
          startsAt,
          startsAt + 1,
          now.getTime(),
        );
        if (!isSlotOffered(query, startsAt)) {
          if (startsAt % (15 * MINUTE_MS) !== 0 || !fitsAvailability(query, startsAt, endsAt)) {
            throw new Problem(409, 'SLOT_UNAVAILABLE', 'The therapist does not work at this time.');
          }
          throw new Problem(409, 'SLOT_TAKEN', 'Another booking holds this time.');
        }
        const { rows } = await db.query(
          INSERT_BOOKING_SQL,
          insertBookingParams({
            clientId: user.id,
            therapistId: dto.therapistId,
            offering,
            startsAt,
            notes: dto.notes ?? null,
            intakeId,
          }),
        );
        // As BookingsService.book: no row means an overlapping racer won (the exclusion constraint).
        if (rows.length === 0)
          throw new Problem(409, 'SLOT_TAKEN', 'Another booking holds this time.');
        const { rows: facts } = await db.query(BOOKING_NOTICE_FACTS_SQL, [[rows[0].id]]);
        const reminder = reminderJob(facts[0], REMINDER_LEAD_MINUTES, now.getTime());
        const { rows: written } = await db.query(INSERT_MESSAGES_SQL, [
          outboxRows(bookingDrafts('booking.confirmed', facts[0]), SPA_NAME),
        ]);
        await boss.insert(toJobInserts([...mailJobs(written), ...(reminder ? [reminder] : [])]), {
          db: { executeSql: (text, values) => db.query(text, values) },
        });
        await db.query('COMMIT');
        return reply.code(201).send(bookingResponse(rows[0]));
      } catch (error) {
        await db.query('ROLLBACK').catch(() => {
          release = false;
        });
        if (CONFLICT_CODES.has(error?.code)) {
          throw new Problem(409, 'SLOT_TAKEN', 'Another booking holds this time.');
        }
        throw error;
      }
    } finally {
      db.release(release ? undefined : true);
    }
  },
);

const port = Number(process.env.PORT ?? 3100);
await app.listen({ port, host: '127.0.0.1' });
console.log(`baseline listening on http://127.0.0.1:${port}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await listener.end();
    await pool.end();
    process.exit(0);
  });
}
