import { formatDateTime } from './format';
import type { Schemas } from './api/client';

type CancellationCode = NonNullable<Schemas['BookingResponse']['cancellationCode']>;

/**
 * Every sentence a person reads about a refusal. The API's problem codes and field names map to
 * words written for the person in front of the screen; codes, field names and ids never show.
 */
export interface ProblemText {
  title: string;
  sentence: string;
}

const RELOAD = 'Reload the page to see where it stands.';

export const PROBLEMS: Record<string, ProblemText> = {
  VALIDATION_FAILED: {
    title: 'Please check the highlighted answers',
    sentence: 'Some answers need a change before we can save them.',
  },
  MALFORMED_JSON: {
    title: 'Something went wrong',
    sentence: 'We could not send your answers. Please reload the page and try again.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    title: 'Something went wrong',
    sentence: 'We could not send your answers. Please reload the page and try again.',
  },
  PAYLOAD_TOO_LARGE: {
    title: 'That is too long',
    sentence: 'What you entered is too long to save. Please shorten it.',
  },
  URI_TOO_LONG: {
    title: 'That is too long',
    sentence: 'Please shorten what you searched for and try again.',
  },
  UNAUTHENTICATED: {
    title: 'Please sign in again',
    sentence: 'Your session has ended. Sign in to continue.',
  },
  FORBIDDEN: {
    title: 'Not open to your account',
    sentence: 'This part of Unknot is for another kind of account.',
  },
  NOT_FOUND: {
    title: 'Not found',
    sentence: 'We could not find this. It may have been removed.',
  },
  ROUTE_NOT_FOUND: {
    title: 'Not found',
    sentence: 'We could not find this. It may have been removed.',
  },
  METHOD_NOT_ALLOWED: {
    title: 'Something went wrong',
    sentence: 'That cannot be done here. Please reload the page and try again.',
  },
  RATE_LIMITED: {
    title: 'Too many attempts',
    sentence: 'Please wait a few minutes, then try again.',
  },
  INTERNAL_ERROR: {
    title: 'Something went wrong on our side',
    sentence: 'Nothing was changed. Please try again in a moment.',
  },
  SERVICE_UNAVAILABLE: {
    title: 'Unknot is busy right now',
    sentence: 'Please try again in a minute.',
  },
  CONFLICT: {
    title: 'Something changed at the same moment',
    sentence: 'Nothing was saved. Reload the page and try again.',
  },
  CONCURRENT_UPDATE: {
    title: 'Please try again',
    sentence:
      'Someone changed this at the same moment, so nothing was saved. Trying again is safe.',
  },
  EMAIL_TAKEN: {
    title: 'This email already has an account',
    sentence: 'Sign in instead, or use another email address.',
  },
  INVALID_CREDENTIALS: {
    title: 'Wrong email or password',
    sentence: 'Check your email address and password, then try again.',
  },
  PASSWORD_INCORRECT: {
    title: 'That password is not right',
    sentence: 'Enter the password you sign in with, then try again.',
  },
  RESET_TOKEN_INVALID: {
    title: 'This link no longer works',
    sentence:
      'A reset link works once, for one hour, and only the newest one counts. Ask for a new link.',
  },
  VERIFICATION_TOKEN_INVALID: {
    title: 'This link no longer works',
    sentence: 'It may be too old. Ask for a new confirmation link from your account settings.',
  },
  TOO_LATE_TO_RESCHEDULE: {
    title: 'Too close to the session to move it',
    sentence:
      'Sessions can be moved until the notice period before they start. Please call the spa.',
  },
  WAITLIST_ENTRY_NOT_FOUND: {
    title: 'Not on the waitlist',
    sentence: 'This waitlist entry has ended. Reload the page to see where you stand.',
  },
  OFFER_NOT_FOUND: {
    title: 'Offer not found',
    sentence: 'This offer is not yours or no longer exists. Reload the page.',
  },
  OFFER_NOT_OPEN: {
    title: 'This time is no longer held for you',
    sentence:
      'The offer ran out or was already answered. You stay on the waitlist for the next time.',
  },
  WAITLIST_FULL: {
    title: 'You are waiting for many times already',
    sentence: 'Leave one of your waitlist entries, then join for this one.',
  },
  SETUP_LINK_INVALID: {
    title: 'This setup link does not work',
    sentence:
      'The spa may already have an administrator, or the link was copied wrongly. Sign in, or copy the whole link again.',
  },
  LAST_ADMIN: {
    title: 'You are the only administrator',
    sentence: 'Ask for another administrator to be set up before you delete your account.',
  },
  OFFERING_NOT_FOUND: {
    title: 'This session is no longer offered',
    sentence: 'It has been taken off the menu. Please choose another session.',
  },
  THERAPIST_NOT_FOUND: {
    title: 'Therapist not found',
    sentence: 'This therapist is no longer with us. Please choose another one.',
  },
  PROFILE_REQUIRED: {
    title: 'Set up your profile first',
    sentence: 'Save your profile, then come back here.',
  },
  CERTIFICATION_NOT_FOUND: {
    title: 'Certification not found',
    sentence: `It may have been removed. ${RELOAD}`,
  },
  CERTIFICATION_ALREADY_DECIDED: {
    title: 'Already decided',
    sentence: `Someone has already decided on this certification. ${RELOAD}`,
  },
  CERTIFICATION_NOT_VERIFIED: {
    title: 'Only a verified certification can be revoked',
    sentence: `This one is not verified, or has been revoked already. ${RELOAD}`,
  },
  TECHNIQUE_IN_USE: {
    title: 'You have sessions of this technique coming up',
    sentence:
      'A technique stays on your profile while clients have upcoming sessions of it. Remove it once those are done or cancelled.',
  },
  TIME_OFF_NOT_FOUND: {
    title: 'Already removed',
    sentence: 'This time off was already removed.',
  },
  BOOKING_NOT_FOUND: {
    title: 'Booking not found',
    sentence: `This booking no longer exists. ${RELOAD}`,
  },
  SLOT_UNAVAILABLE: {
    title: 'That time is not available',
    sentence: 'The therapist is not working then. Please pick another time.',
  },
  SLOT_TAKEN: {
    title: 'That time has just been taken',
    sentence: 'Someone booked it a moment before you. Please pick another time.',
  },
  NO_ROOM_AVAILABLE: {
    title: 'No room is free then',
    sentence:
      'The spa has no room or equipment free for this session at that time. Please pick another time.',
  },
  LOCATION_NOT_FOUND: {
    title: 'That place is not listed',
    sentence: 'We could not find this location. It may have been removed; please choose another.',
  },
  BOOKING_IN_PAST: {
    title: 'That time has already passed',
    sentence: 'Please pick a later time.',
  },
  BOOKING_NOT_STARTED: {
    title: 'The session has not started yet',
    sentence: 'You can close it once it has begun.',
  },
  BEYOND_BOOKING_HORIZON: {
    title: 'That date is too far ahead',
    sentence: 'We do not take bookings that far ahead yet. Please pick an earlier date.',
  },
  THERAPIST_NOT_QUALIFIED: {
    title: 'This therapist can’t offer this session',
    sentence:
      'They are not certified for this session on that date. Please choose another therapist or session.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    title: 'Please try again',
    sentence: 'Your booking changed while it was being sent. Pick the time again and book it.',
  },
  INVALID_TRANSITION: {
    title: 'This can’t be changed now',
    sentence: `It has already been cancelled or closed. ${RELOAD}`,
  },
  INTAKE_NOT_FOUND: {
    title: 'Check-in not found',
    sentence: 'Please start a new check-in.',
  },
  INTAKE_EXPIRED: {
    title: 'Your check-in has expired',
    sentence: 'A check-in is valid for 30 days. Please start a new one so we know how you are now.',
  },
  INTAKE_SUPERSEDED: {
    title: 'You have a newer check-in',
    sentence:
      'A newer check-in replaced the one these times came from. Please book from your latest suggestions.',
  },
  INTAKE_BLOCKED: {
    title: 'Please see your doctor first',
    sentence:
      'Your check-in mentions symptoms a doctor should see before any massage. If a doctor has cleared you, a clinician at the spa confirms it before you can book.',
  },
  PRENATAL_SCREENING_REQUIRED: {
    title: 'Pregnancy screening needed',
    sentence:
      'Before this session we need your answers about pregnancy and blood clots. Please start a new check-in.',
  },
  CLOT_REVIEW_PENDING: {
    title: 'Waiting for a clinician’s review',
    sentence:
      'A clinician must approve your blood-clot answers before you can book this session. You can look at times meanwhile.',
  },
  TECHNIQUE_CONTRAINDICATED: {
    title: 'Not safe for you right now',
    sentence:
      'Deep tissue and hot stone massage are not safe during pregnancy. Please choose another technique, such as prenatal massage.',
  },
  FLAG_NOT_FOUND: {
    title: 'Flag not found',
    sentence: `It may have been removed. ${RELOAD}`,
  },
  FLAG_ALREADY_RESOLVED: {
    title: 'Already decided',
    sentence: `Someone has already decided on this flag. ${RELOAD}`,
  },
  UNSUPPORTED_IMAGE: {
    title: 'We could not read that picture',
    sentence: 'Please choose a JPEG, PNG or WebP photo.',
  },
  IMAGE_TOO_LARGE: {
    title: 'That picture is too large',
    sentence: 'Please choose a photo of up to 5 MB.',
  },
  PHOTO_NOT_FOUND: {
    title: 'No photo',
    sentence: 'This therapist has no photo yet.',
  },
  NETWORK_ERROR: {
    title: 'No connection',
    sentence: 'We could not reach Unknot. Check your connection and try again.',
  },
};

