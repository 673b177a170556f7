import {
  Body,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { ReactNode } from 'react';

export interface LayoutProps {
  spaName: string;
  preview: string;
  heading: string;
  children: ReactNode;
  /** Why the recipient gets this, and where to change it. */
  footer?: ReactNode;
}

const body = {
  backgroundColor: '#f6f4f1',
  fontFamily: 'Helvetica, Arial, sans-serif',
  color: '#2b2622',
};
const card = {
  backgroundColor: '#ffffff',
  borderRadius: '8px',
  margin: '24px auto',
  padding: '24px',
  maxWidth: '560px',
};
const small = { color: '#6b625b', fontSize: '13px', lineHeight: '20px' };

/** The frame of every message: the spa's name, one heading, the content, a short footer. */
export function Layout({ spaName, preview, heading, children, footer }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={{ ...small, textTransform: 'uppercase', letterSpacing: '1px' }}>
            {spaName}
          </Text>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', margin: '0 0 16px' }}>
            {heading}
          </Heading>
          <Section>{children}</Section>
          <Hr style={{ borderColor: '#e7e1da', margin: '24px 0 12px' }} />
          <Text style={small}>
            {footer ?? `You get this message because you have an account at ${spaName}.`}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: '15px', lineHeight: '24px', margin: '0 0 12px' };
export const button = {
  backgroundColor: '#5b4636',
  borderRadius: '6px',
  color: '#ffffff',
  display: 'inline-block',
  fontSize: '15px',
  padding: '12px 20px',
  textDecoration: 'none',
};
