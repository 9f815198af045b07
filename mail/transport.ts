import * as nodemailer from 'nodemailer';

/** Where regie's outgoing mail goes and whom it is from; injected into activities via ActivityDeps. */
export interface Mailer {
  transporter: nodemailer.Transporter;
  from: string;
}

export const DEFAULT_MAIL_FROM = 'regie <noreply@regie.local>';

export interface MailerOptions {
  /** smtp://host:port (plain or STARTTLS when offered), smtps://host:port (implicit TLS); auth as smtp://user:pass@host. */
  smtpUrl: string;
  /** Sender address; defaults to MAIL_FROM, then `regie <noreply@regie.local>`. */
  from?: string;
}

/**
 * A nodemailer SMTP transport from a connection URL. Timeouts are kept well below the
 * notification claim lease (10 minutes) so a hanging server fails an attempt instead of
 * outliving its claim.
 */
export function createMailer({ smtpUrl, from }: MailerOptions): Mailer {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  }
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const mailFrom = from ?? (process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM);
  return { transporter, from: mailFrom };
}
