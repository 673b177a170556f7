import { DateTime } from 'luxon';
import type {
  CertificationNotice,
  PayloadOf,
  SessionNotice,
  WaitlistOfferNotice,
} from './notification.types.js';
import type { MessageKind } from './outbox-message.entity.js';

/** "Tuesday 8 December 2026, 10:00" in `timezone`. */
export function localTime(instant: string, timezone: string): string {
  return DateTime.fromISO(instant, { zone: timezone })
    .setLocale('en-GB')
    .toFormat("cccc d LLLL yyyy', 'HH:mm");
}

/** "Tue 8 Dec, 10:00" in `timezone`, for subjects. */
export function shortLocalTime(instant: string, timezone: string): string {
  return DateTime.fromISO(instant, { zone: timezone })
    .setLocale('en-GB')
    .toFormat("ccc d LLL', 'HH:mm");
}

/** The zone a recipient reads times in: the client's own when known, else the therapist's. */
export function recipientZone(notice: SessionNotice): string {
  return notice.recipientRole === 'client'
    ? (notice.client.timezone ?? notice.therapist.timezone)
    : notice.therapist.timezone;
}

/**
 * The session's start as each party reads it: the recipient's zone first, then the other
 * party's when it differs (a client booking from abroad, a therapist's calendar at the spa).
 */
export function sessionTimeLines(notice: SessionNotice): { label: string; time: string }[] {
  const zones = [notice.therapist.timezone];
  if (notice.client.timezone) {
    if (notice.recipientRole === 'client') zones.unshift(notice.client.timezone);
    else zones.push(notice.client.timezone);
  }
  const unique = [...new Set(zones)];
  return unique.map((zone) => ({
    label:
      unique.length === 1
        ? zoneLabel(zone)
        : zone === notice.therapist.timezone
          ? `At the spa (${zoneLabel(zone)})`
          : `${notice.recipientRole === 'client' ? 'Your time' : 'The client’s time'} (${zoneLabel(zone)})`,
    time: localTime(notice.startsAt, zone),
  }));
}

/** "Europe/Lisbon" → "Lisbon time"; "UTC" stays as it is. */
export function zoneLabel(zone: string): string {
  const city = zone.split('/').pop()?.replace(/_/g, ' ');
  return zone === 'UTC' || !city ? 'UTC' : `${city} time`;
}

/** "massage-license" → "massage licence"; a technique slug → "<technique> certificate". */
export function certificationLabel(kind: string): string {
  if (kind === 'massage-license') return 'massage licence';
  return `${kind.replace(/-/g, ' ')} certificate`;
}

/** The subject line of each message, in the recipient's time zone. */
export function subjectOf<K extends MessageKind>(
  kind: K,
  payload: PayloadOf[K],
  spaName: string,
): string {
  switch (kind) {
    case 'booking.confirmed':
    case 'booking.cancelled':
    case 'booking.completed':
    case 'booking.reminder':
    case 'booking.rescheduled':
      return sessionSubject(kind, payload as SessionNotice, spaName);
    case 'waitlist.offer': {
      const offer = payload as WaitlistOfferNotice;
      const when = shortLocalTime(offer.startsAt, offer.clientTimezone ?? offer.therapistTimezone);
      return `A time opened up: ${offer.sessionName} with ${offer.therapistName}, ${when}`;
    }
    case 'intake-flag.decided':
      return `${spaName}: your check-in has been reviewed`;
    case 'certification.verified':
      return `Your ${certificationLabel((payload as CertificationNotice).certificationKind)} is verified`;
    case 'certification.rejected':
      return `Your ${certificationLabel((payload as CertificationNotice).certificationKind)} was not accepted`;
    case 'certification.revoked':
      return `Your ${certificationLabel((payload as CertificationNotice).certificationKind)} was withdrawn`;
    case 'account.email-verification':
      return `${spaName}: confirm your email address`;
    case 'account.password-reset':
      return `${spaName}: reset your password`;
    case 'account.password-changed':
      return `${spaName}: your password was changed`;
  }
  throw new Error(`No subject for ${kind satisfies never}`);
}

function sessionSubject(kind: MessageKind, notice: SessionNotice, spaName: string): string {
  const when = shortLocalTime(notice.startsAt, recipientZone(notice));
  const who = notice.recipientRole === 'client' ? notice.therapist.name : notice.client.name;
  switch (kind) {
    case 'booking.confirmed':
      return notice.recipientRole === 'client'
        ? `Booked: ${notice.sessionName} with ${who}, ${when}`
        : `New session: ${who}, ${when}`;
    case 'booking.cancelled':
      return `Cancelled: ${notice.sessionName} with ${who}, ${when}`;
    case 'booking.reminder':
      return `Reminder: ${notice.sessionName} with ${who}, ${when}`;
    case 'booking.rescheduled':
      return `Moved: ${notice.sessionName} with ${who}, now ${when}`;
    default:
      return `Thank you for visiting ${spaName}`;
  }
}
