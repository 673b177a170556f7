import type { SessionNotice } from './notification.types.js';
import {
  certificationLabel,
  sessionTimeLines,
  subjectOf,
  zoneLabel,
} from './notification.rules.js';

const notice = (overrides: Partial<SessionNotice> = {}): SessionNotice => ({
  bookingId: 'b1',
  recipientRole: 'client',
  sessionName: 'Swedish 60',
  durationMinutes: 60,
  startsAt: '2026-07-06T14:00:00.000Z',
  endsAt: '2026-07-06T15:00:00.000Z',
  client: { name: 'Alice Client', timezone: 'America/New_York' },
  therapist: { name: 'Dana Hands', timezone: 'Europe/Lisbon' },
  ...overrides,
});

describe('sessionTimeLines', () => {
  it('shows the client their own time first, then the spa’s', () => {
    expect(sessionTimeLines(notice())).toEqual([
      { label: 'Your time (New York time)', time: 'Monday 6 July 2026, 10:00' },
      { label: 'At the spa (Lisbon time)', time: 'Monday 6 July 2026, 15:00' },
    ]);
  });

  it('shows the therapist the spa’s time first, then the client’s', () => {
    expect(sessionTimeLines(notice({ recipientRole: 'therapist' }))).toEqual([
      { label: 'At the spa (Lisbon time)', time: 'Monday 6 July 2026, 15:00' },
      { label: 'The client’s time (New York time)', time: 'Monday 6 July 2026, 10:00' },
    ]);
  });

  it('shows one line when the zones agree or the client’s is unknown', () => {
    expect(sessionTimeLines(notice({ client: { name: 'A', timezone: null } }))).toEqual([
      { label: 'Lisbon time', time: 'Monday 6 July 2026, 15:00' },
    ]);
    expect(
      sessionTimeLines(notice({ client: { name: 'A', timezone: 'Europe/Lisbon' } })),
    ).toHaveLength(1);
  });
});

describe('subjectOf', () => {
  it('names the session, the other party and the time in the recipient’s zone', () => {
    expect(subjectOf('booking.confirmed', notice(), 'Unknot')).toBe(
      'Booked: Swedish 60 with Dana Hands, Mon 6 Jul, 10:00',
    );
    expect(subjectOf('booking.confirmed', notice({ recipientRole: 'therapist' }), 'Unknot')).toBe(
      'New session: Alice Client, Mon 6 Jul, 15:00',
    );
    expect(subjectOf('booking.cancelled', notice(), 'Unknot')).toMatch(/^Cancelled: /);
    expect(subjectOf('booking.completed', notice(), 'Unknot Spa')).toBe(
      'Thank you for visiting Unknot Spa',
    );
  });

  it('words certification decisions for a person', () => {
    const facts = {
      recipientName: 'Dana',
      certificationKind: 'massage-license',
      issuer: 'Board',
      note: null,
    };
    expect(subjectOf('certification.verified', facts, 'Unknot')).toBe(
      'Your massage licence is verified',
    );
    expect(certificationLabel('hot-stone')).toBe('hot stone certificate');
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
    expect(zoneLabel('UTC')).toBe('UTC');
  });
});
