import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

// An embedded SMTP server that keeps what it receives instead of delivering it: regie's
// mailbox when SMTP_URL is unset, and the real SMTP server in tests. Plain SMTP on loopback,
// no TLS, any (or no) credentials accepted. With `dir`, every message is also written as a
// raw .eml file and read back on start, so captured mail survives a restart.

export interface CapturedAttachment {
  filename?: string;
  contentType: string;
  size: number;
  /** Text types (text/*, e.g. text/calendar) as a string; anything else base64. */
  content: string;
  encoding: 'utf8' | 'base64';
}

export interface CapturedMail {
  /** Unique per received message; the file is `<timestamp>-<id>.eml`. */
  id: string;
  messageId?: string;
  /** Address of the From header, e.g. `noreply@regie.local`; its display name in fromName. */
  from?: string;
  fromName?: string;
  /** Addresses of the To header. */
  to: string[];
  cc: string[];
  /** SMTP envelope (MAIL FROM / RCPT TO), which also covers Bcc recipients. */
  envelope: { from?: string; to: string[] };
  subject: string;
  text?: string;
  html?: string;
  attachments: CapturedAttachment[];
  receivedAt: Date;
  /** Absolute path of the stored .eml, when captured with a `dir`. */
  file?: string;
}

export interface MailCaptureOptions {
  /** Directory for the raw .eml files; without it, mail is kept in memory only. */
  dir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Largest accepted message in bytes (default 25 MB). */
  maxSize?: number;
}

export interface MailCapture {
  /** `smtp://HOST:PORT`, ready for createMailer({ smtpUrl }). */
  url: string;
  port: number;
  /** Every message captured so far (including those loaded from `dir`), oldest first. */
  messages(): CapturedMail[];
  /** The first captured message matching `predicate`, waiting up to `timeoutMs` for it. */
  waitFor(predicate?: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  stop(): Promise<void>;
}

const EML_NAME = /^(\d+)-([A-Za-z0-9_-]+)\.eml$/;
// Prepended to the stored raw message so the envelope survives a reload (as a delivering MTA does).
const ENVELOPE_FROM_HEADER = 'Return-Path';
const ENVELOPE_TO_HEADER = 'X-Envelope-To';

export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const { dir, port = 0, host = '127.0.0.1', maxSize = 25 * 1024 * 1024 } = options;
  const captured: CapturedMail[] = dir ? await listCapturedMail(dir) : [];
  if (dir) await mkdir(dir, { recursive: true });

  type Waiter = { predicate: (mail: CapturedMail) => boolean; resolve: (mail: CapturedMail) => void };
  const waiters = new Set<Waiter>();

  function add(mail: CapturedMail): void {
    captured.push(mail);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(mail)) waiter.resolve(mail);
    }
  }

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const body = await readAll(stream);
    if (stream.sizeExceeded) {
      throw Object.assign(new Error(`Message exceeds the maximum size of ${maxSize} bytes`), { responseCode: 552 });
    }
    const receivedAt = new Date();
    const id = randomBytes(6).toString('hex');
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
    };
    const raw = Buffer.concat([Buffer.from(envelopeHeaders(envelope), 'utf8'), body]);
    let file: string | undefined;
    if (dir) {
      file = path.resolve(dir, `${receivedAt.getTime()}-${id}.eml`);
      // Write, then rename: a reader listing the directory never sees a half-written file.
      await writeFile(`${file}.tmp`, raw);
      await rename(`${file}.tmp`, file);
    }
    add(toCapturedMail(await simpleParser(raw), { id, receivedAt, envelope, file }));
  }

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    size: maxSize,
    logger: false,
    closeTimeout: 2_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'capture' });
    },
    onData(stream, session, callback) {
      // Answer 250 only once the message is parsed (and stored): when sendMail resolves, it is in messages().
      receive(stream, session).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  const boundPort = await new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
  // Errors of single connections (client hung up mid-session) must not crash the process.
  server.on('error', () => undefined);

  let stopped: Promise<void> | undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `smtp://${urlHost}:${boundPort}`,
    port: boundPort,
    messages: () => [...captured],
    waitFor(predicate = () => true, timeoutMs = 5_000) {
      const found = captured.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<CapturedMail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (mail) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching mail captured within ${timeoutMs} ms (${captured.length} captured)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return stopped;
    },
  };
}

/** The mail stored in `dir` (as written by startMailCapture), oldest first; [] when it does not exist. */
export async function listCapturedMail(dir: string): Promise<CapturedMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mails: CapturedMail[] = [];
  for (const name of names.sort()) {
    const match = EML_NAME.exec(name);
    if (!match) continue;
    const file = path.resolve(dir, name);
    const parsed = await simpleParser(await readFile(file));
    mails.push(
      toCapturedMail(parsed, {
        id: match[2] ?? name,
        receivedAt: new Date(Number(match[1])),
        envelope: envelopeFromHeaders(parsed),
        file,
      }),
    );
  }
  return mails.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function envelopeHeaders(envelope: CapturedMail['envelope']): string {
  const clean = (address: string) => address.replace(/[\r\n<>]/g, '');
  return (
    `${ENVELOPE_FROM_HEADER}: <${clean(envelope.from ?? '')}>\r\n` +
    `${ENVELOPE_TO_HEADER}: ${envelope.to.map((to) => `<${clean(to)}>`).join(', ')}\r\n`
  );
}

function envelopeFromHeaders(parsed: ParsedMail): CapturedMail['envelope'] {
  const line = (key: string) => parsed.headerLines.find((header) => header.key === key.toLowerCase())?.line ?? '';
  const addresses = (text: string) => [...text.matchAll(/<([^<>]*)>/g)].map((m) => m[1] ?? '').filter(Boolean);
  return {
    from: addresses(line(ENVELOPE_FROM_HEADER))[0],
    to: addresses(line(ENVELOPE_TO_HEADER)),
  };
}

function addressList(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flatten = (entries: AddressObject['value']): string[] =>
    entries.flatMap((entry) => (entry.group ? flatten(entry.group) : entry.address ? [entry.address] : []));
  return objects.flatMap((object) => flatten(object.value));
}

function toCapturedMail(
  parsed: ParsedMail,
  meta: Pick<CapturedMail, 'id' | 'receivedAt' | 'envelope' | 'file'>,
): CapturedMail {
  return {
    id: meta.id,
    messageId: parsed.messageId,
    from: addressList(parsed.from)[0],
    fromName: parsed.from?.value[0]?.name || undefined,
    to: addressList(parsed.to),
    cc: addressList(parsed.cc),
    envelope: meta.envelope,
    subject: parsed.subject ?? '',
    text: parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    attachments: parsed.attachments.map((attachment) => {
      const isText = attachment.contentType.startsWith('text/');
      return {
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
        content: attachment.content.toString(isText ? 'utf8' : 'base64'),
        encoding: isText ? 'utf8' : 'base64',
      };
    }),
    receivedAt: meta.receivedAt,
    ...(meta.file ? { file: meta.file } : {}),
  };
}