export function problemText(code: string, status: number): ProblemText {
  const known = PROBLEMS[code];
  if (known) return known;
  if (status >= 500 || status === 0) return PROBLEMS.INTERNAL_ERROR;
  return { title: 'We could not do that', sentence: 'Please check your answers and try again.' };
}

const ANSWER = 'Please answer this question.';

/** By field path with list positions left out (`weekly[2].start` → `weekly.start`). */
const FIELDS: Record<string, string> = {
  email: 'Enter your email address, like name@example.com.',
  password: 'Use 10 to 128 characters, and not a common password like “password123”.',
  newPassword: 'Use 10 to 128 characters, and not a common password like “password123”.',
  currentPassword: 'Enter the password you sign in with now.',
  token: 'This link is not complete. Open it again from the email.',
  name: 'Enter a name of up to 100 characters.',
  photo: 'Choose a JPEG, PNG or WebP picture of up to 5 MB.',
  phone: 'Enter a phone number with its country code, like +1 212 555 0100.',
  technique: 'Choose a technique from the list.',
  durationMinutes: 'The length must be a multiple of 15 minutes, from 15 to 240.',
  priceCents: 'Enter a price of zero or more, like 85 or 85.50.',
  bufferMinutes: 'The break after each session must be 0 to 60 minutes.',
  bio: 'Keep your introduction to 2,000 characters.',
  yearsExperience: 'Enter your years of experience as a whole number from 0 to 70.',
  timezone: 'Choose your time zone from the list.',
  reminders: 'Choose whether you want reminders.',
  techniques: 'Choose techniques from the list, each one once.',
  kind: 'Choose what the certification is for.',
  issuer: 'Enter who issued it, in up to 200 characters.',
  number: 'Enter its number, in up to 100 characters.',
  expiresOn: 'Enter the last day it is valid. It must not be in the past.',
  weekly: 'Please check your hours.',
  'weekly.locationId': 'Choose a location from the list.',
  locationId: 'Choose a location from the list.',
  address: 'Enter the address, in up to 300 characters.',
  features: 'Name each feature once, in a word or two.',
  quantity: 'Enter how many, from 1 to 50.',
  'requires.roomFeatures': 'Choose each feature once.',
  'requires.equipment': 'Ask for 0 to 10 of each kind of equipment.',
  'weekly.weekday': 'Choose a day of the week.',
  'weekly.start':
    'Enter a start time like 09:00, on the quarter hour, that does not overlap other hours that day.',
  'weekly.end': 'Enter an end time after the start, on the quarter hour, like 17:00.',
  startsAt: 'Choose when it starts.',
  endsAt: 'The end must be after the start, and at most a year later.',
  reason: 'Write a short reason, in a sentence or two.',
  notes: 'Keep your note to 500 characters.',
  note: 'Write a short note, in up to 1,000 characters.',
  painAreas: 'Choose at least one area.',
  sensations: 'Choose from the list.',
  onset: ANSWER,
  causes: 'Choose from the list.',
  knots: ANSWER,
  stressLevel: 'Choose a number from 0 to 10.',
  redFlags: ANSWER,
  pregnancy: ANSWER,
  'pregnancy.weeks': 'Enter the weeks of pregnancy, from 1 to 42.',
  'pregnancy.postpartumWeeks': 'Enter how many weeks ago you gave birth, from 0 to 52.',
  clotScreening: ANSWER,
  preferences: ANSWER,
};

