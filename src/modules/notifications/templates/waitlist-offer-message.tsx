import { Button, Text } from '@react-email/components';
import type { WaitlistOfferNotice } from '../notification.types.js';
import { localTime, zoneLabel } from '../notification.rules.js';
import { button, Layout, paragraph } from './layout.js';

export interface WaitlistOfferMessageProps {
  spaName: string;
  notice: WaitlistOfferNotice;
  /** The offer in the web app, where it is claimed or declined. */
  link: string;
}

/** A freed time held for a waitlisted client: what, when, until when, and the way to claim it. */
export function WaitlistOfferMessage({ spaName, notice, link }: WaitlistOfferMessageProps) {
  const zone = notice.clientTimezone ?? notice.therapistTimezone;
  const heading = 'A time you were waiting for opened up';
  return (
    <Layout
      spaName={spaName}
      preview={`${notice.sessionName} with ${notice.therapistName}, ${localTime(notice.startsAt, zone)}`}
      heading={heading}
      footer={<>You get this because you joined the waitlist. Leave it any time in the app.</>}
    >
      <Text style={paragraph}>
        Hello {notice.recipientName}, we are keeping this time for you: {notice.sessionName} with{' '}
        {notice.therapistName}.
      </Text>
      <Text style={{ ...paragraph, margin: '0 0 4px' }}>
        <strong>{zoneLabel(zone)}:</strong> {localTime(notice.startsAt, zone)}
      </Text>
      <Text style={paragraph}>
        It is held for you until {localTime(notice.expiresAt, zone)}. After that it goes to the next
        person waiting.
      </Text>
      <Text style={{ ...paragraph, margin: '16px 0' }}>
        <Button href={link} style={button}>
          Claim this time
        </Button>
      </Text>
    </Layout>
  );
}
