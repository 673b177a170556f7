import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import type { RenderedMessage } from './message-renderer.js';

export interface OutgoingMail extends RenderedMessage {
  messageId: string;
  to: string;
  /** Aborts the send (a time limit, a shutdown). */
  signal?: AbortSignal;
}

/**
 * SMTP time limits: a dead server fails the attempt (it is retried), never hangs it; short enough
 * that a stopping instance's graceful wait (10 s) sees a send in flight finish.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 8_000 };

/**
 * Hands a rendered message to SMTP (nodemailer, pooled), or — without SMTP_URL — writes it as an
 * `.eml` file under MAIL_DIR and logs its subject, so development needs no mail server.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  readonly mode: 'smtp' | 'disabled';

  constructor(private readonly config: AppConfig) {
    const { smtpUrl } = config.mail;
    this.mode = smtpUrl ? 'smtp' : 'disabled';
    if (smtpUrl && !config.publicUrl) {
      this.logger.warn(
        'SMTP_URL is set but PUBLIC_URL is not: links in messages point to localhost',
      );
    }
    this.transporter = smtpUrl
      ? createTransport({ url: smtpUrl, pool: true, maxConnections: 3, ...SMTP_TIMEOUTS })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      signal: mail.signal,
      ...(mail.calendar ? { icalEvent: mail.calendar } : {}),
    });
    if (this.mode === 'disabled') {
      const directory = this.config.mail.directory;
      await mkdir(directory, { recursive: true });
      const file = join(directory, `${mail.messageId.replace(/[<>@]/g, '_')}.eml`);
      await writeFile(file, (info as { message: Buffer }).message);
      this.logger.log(`Mail not sent (no SMTP_URL): "${mail.subject}" written to ${file}`);
    }
  }

  /** Runs after the job queue stopped (its graceful wait let sends in flight finish). */
  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