/** The sentence for a refused field: its own, else its parent's (`redFlags.fever` → `redFlags`). */
export function fieldSentence(field: string): string {
  let path = field.replace(/\[\d+\]/g, '');
  for (;;) {
    if (FIELDS[path]) return FIELDS[path];
    const dot = path.lastIndexOf('.');
    if (dot < 0) return 'Please check this answer.';
    path = path.slice(0, dot);
  }
}

/** Why the spa cancelled a booking, for the client whose booking it was. */
export const SYSTEM_CANCELLATIONS: Record<CancellationCode, string> = {
  INTAKE_BLOCKED:
    'Cancelled by the spa: your latest check-in mentions symptoms that need a doctor first.',
  TECHNIQUE_CONTRAINDICATED:
    'Cancelled by the spa: your latest check-in says you are pregnant, and this technique is not safe during pregnancy.',
  PRENATAL_SCREENING_REQUIRED:
    'Cancelled by the spa: this session needs a check-in with the pregnancy and blood-clot questions answered.',
  THERAPIST_NOT_QUALIFIED:
    'Cancelled by the spa: the therapist is no longer certified for this session.',
  CLOT_REVIEW_PENDING:
    'Cancelled by the spa: a clinician did not approve your blood-clot answers in time.',
};

export const CANCELLED_BY: Record<'client' | 'therapist' | 'admin', string> = {
  client: 'You cancelled this booking.',
  therapist: 'Your therapist cancelled this booking.',
  admin: 'The spa cancelled this booking.',
};

