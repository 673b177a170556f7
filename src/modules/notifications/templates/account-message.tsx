import { Button, Text } from '@react-email/components';
import type { CertificationNotice, FlagDecisionNotice } from '../notification.types.js';
import { certificationLabel } from '../notification.rules.js';
import { button, Layout, paragraph } from './layout.js';

export type AccountEvent =
  | { kind: 'intake-flag.decided'; notice: FlagDecisionNotice }
  | {
      kind: 'certification.verified' | 'certification.rejected' | 'certification.revoked';
      notice: CertificationNotice;
    };

export interface AccountMessageProps {
  spaName: string;
  event: AccountEvent;
  link: string;
}

function contentOf(event: AccountEvent): { heading: string; lines: string[]; action: string } {
  if (event.kind === 'intake-flag.decided') {
    // The decision only: the answers it was about stay in the app, behind the client's sign-in.
    return event.notice.canBook
      ? {
          heading: 'Your check-in has been reviewed',
          lines: [
            `Hello ${event.notice.recipientName}, a member of our team reviewed your check-in and you can book again.`,
          ],
          action: 'See your suggestions',
        }
      : {
          heading: 'Your check-in has been reviewed',
          lines: [
            `Hello ${event.notice.recipientName}, a member of our team reviewed your check-in.`,
            'Before you can book there is a step to take first: the app explains what comes next.',
          ],
          action: 'Open your check-in',
        };
  }
  const { notice } = event;
  const label = certificationLabel(notice.certificationKind);
  const from = notice.issuer ? ` from ${notice.issuer}` : '';
  switch (event.kind) {
    case 'certification.verified':
      return {
        heading: `Your ${label} is verified`,
        lines: [
          `Hello ${notice.recipientName}, we checked your ${label}${from}. Clients can now book you for the sessions it covers.`,
        ],
        action: 'Open your profile',
      };
    case 'certification.rejected':
      return {
        heading: `Your ${label} was not accepted`,
        lines: [
          `Hello ${notice.recipientName}, we could not verify your ${label}${from}.`,
          ...(notice.note ? [`Our note: ${notice.note}`] : []),
          'You can add it again with the missing details.',
        ],
        action: 'Open your certifications',
      };
    case 'certification.revoked':
      return {
        heading: `Your ${label} was withdrawn`,
        lines: [
          `Hello ${notice.recipientName}, your ${label}${from} no longer counts for bookings.`,
          ...(notice.note ? [`The reason: ${notice.note}`] : []),
          'Any upcoming session that needed it is cancelled and its client told; your agenda shows what is left.',
        ],
        action: 'Open your certifications',
      };
  }
}

/** Messages about an account: a check-in's review, a certification's decision. */
export function AccountMessage({ spaName, event, link }: AccountMessageProps) {
  const { heading, lines, action } = contentOf(event);
  return (
    <Layout spaName={spaName} preview={heading} heading={heading}>
      {lines.map((line) => (
        <Text key={line} style={paragraph}>
          {line}
        </Text>
      ))}
      <Text style={{ ...paragraph, margin: '16px 0' }}>
        <Button href={link} style={button}>
          {action}
        </Button>
      </Text>
    </Layout>
  );
}
