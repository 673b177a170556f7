import { Button, Text } from '@react-email/components';
import type {
  AccountLinkNotice,
  CertificationNotice,
  FlagDecisionNotice,
  PasswordChangedNotice,
} from '../notification.types.js';
import { certificationLabel } from '../notification.rules.js';
import { button, Layout, paragraph } from './layout.js';

export type AccountEvent =
  | { kind: 'intake-flag.decided'; notice: FlagDecisionNotice }
  | {
      kind: 'certification.verified' | 'certification.rejected' | 'certification.revoked';
      notice: CertificationNotice;
    }
  | { kind: 'account.email-verification' | 'account.password-reset'; notice: AccountLinkNotice }
  | { kind: 'account.password-changed'; notice: PasswordChangedNotice };

export interface AccountMessageProps {
  spaName: string;
  event: AccountEvent;
  link: string;
}

function contentOf(
  event: AccountEvent,
  spaName: string,
): { heading: string; lines: string[]; action: string } {
  switch (event.kind) {
    case 'account.email-verification':
      return {
        heading: 'Confirm your email address',
        lines: [
          `Hello ${event.notice.recipientName}, welcome to ${spaName}. Please confirm that this address is yours, so we can reach you about your sessions.`,
          'The link works for 7 days. If you did not sign up, you can ignore this message.',
        ],
        action: 'Confirm my address',
      };
    case 'account.password-reset':
      return {
        heading: 'Reset your password',
        lines: [
          `Hello ${event.notice.recipientName}, someone asked to reset the password of your ${spaName} account.`,
          'The link works once, for one hour. If it was not you, ignore this message: your password stays as it is.',
        ],
        action: 'Choose a new password',
      };
    case 'account.password-changed':
      return {
        heading: 'Your password was changed',
        lines: [
          event.notice.via === 'reset'
            ? `Hello ${event.notice.recipientName}, the password of your ${spaName} account was just reset with the link we sent you, and every device was signed out.`
            : `Hello ${event.notice.recipientName}, the password of your ${spaName} account was just changed, and your other devices were signed out.`,
          'If this was not you, reset your password now and tell us.',
        ],
        action: 'Reset my password',
      };
    default:
      return decisionContentOf(event);
  }
}

function decisionContentOf(
  event: Extract<AccountEvent, { kind: 'intake-flag.decided' | `certification.${string}` }>,
): { heading: string; lines: string[]; action: string } {
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

/**
 * Messages about an account: a check-in's review, a certification's decision, an address to
 * confirm, a password reset or change.
 */
export function AccountMessage({ spaName, event, link }: AccountMessageProps) {
  const { heading, lines, action } = contentOf(event, spaName);
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
