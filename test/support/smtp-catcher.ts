import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The text/calendar part (nodemailer's icalEvent), when the message carries an invitation. */
  calendar: string | null;
  /** The invitation's METHOD as the MIME part declares it (`REQUEST`, `CANCEL`). */
  calendarMethod: string | null;
  raw: string;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>` for the app's SMTP_URL. */
  url: string;
  mails: CaughtMail[];
  /** Every DATA the server answered, accepted or refused (Message-IDs). */
  attempts: string[];
  /** Refuse (451, try again later) the next `count` messages to `recipient`, or always. */
  refuse(recipient: string, count: number | 'always'): void;
  /** Answer each message only after `ms` (a slow server), or 0 to answer at once. */
  delay(ms: number): void;
  /** Waits until `predicate` holds over the caught mails, or fails after `timeoutMs`. */
  waitFor(predicate: (mails: CaughtMail[]) => boolean, timeoutMs?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on a local port (smtp-server), keeping what it receives, parsed. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const attempts: string[] = [];
  const refusals = new Map<string, number>();
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        attempts.push(messageId);
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        const refused = to.find((address) => (refusals.get(address) ?? 0) > 0);
        if (refused) {
          const left = refusals.get(refused)!;
          if (Number.isFinite(left)) refusals.set(refused, left - 1);
          const error = new Error('Mailbox busy, try again later') as Error & {
            responseCode: number;
          };
          error.responseCode = 451;
          callback(error);
          return;
        }
        simpleParser(raw)
          .then((parsed) => {
            mails.push(toCaught(parsed, raw, to.join(',')));
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    attempts,
    delay(ms) {
      delayMs = ms;
    },
    refuse(recipient, count) {
      refusals.set(recipient.toLowerCase(), count === 'always' ? Infinity : count);
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(mails)) {
        if (Date.now() > deadline) {
          throw new Error(`Mail did not arrive in ${timeoutMs} ms (${mails.length} caught)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toCaught(parsed: ParsedMail, raw: string, to: string): CaughtMail {
  const calendarPart = /Content-Type:\s*text\/calendar;[^\n]*method=([A-Z]+)/i.exec(raw);
  const attachment = parsed.attachments.find((file) => file.contentType === 'text/calendar');
  return {
    messageId: parsed.messageId ?? '',
    to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    calendar: attachment?.content.toString('utf8') ?? null,
    calendarMethod: calendarPart?.[1]?.toUpperCase() ?? null,
    raw,
  };
}