/** A confirmed booking kept while a clinician reviews the client's blood-clot answers. */
export function pendingReviewSentence(deadline: string | null): string {
  const by = deadline ? formatDateTime(deadline) : '24 hours before the session';
  return `Waiting for a clinician to review your blood-clot answers. If they are not approved by ${by}, the spa will cancel this booking.`;
}

/** The client's words for a flag whose own message is written for the reviewing clinician. */
export const FLAG_REASONS: Partial<Record<Schemas['FlagResponse']['code'], string>> = {
  RED_FLAG_RETRACTED:
    'A recent check-in of yours mentioned chest pain, pain that spreads, or a fever. Before you book, a clinician at the spa confirms that a doctor has cleared you.',
};

/** After a booking: the API emails the client a confirmation with a calendar invitation. */
export const confirmationSentence = (email: string) =>
  `We sent a confirmation to ${email}, with an invitation for your calendar.`;

type OutboxMessage = Schemas['OutboxMessageResponse'];

/** What each outgoing email is, for the admin watching the outbox. */
export const OUTBOX_KINDS: Record<OutboxMessage['kind'], string> = {
  'booking.confirmed': 'Booking confirmation',
  'booking.cancelled': 'Cancellation',
  'booking.completed': 'Thank-you note',
  'booking.reminder': 'Reminder',
  'booking.rescheduled': 'New time',
  'waitlist.offer': 'Waitlist offer',
  'intake-flag.decided': 'Check-in review',
  'certification.verified': 'Certification verified',
  'certification.rejected': 'Certification not accepted',
  'certification.revoked': 'Certification withdrawn',
  'account.email-verification': 'Address confirmation link',
  'account.password-reset': 'Password reset link',
  'account.password-changed': 'Password changed notice',
};

/** Where an outgoing email stands, in a few words. */
export function outboxState(message: OutboxMessage): string {
  switch (message.status) {
    case 'queued':
      return 'On its way';
    case 'sent':
      return message.sentAt ? `Sent ${formatDateTime(message.sentAt)}` : 'Sent';
    case 'failed':
      return `Could not be delivered after ${message.attempts} ${message.attempts === 1 ? 'attempt' : 'attempts'}`;
    case 'superseded':
      return 'Not sent: the booking changed, or the account was deleted, first';
  }
}

/** An SMTP reply's leading codes: `451 `, `550-`, and enhanced ones like `5.1.1 `. */
const REPLY_CODES = /^(?:(?:\d{3}|\d\.\d{1,3}\.\d{1,3})(?:[\s-]+|$))+/;

/**
 * When no server replied, the delivery records the error's kind (`Error ECONNECTION`): a code,
 * which becomes a sentence here.
 */
const NO_REPLY = /^(?:\w*Error(?:\s+(\w+))?|Unknown error)$/;

const NO_REPLY_REASONS: Record<string, string> = {
  ECONNECTION: 'We could not reach the mail server.',
  ECONNREFUSED: 'We could not reach the mail server.',
  EDNS: 'We could not reach the mail server.',
  ESOCKET: 'We could not reach the mail server.',
  ETLS: 'We could not open a secure connection to the mail server.',
  ETIMEDOUT: 'The mail server did not answer in time.',
  EAUTH: 'The mail server did not accept our sign-in.',
  ENOAUTH: 'The mail server did not accept our sign-in.',
};

/** Why a message failed, for the admin: the mail server's own words without their codes. */
export function deliveryFailure(lastError: string | null): string {
  const reply = (lastError ?? '').replace(REPLY_CODES, '').trim();
  const noReply = NO_REPLY.exec(reply);
  if (!reply || noReply) {
    return (
      NO_REPLY_REASONS[noReply?.[1] ?? ''] ?? 'We could not hand the message to the mail server.'
    );
  }
  return `The mail server said: ${reply}`;
}
