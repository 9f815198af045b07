import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listCapturedMail, startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer, DEFAULT_MAIL_FROM } from '../../mail/transport';

describe('mail capture server', () => {
  let dir: string;
  const captures: MailCapture[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'regie-mail-capture-'));
  });

  afterEach(async () => {
    await Promise.all(captures.splice(0).map((capture) => capture.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  async function start(options: Parameters<typeof startMailCapture>[0] = {}): Promise<MailCapture> {
    const capture = await startMailCapture(options);
    captures.push(capture);
    return capture;
  }

  it('captures, parses and persists mail sent with nodemailer, and reloads it after a restart', async () => {
    const capture = await start({ dir });
    expect(capture.url).toBe(`smtp://127.0.0.1:${capture.port}`);
    expect(capture.port).toBeGreaterThan(0);

    const mailer = createMailer({ smtpUrl: capture.url });
    expect(mailer.from).toBe(process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM);
    mailer.from = DEFAULT_MAIL_FROM;
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@regie\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const info = await mailer.transporter.sendMail({
      from: mailer.from,
      to: ['zorg@gemeente.example', 'Inkoop <inkoop@gemeente.example>'],
      bcc: 'archief@gemeente.example',
      subject: 'Taak: beoordeel inschrijvingen',
      text: 'Beste collega, er staat een taak voor u klaar.',
      html: '<p>Beste collega, er staat een taak voor u klaar.</p>',
      messageId: '<capture-test@regie>',
      attachments: [
        { filename: 'notitie.txt', content: 'platte tekst', contentType: 'text/plain' },
        { filename: 'blob.bin', content: Buffer.from([0, 1, 2, 3]), contentType: 'application/octet-stream' },
      ],
      icalEvent: { filename: 'invite.ics', method: 'REQUEST', content: ics },
    });
    expect(info.messageId).toBe('<capture-test@regie>');

    // Stored and parsed before the server answered 250: no waiting needed.
    const [mail] = capture.messages();
    expect(capture.messages()).toHaveLength(1);
    expect(mail).toMatchObject({
      messageId: '<capture-test@regie>',
      from: 'noreply@regie.local',
      fromName: 'regie',
      to: ['zorg@gemeente.example', 'inkoop@gemeente.example'],
      envelope: {
        from: 'noreply@regie.local',
        to: ['zorg@gemeente.example', 'inkoop@gemeente.example', 'archief@gemeente.example'],
      },
      subject: 'Taak: beoordeel inschrijvingen',
      html: '<p>Beste collega, er staat een taak voor u klaar.</p>',
    });
    expect(mail?.text?.trim()).toBe('Beste collega, er staat een taak voor u klaar.');
    expect(mail?.receivedAt).toBeInstanceOf(Date);
    const attachments = Object.fromEntries((mail?.attachments ?? []).map((a) => [a.filename ?? a.contentType, a]));
    expect(attachments['notitie.txt']).toMatchObject({ contentType: 'text/plain', content: 'platte tekst', encoding: 'utf8' });
    expect(attachments['blob.bin']).toMatchObject({ contentType: 'application/octet-stream', content: 'AAECAw==', encoding: 'base64' });
    const calendar = mail?.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar?.content).toContain('METHOD:REQUEST');

    // The raw message is on disk as <timestamp>-<id>.eml.
    const files = await readdir(dir);
    expect(files).toEqual([path.basename(mail?.file ?? '')]);
    expect(files[0]).toMatch(/^\d+-[A-Za-z0-9_-]+\.eml$/);
    expect(files[0]).toBe(`${mail?.receivedAt.getTime()}-${mail?.id}.eml`);
    expect(await readFile(path.join(dir, files[0] ?? ''), 'utf8')).toContain('Subject: Taak: beoordeel inschrijvingen');

    // A new capture instance on the same dir (a restart) loads it back, and keeps adding to it.
    await capture.stop();
    const restarted = await start({ dir });
    expect(restarted.messages()).toEqual(capture.messages());
    expect(await listCapturedMail(dir)).toEqual(capture.messages());

    await createMailer({ smtpUrl: restarted.url, from: 'Gemeente <noreply@gemeente.example>' }).transporter.sendMail({
      from: 'Gemeente <noreply@gemeente.example>',
      to: 'zorg@gemeente.example',
      subject: 'Tweede bericht',
      text: 'nog een',
    });
    expect(restarted.messages().map((m) => m.subject)).toEqual(['Taak: beoordeel inschrijvingen', 'Tweede bericht']);
    expect((await listCapturedMail(dir)).map((m) => m.subject)).toEqual(['Taak: beoordeel inschrijvingen', 'Tweede bericht']);
  });

  it('waitFor resolves with an already captured or a later message, and times out otherwise', async () => {
    const capture = await start();
    const mailer = createMailer({ smtpUrl: capture.url });
    const later = capture.waitFor((m) => m.subject === 'later', 5_000);
    await mailer.transporter.sendMail({ from: mailer.from, to: 'a@example.org', subject: 'first', text: '1' });
    await mailer.transporter.sendMail({ from: mailer.from, to: 'b@example.org', subject: 'later', text: '2' });
    await expect(later).resolves.toMatchObject({ subject: 'later', to: ['b@example.org'] });
    await expect(capture.waitFor((m) => m.subject === 'first', 10)).resolves.toMatchObject({ to: ['a@example.org'] });
    await expect(capture.waitFor((m) => m.subject === 'never', 50)).rejects.toThrow(/No matching mail/);
    expect(capture.messages()).toHaveLength(2);
  });

  it('accepts SMTP credentials in the URL (any user/password, plain SMTP on loopback)', async () => {
    const capture = await start();
    const mailer = createMailer({ smtpUrl: `smtp://user:secret@127.0.0.1:${capture.port}` });
    await mailer.transporter.sendMail({ from: mailer.from, to: 'a@example.org', subject: 'auth', text: 'x' });
    expect(capture.messages().map((m) => m.subject)).toEqual(['auth']);
  });

  it('listCapturedMail returns [] for a directory that does not exist', async () => {
    await expect(listCapturedMail(path.join(dir, 'missing'))).resolves.toEqual([]);
  });

  it('stop() closes the port', async () => {
    const capture = await start();
    await capture.stop();
    const mailer = createMailer({ smtpUrl: capture.url });
    await expect(mailer.transporter.sendMail({ from: mailer.from, to: 'a@example.org', subject: 'x', text: 'x' })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
