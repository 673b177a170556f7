import { render } from '@react-email/components';
import type { ReactElement } from 'react';
import { invitationIcs, sessionTitle } from './invitation.rules.js';
import { parseMailbox } from './mail-address.js';
import type { SessionNotice, WaitlistOfferNotice } from './notification.types.js';
import type { MessageKind, OutboxMessage } from './outbox-message.entity.js';
import { AccountMessage, type AccountEvent } from './templates/account-message.js';
import { SessionMessage, type SessionEvent } from './templates/session-message.js';
import { WaitlistOfferMessage } from './templates/waitlist-offer-message.js';

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  /** The invitation, as nodemailer's `icalEvent` (an alternative part and an attachment). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
}

export interface RenderContext {
  spaName: string;
  from: string;
  /** The web app's base URL, without a trailing slash. */
  publicUrl: string;
}

const SESSION_EVENTS: Partial<Record<MessageKind, SessionEvent>> = {
  'booking.confirmed': 'confirmed',
  'booking.cancelled': 'cancelled',
  'booking.completed': 'completed',
  'booking.reminder': 'reminder',
  'booking.rescheduled': 'rescheduled',
};

/** A message's HTML and plain-text bodies from its template, and its invitation when it has one. */
export async function renderMessage(
  message: Pick<
    OutboxMessage,
    'kind' | 'subject' | 'payload' | 'recipientEmail' | 'calendarUid' | 'calendarSequence'
  >,
  context: RenderContext,
): Promise<RenderedMessage> {
  const { element, calendar } = compose(message, context);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: message.subject, html, text, calendar };
}

function compose(
  message: Pick<
    OutboxMessage,
    'kind' | 'payload' | 'recipientEmail' | 'calendarUid' | 'calendarSequence'
  >,
  context: RenderContext,
): { element: ReactElement; calendar?: RenderedMessage['calendar'] } {
  const app = `${context.publicUrl}/#`;
  const event = SESSION_EVENTS[message.kind];
  if (event) {
    const notice = message.payload as unknown as SessionNotice;
    const forClient = notice.recipientRole === 'client';
    const link = forClient
      ? event === 'completed'
        ? `${app}/intake`
        : `${app}/bookings`
      : `${app}/therapist/agenda`;
    const element = (
      <SessionMessage
        spaName={context.spaName}
        event={event}
        notice={notice}
        link={link}
        settingsLink={`${app}/settings`}
      />
    );
    // Only the drafts of confirmations and cancellations name a calendar event (bookingDrafts).
    if (message.calendarUid === null || message.calendarSequence === null) return { element };
    const method = event === 'cancelled' ? 'CANCEL' : 'REQUEST';
    const organizer = parseMailbox(context.from);
    const content = invitationIcs({
      method,
      uid: message.calendarUid,
      sequence: message.calendarSequence,
      notice,
      organizer: { name: organizer.name ?? context.spaName, email: organizer.address },
      attendee: {
        name: forClient ? notice.client.name : notice.therapist.name,
        email: message.recipientEmail,
      },
      title: forClient
        ? `${notice.sessionName} with ${notice.therapist.name} — ${context.spaName}`
        : sessionTitle(notice.client.name),
      link,
    });
    return {
      element,
      calendar: { method, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content },
    };
  }
  if (message.kind === 'waitlist.offer') {
    const notice = message.payload as unknown as WaitlistOfferNotice;
    return {
      element: (
        <WaitlistOfferMessage
          spaName={context.spaName}
          notice={notice}
          link={`${app}/waitlist?offer=${notice.offerId}`}
        />
      ),
    };
  }
  const account = { kind: message.kind, notice: message.payload } as unknown as AccountEvent;
  return {
    element: (
      <AccountMessage spaName={context.spaName} event={account} link={accountLink(account, app)} />
    ),
  };
}

/** Where an account message's button leads in the web app. */
function accountLink(event: AccountEvent, app: string): string {
  switch (event.kind) {
    case 'intake-flag.decided':
      return `${app}/`;
    case 'certification.verified':
    case 'certification.rejected':
    case 'certification.revoked':
      return `${app}/therapist/profile`;
    case 'account.email-verification':
      return `${app}/verify-email?token=${encodeURIComponent(event.notice.token)}`;
    case 'account.password-reset':
      return `${app}/reset-password?token=${encodeURIComponent(event.notice.token)}`;
    case 'account.password-changed':
      return `${app}/forgot-password`;
  }
}
