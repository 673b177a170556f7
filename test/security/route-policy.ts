import type { Role } from '../../src/common/auth/auth-user.js';
import { ALL_WEEK } from '../support/factories.js';

/** The objects a route's `{id}` can name; each principal has its own and someone else's. */
export type ObjectKind =
  | 'booking'
  | 'intake'
  | 'timeOff'
  | 'certification'
  | 'flag'
  | 'offering'
  | 'disposableOffering'
  | 'therapist'
  | 'calendarFile'
  | 'waitlistEntry'
  | 'waitlistOffer'
  | 'location';

export interface RoutePolicy {
  /** Anyone, with or without a token. */
  public?: true;
  /** The roles that may call the route (others: 403; no token: 401). */
  roles?: Role[];
  /** What `{id}` (or `{file}`) names. */
  object?: ObjectKind;
  /** Another user's object answers 404 (admins see all). */
  scoped?: true;
  /** A valid body, so the answer is about access and not about validation. */
  body?: (f: Fixtures) => object;
  /** A valid query string. */
  query?: (f: Fixtures) => Record<string, string>;
  /**
   * What a caller the route admits gets for `body`, when the body is wrong on purpose so the
   * check changes nothing (a wrong password, a made-up token).
   */
  grantedStatus?: number;
  /** Runs after every other route: it ends the caller's session (logout). */
  last?: true;
}

export interface Fixtures {
  clientEmail: string;
  clientPassword: string;
  offeringId: string;
  therapistId: string;
  futureStart: string;
  /** Another free time of the same therapist (a reschedule's target). */
  laterStart: string;
  uniqueEmail(): string;
}

const all: Role[] = ['client', 'therapist', 'admin'];

/**
 * Who may do what: the one declared policy every route is checked against. A route the app serves
 * without an entry here fails the matrix test.
 */
