import ICAL from 'ical.js';
import { renderMessage } from './message-renderer.js';
import type { SessionNotice } from './notification.types.js';

const context = {
  spaName: 'Unknot Spa',
  from: 'Unknot <mail@unknot.test>',
  publicUrl: 'https://spa.test',
};
const notice: SessionNotice = {
  bookingId: 'b1',
  recipientRole: 'client',
  sessionName: 'Swedish 60',
  durationMinutes: 60,
  startsAt: '2026-07-06T14:00:00.000Z',
  endsAt: '2026-07-06T15:00:00.000Z',
  client: { name: 'Alice <b>Client</b>', timezone: null },
  therapist: { name: 'Dana Hands', timezone: 'Europe/Lisbon' },
};
const message = (
  kind: 'booking.confirmed' | 'booking.cancelled' | 'booking.reminder',
  sequence: number | null,
) => ({
  kind,
  subject: 'A subject',
  payload: { ...notice, cancelledBy: 'therapist' } as unknown as Record<string, unknown>,
  recipientEmail: 'alice@example.com',
  calendarUid: sequence === null ? null : 'b1@unknot',
  calendarSequence: sequence,
});

describe('renderMessage', () => {
  it('renders HTML and plain text from one template, escaping what users typed', async () => {
    const rendered = await renderMessage(message('booking.confirmed', 0), context);
    expect(rendered.html).toContain('Unknot Spa');
    const forTherapist = await renderMessage(
      {
        ...message('booking.confirmed', 0),
        payload: { ...notice, recipientRole: 'therapist' } as unknown as Record<string, unknown>,
      },
      context,
    );
    expect(forTherapist.html).toContain('Alice &lt;b&gt;Client&lt;/b&gt;');
    expect(forTherapist.html).not.toContain('<b>Client</b>');
    expect(rendered.text).toMatch(/your session is booked/i);
    expect(rendered.text).toContain('Monday 6 July 2026, 15:00');
    expect(rendered.text).toContain('https://spa.test/#/bookings');
    expect(rendered.text).not.toMatch(/undefined|\[object/);
  });

  it('attaches a REQUEST invitation on confirmation and a CANCEL one on cancellation', async () => {
    const confirmed = await renderMessage(message('booking.confirmed', 0), context);
    const cancelled = await renderMessage(message('booking.cancelled', 1), context);
    const parse = (ics: string) => {
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const event = calendar.getFirstSubcomponent('vevent')!;
      return [
        calendar.getFirstPropertyValue('method'),
        event.getFirstPropertyValue('uid'),
        event.getFirstPropertyValue('sequence'),
        event.getFirstPropertyValue('status'),
      ];
    };
    expect(confirmed.calendar?.method).toBe('REQUEST');
    expect(parse(confirmed.calendar!.content)).toEqual(['REQUEST', 'b1@unknot', 0, 'CONFIRMED']);
    expect(parse(cancelled.calendar!.content)).toEqual(['CANCEL', 'b1@unknot', 1, 'CANCELLED']);
    expect(cancelled.text).toContain('cancelled by the therapist');
  });

  it('sends reminders without an invitation, with a way to turn them off', async () => {
    const reminder = await renderMessage(message('booking.reminder', null), context);
    expect(reminder.calendar).toBeUndefined();
    expect(reminder.text).toContain('https://spa.test/#/settings');
  });
});
