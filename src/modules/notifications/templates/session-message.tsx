import { Button, Text } from '@react-email/components';
import type { SessionNotice } from '../notification.types.js';
import { localTime, recipientZone, sessionTimeLines } from '../notification.rules.js';
import { button, Layout, paragraph } from './layout.js';

export type SessionEvent = 'confirmed' | 'cancelled' | 'completed' | 'reminder' | 'rescheduled';

export interface SessionMessageProps {
  spaName: string;
  event: SessionEvent;
  notice: SessionNotice;
  /** The booking in the web app. */
  link: string;
  /** Where reminders are turned off (reminders only). */
  settingsLink: string;
}

const CANCELLED_BY: Record<string, string> = {
  client: 'the client',
  therapist: 'the therapist',
  admin: 'the spa',
  system: 'the spa',
};

function headingOf(event: SessionEvent, notice: SessionNotice, spaName: string): string {
  const forClient = notice.recipientRole === 'client';
  switch (event) {
    case 'confirmed':
      return forClient ? 'Your session is booked' : `New session with ${notice.client.name}`;
    case 'cancelled':
      return forClient
        ? 'Your session is cancelled'
        : `Session with ${notice.client.name} cancelled`;
    case 'reminder':
      return 'See you soon';
    case 'rescheduled':
      return forClient ? 'Your session has moved' : `Session with ${notice.client.name} moved`;
    case 'completed':
      return `Thank you for visiting ${spaName}`;
  }
}

function leadOf(event: SessionEvent, notice: SessionNotice): string {
  const forClient = notice.recipientRole === 'client';
  const session = `${notice.sessionName} (${notice.durationMinutes} minutes)`;
  switch (event) {
    case 'confirmed':
      return forClient
        ? `${session} with ${notice.therapist.name}. The invitation attached adds it to your calendar.`
        : `${session}, booked by ${notice.client.name}.`;
    case 'cancelled': {
      const by = notice.cancelledBy ? CANCELLED_BY[notice.cancelledBy] : 'the spa';
      const who = forClient ? notice.therapist.name : notice.client.name;
      const late =
        forClient && notice.cancelledBy === 'client' && notice.lateCancellation
          ? ' It was cancelled inside the notice period, so it counts as a late cancellation.'
          : '';
      const why =
        notice.cancelledBy === 'system' && forClient
          ? ' Your booking page says why and what you can do next.'
          : '';
      return `${session} with ${who} was cancelled by ${by === 'the client' && forClient ? 'you' : by}.${late}${why} The attached update removes it from your calendar.`;
    }
    case 'reminder':
      return `A reminder of your ${session} with ${notice.therapist.name}.`;
    case 'rescheduled': {
      const who = forClient ? notice.therapist.name : notice.client.name;
      const before = notice.previousStartsAt
        ? ` It was on ${localTime(notice.previousStartsAt, recipientZone(notice))}.`
        : '';
      return `${session} with ${who} has a new time, below.${before} The attached update moves it in your calendar.`;
    }
    case 'completed':
      return `We hope your ${notice.sessionName.toLowerCase()} with ${notice.therapist.name} did you good.`;
  }
}

/** Every message about one session: confirmation, cancellation, reminder, thanks. */
export function SessionMessage({
  spaName,
  event,
  notice,
  link,
  settingsLink,
}: SessionMessageProps) {
  const heading = headingOf(event, notice, spaName);
  const times = sessionTimeLines(notice);
  const forClient = notice.recipientRole === 'client';
  return (
    <Layout
      spaName={spaName}
      preview={`${heading}: ${times[0].time}`}
      heading={heading}
      footer={
        event === 'reminder' ? (
          <>
            You get reminders because they are on in your settings. Turn them off at{' '}
            <a href={settingsLink}>{settingsLink}</a>.
          </>
        ) : undefined
      }
    >
      <Text style={paragraph}>{leadOf(event, notice)}</Text>
      {event !== 'completed' &&
        times.map((line) => (
          <Text key={line.label} style={{ ...paragraph, margin: '0 0 4px' }}>
            <strong>{line.label}:</strong> {line.time}
          </Text>
        ))}
      <Text style={{ ...paragraph, margin: '16px 0' }}>
        <Button href={link} style={button}>
          {forClient
            ? event === 'completed'
              ? 'Book again'
              : 'See your booking'
            : 'Open your agenda'}
        </Button>
      </Text>
    </Layout>
  );
}