export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  'GET /health': { public: true },
  'POST /api/v1/auth/register': {
    public: true,
    body: (f) => ({ email: f.uniqueEmail(), password: 'a-good-long-password', name: 'New Person' }),
  },
  'POST /api/v1/auth/login': {
    public: true,
    body: (f) => ({ email: f.clientEmail, password: f.clientPassword }),
  },
  'POST /api/v1/auth/refresh': {
    public: true,
    body: () => ({ refreshToken: 'A'.repeat(43) }),
    grantedStatus: 401,
  },
  'POST /api/v1/auth/logout': { public: true, body: () => ({}), last: true },
  'POST /api/v1/auth/password': {
    roles: all,
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'another long passphrase' }),
    grantedStatus: 403,
  },
  'POST /api/v1/auth/password-reset': {
    public: true,
    body: (f) => ({ email: f.uniqueEmail() }),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    public: true,
    body: () => ({ token: 'A'.repeat(43), newPassword: 'another long passphrase' }),
    grantedStatus: 400,
  },
  'POST /api/v1/auth/verify-email': {
    public: true,
    body: () => ({ token: 'A'.repeat(43) }),
    grantedStatus: 400,
  },
  'POST /api/v1/auth/verify-email/resend': { roles: all },
  'GET /api/v1/me': { roles: all },
  'PATCH /api/v1/me': { roles: all, body: () => ({ name: 'Matrix Name' }) },
  'GET /api/v1/me/export': { roles: all },
  'DELETE /api/v1/me': {
    roles: all,
    body: () => ({ password: 'not-the-password' }),
    grantedStatus: 403,
  },

  'GET /api/v1/techniques': { public: true },
  'GET /api/v1/offerings': { public: true },
  'GET /api/v1/offerings/{id}': { public: true, object: 'offering' },
  'POST /api/v1/offerings': {
    roles: ['admin'],
    body: () => ({
      technique: 'shiatsu',
      name: 'Matrix',
      durationMinutes: 30,
      priceCents: 1,
      bufferMinutes: 0,
    }),
  },
  'PATCH /api/v1/offerings/{id}': {
    roles: ['admin'],
    object: 'offering',
    body: () => ({ priceCents: 8100 }),
  },
  'DELETE /api/v1/offerings/{id}': { roles: ['admin'], object: 'disposableOffering' },

  'GET /api/v1/therapists': { public: true },
  'GET /api/v1/therapists/{id}': { public: true, object: 'therapist' },
  'GET /api/v1/therapists/{id}/slots': {
    public: true,
    object: 'therapist',
    query: (f) => ({ offeringId: f.offeringId }),
  },
  'GET /api/v1/therapists/me': { roles: ['therapist'] },
  'PUT /api/v1/therapists/me': {
    roles: ['therapist'],
    body: () => ({ bio: 'Matrix', yearsExperience: 4, timezone: 'UTC', techniques: ['swedish'] }),
  },
  'GET /api/v1/therapists/me/certifications': { roles: ['therapist'] },
  'POST /api/v1/therapists/me/certifications': {
    roles: ['therapist'],
    body: () => ({ kind: 'shiatsu', issuer: 'Board', number: 'M-1', expiresOn: '2099-01-01' }),
  },
  'GET /api/v1/therapists/me/availability': { roles: ['therapist'] },
  'PUT /api/v1/therapists/me/availability': {
    roles: ['therapist'],
    body: () => ({
      weekly: ALL_WEEK,
    }),
  },
  'GET /api/v1/therapists/me/time-off': { roles: ['therapist'] },
  'POST /api/v1/therapists/me/time-off': {
    roles: ['therapist'],
    body: () => ({ startsAt: '2099-01-01T00:00:00Z', endsAt: '2099-01-02T00:00:00Z' }),
  },
  'DELETE /api/v1/therapists/me/time-off/{id}': {
    roles: ['therapist'],
    object: 'timeOff',
    scoped: true,
  },
  'PUT /api/v1/therapists/me/photo': {
    roles: ['therapist'],
    // JSON, not a picture: the answer is about access, and the photo stays as it is.
    body: () => ({}),
    grantedStatus: 415,
  },
  'GET /api/v1/therapists/{id}/photo': { public: true, object: 'therapist' },
  'GET /api/v1/therapists/me/bookings': { roles: ['therapist'] },
  'GET /api/v1/therapists/me/calendar': { roles: ['therapist'] },
  'POST /api/v1/therapists/me/calendar/rotate': { roles: ['therapist'] },
  'GET /api/v1/calendar/{file}': { public: true, object: 'calendarFile' },

  'GET /api/v1/admin/certifications': { roles: ['admin'] },
  'POST /api/v1/admin/certifications/{id}/verify': {
    roles: ['admin'],
    object: 'certification',
    body: () => ({}),
  },
  'POST /api/v1/admin/certifications/{id}/reject': {
    roles: ['admin'],
    object: 'certification',
    body: () => ({ note: 'Not in the registry' }),
  },
  'POST /api/v1/admin/certifications/{id}/revoke': {
    roles: ['admin'],
    object: 'certification',
    body: () => ({ reason: 'Suspended by the board' }),
  },
  'GET /api/v1/locations': { public: true },
  'POST /api/v1/admin/locations': {
    roles: ['admin'],
    body: () => ({ name: 'Matrix Spa', address: '1 Grid Road', timezone: 'UTC' }),
  },
  'PATCH /api/v1/admin/locations/{id}': {
    roles: ['admin'],
    object: 'location',
    body: () => ({ address: '2 Grid Road' }),
  },
  'GET /api/v1/admin/locations/{id}/rooms': { roles: ['admin'], object: 'location' },
  'POST /api/v1/admin/locations/{id}/rooms': {
    roles: ['admin'],
    object: 'location',
    body: () => ({ name: `Room ${Math.random().toString(36).slice(2, 8)}`, features: ['table'] }),
  },
  'GET /api/v1/admin/locations/{id}/equipment': { roles: ['admin'], object: 'location' },
  'POST /api/v1/admin/locations/{id}/equipment': {
    roles: ['admin'],
    object: 'location',
    body: () => ({ kind: 'hot-stones', name: 'Basalt set', quantity: 1 }),
  },
  'GET /api/v1/admin/locations/{id}/schedule': { roles: ['admin'], object: 'location' },
  'GET /api/v1/admin/audit-log': { roles: ['admin'] },
  'GET /api/v1/admin/outbox': { roles: ['admin'] },
  'GET /api/v1/me/notifications': { roles: all },
  'PUT /api/v1/me/notifications': { roles: all, body: () => ({ reminders: true }) },
  'GET /api/v1/admin/intake-flags': { roles: ['admin'] },
  'POST /api/v1/admin/intake-flags/{id}/resolve': {
    roles: ['admin'],
    object: 'flag',
    body: () => ({ decision: 'approve', note: 'Reviewed' }),
  },

  'POST /api/v1/intakes': {
    roles: ['client'],
    body: () => ({
      painAreas: ['neck'],
      sensations: ['stiff'],
      onset: 'acute',
      causes: ['stress'],
      knots: false,
      stressLevel: 5,
      redFlags: { chestPain: false, radiatingPain: false, fever: false },
      pregnancy: { pregnant: false },
    }),
  },
  'GET /api/v1/intakes': { roles: ['client'] },
  'GET /api/v1/intakes/latest': { roles: ['client'] },
  'GET /api/v1/intakes/{id}': { roles: ['client', 'admin'], object: 'intake', scoped: true },
  'GET /api/v1/intakes/{id}/matches': { roles: ['client'], object: 'intake', scoped: true },

  'POST /api/v1/bookings': {
    roles: ['client'],
    body: (f) => ({
      therapistId: f.therapistId,
      offeringId: f.offeringId,
      startsAt: f.futureStart,
    }),
  },
  'GET /api/v1/bookings': { roles: all },
  'GET /api/v1/bookings/{id}': { roles: all, object: 'booking', scoped: true },
  'POST /api/v1/bookings/{id}/cancel': {
    roles: all,
    object: 'booking',
    scoped: true,
    body: () => ({}),
  },
  'POST /api/v1/bookings/{id}/reschedule': {
    roles: all,
    object: 'booking',
    scoped: true,
    body: (f) => ({ startsAt: f.laterStart }),
  },
  'GET /api/v1/policy': { public: true },
  'POST /api/v1/waitlist': {
    roles: ['client'],
    body: (f) => ({ offeringId: f.offeringId, from: f.futureStart, to: f.laterStart }),
  },
  'GET /api/v1/waitlist': { roles: ['client'] },
  'DELETE /api/v1/waitlist/{id}': { roles: ['client'], object: 'waitlistEntry', scoped: true },
  'POST /api/v1/waitlist/offers/{id}/claim': {
    roles: ['client'],
    object: 'waitlistOffer',
    scoped: true,
  },
  'POST /api/v1/waitlist/offers/{id}/decline': {
    roles: ['client'],
    object: 'waitlistOffer',
    scoped: true,
  },
  'POST /api/v1/bookings/{id}/complete': { roles: ['therapist'], object: 'booking', scoped: true },
  'POST /api/v1/bookings/{id}/no-show': { roles: ['therapist'], object: 'booking', scoped: true },
};

/**
 * Routes whose answers may carry intake answers (the client's own — their check-ins, their
 * export — or an audited admin review).
 */
export const INTAKE_ROUTES = new Set([
  'POST /api/v1/intakes',
  'GET /api/v1/me/export',
  'GET /api/v1/intakes',
  'GET /api/v1/intakes/latest',
  'GET /api/v1/intakes/{id}',
  'GET /api/v1/admin/intake-flags',
]);
