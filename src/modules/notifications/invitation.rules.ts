import { createEvent } from 'ics';
import { shortName } from '../../common/text/names.js';
import type { SessionNotice } from './notification.types.js';

export interface Invitation {
  method: 'REQUEST' | 'CANCEL';
  /** The booking's event: one UID per booking, kept by every change of it. */
  uid: string;
  sequence: number;
  notice: SessionNotice;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  title: string;
  link: string;
}

/** A calendar event's UID for a booking: the invitations' and the therapist's calendar feed's. */
export const bookingEventUid = (bookingId: string) => `${bookingId}@unknot`;

/**
 * The title of a session in a therapist's calendar (feed and invitations). It lands in third-party calendars
 * (and their sync servers, lock screens, shared views), so the title is opaque: no technique or
 * offering — "Prenatal massage" says the client is pregnant — and only the client's first name
 * with the initial of the last, enough for the therapist to know who is coming.
 */
export function sessionTitle(clientName: string): string {
  return `Massage session — ${shortName(clientName)}`;
}

/**
 * An iTIP message (RFC 5546) with one event (RFC 5545): REQUEST adds or moves the event in the
 * recipient's calendar, CANCEL (with a higher SEQUENCE and the same UID) removes it.
 */
export function invitationIcs(invitation: Invitation): string {
  const { notice } = invitation;
  const cancelled = invitation.method === 'CANCEL';
  const { error, value } = createEvent({
    productId: 'unknot/bookings',
    method: invitation.method,
    uid: invitation.uid,
    sequence: invitation.sequence,
    start: Date.parse(notice.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(notice.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: invitation.title,
    url: invitation.link,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: cancelled ? 'FREE' : 'BUSY',
    organizer: invitation.organizer,
    attendees: [
      {
        name: invitation.attendee.name,
        email: invitation.attendee.email,
        rsvp: false,
        partstat: 'ACCEPTED',
        role: 'REQ-PARTICIPANT',
      },
    ],
  });
  if (error || !value) throw error ?? new Error('Could not build the invitation');
  return value;
}
