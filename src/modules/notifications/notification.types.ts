import type { MessageKind } from './outbox-message.entity.js';

export type CancellerRole = 'client' | 'therapist' | 'admin' | 'system';

/**
 * A session as its messages describe it. `sessionName` is already neutral where the offering's
 * name would reveal health facts (a prenatal session is "Massage session"): messages and their
 * calendar events travel through mail servers and lock screens.
 */
export interface SessionNotice {
  bookingId: string;
  recipientRole: 'client' | 'therapist';
  sessionName: string;
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
  client: { name: string; timezone: string | null };
  therapist: { name: string; timezone: string };
  /** Cancellations only: who cancelled, and whether the client's cancellation was late. */
  cancelledBy?: CancellerRole;
  lateCancellation?: boolean;
  /** Reschedules only: when the session was before it moved. */
  previousStartsAt?: string;
}

/** A freed time held for a waitlisted client until `expiresAt`: claim it or let it pass. */
export interface WaitlistOfferNotice {
  recipientName: string;
  offerId: string;
  sessionName: string;
  /** Kept so an erasure of the therapist finds the name in offers made to others. */
  therapistId: string;
  therapistName: string;
  startsAt: string;
  endsAt: string;
  expiresAt: string;
  /** The zones to show the time in: the client's own when known, and the spa's. */
  clientTimezone: string | null;
  therapistTimezone: string;
}

/** An intake flag's review, told to the client without the answers it was about. */
export interface FlagDecisionNotice {
  recipientName: string;
  /** What the review leaves: the client may book, or the app explains what comes next. */
  canBook: boolean;
}

/** A certification decision, told to its therapist. */
export interface CertificationNotice {
  recipientName: string;
  certificationKind: string;
  issuer: string;
  /** The admin's note (rejection) or reason (revocation), about the certificate, not a client. */
  note: string | null;
}

/**
 * A link that proves who holds the mailbox (verify an address, reset a password). `token` is the
 * secret the link carries: the outbox keeps it only until the message is sent or has failed.
 */
export interface AccountLinkNotice {
  recipientName: string;
  token: string;
}

/** A password was changed, by its owner or through a reset link: tell the owner, in case. */
export interface PasswordChangedNotice {
  recipientName: string;
  via: 'change' | 'reset';
}

export interface PayloadOf {
  'booking.confirmed': SessionNotice;
  'booking.cancelled': SessionNotice;
  'booking.completed': SessionNotice;
  'booking.reminder': SessionNotice;
  'booking.rescheduled': SessionNotice;
  'waitlist.offer': WaitlistOfferNotice;
  'intake-flag.decided': FlagDecisionNotice;
  'certification.verified': CertificationNotice;
  'certification.rejected': CertificationNotice;
  'certification.revoked': CertificationNotice;
  'account.email-verification': AccountLinkNotice;
  'account.password-reset': AccountLinkNotice;
  'account.password-changed': PasswordChangedNotice;
}

/** A message to write to the outbox, in the transaction of the change that causes it. */
export type MessageDraft = {
  [K in MessageKind]: {
    kind: K;
    recipientId: string;
    recipientEmail: string;
    payload: PayloadOf[K];
    /** Booking messages: the booking's calendar event UID (invitations number their changes). */
    calendarUid?: string;
    /** The booking it is about: a cancellation supersedes its messages not yet sent. */
    bookingId?: string;
    /** A message that must exist once per cause: a second draft with this key is dropped. */
    dedupeKey?: string;
  };
}[MessageKind];
