import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../../activities/deps';
import {
  InvalidNotificationInput,
  makeSendNotification,
  NOTIFICATION_CLAIM_LEASE_MS,
  NotificationInFlight,
  notificationMessageId,
  NotificationRejected,
  UNDELIVERABLE,
  type NotificationInput,
} from '../../activities/send-notification';
import type { PrismaClient } from '../../db/client';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer } from '../../mail/transport';
import { createTestDatabase } from '../helpers/database';
import { startRefusingSmtp } from '../helpers/refusing-smtp';

// The sendNotification activity against a real (migrated) database and a real SMTP server on loopback.

describe('sendNotification activity', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;
  let capture: MailCapture;
  const extraCaptures: MailCapture[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    capture = await startMailCapture();
  });

  afterEach(async () => {
    await Promise.all([capture, ...extraCaptures.splice(0)].map((c) => c.stop()));
  });

  function depsFor(smtpUrl: string): ActivityDeps {
    return { prisma, mailer: createMailer({ smtpUrl, from: 'regie <noreply@regie.local>' }) };
  }

  function notification(overrides: Partial<NotificationInput> = {}): NotificationInput {
    return {
      idempotencyKey: `wf-${randomUUID()}/task-1/task-assigned`,
      workflowId: 'tender-2026-001',
      taskId: 'task-1',
      kind: 'task-assigned',
      to: ['zorg@gemeente.example', 'inkoop@gemeente.example'],
      subject: 'Nieuwe taak: beoordeel de inschrijvingen',
      text: 'Er staat een taak klaar voor het team inkoop.',
      ...overrides,
    };
  }

  const row = (idempotencyKey: string) => prisma.notification.findUnique({ where: { idempotencyKey } });

  it('sends one email that arrives with subject, recipients and text, and records it as sent', async () => {
    const sendNotification = makeSendNotification(depsFor(capture.url));
    const input = notification({ html: '<p>Er staat een taak klaar.</p>' });

    const result = await sendNotification(input);

    const messageId = notificationMessageId(input.idempotencyKey);
    expect(messageId).toMatch(/^<[0-9a-f]{64}@regie>$/);
    expect(result).toEqual({ status: 'sent', messageId });
    const mails = capture.messages();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      messageId,
      from: 'noreply@regie.local',
      to: ['zorg@gemeente.example', 'inkoop@gemeente.example'],
      envelope: { to: ['zorg@gemeente.example', 'inkoop@gemeente.example'] },
      subject: input.subject,
      html: '<p>Er staat een taak klaar.</p>',
    });
    expect(mails[0]?.text?.trim()).toBe(input.text);

    const stored = await row(input.idempotencyKey);
    expect(stored).toMatchObject({
      workflowId: input.workflowId,
      taskId: 'task-1',
      kind: 'task-assigned',
      recipient: 'zorg@gemeente.example, inkoop@gemeente.example',
      subject: input.subject,
      status: 'sent',
      messageId,
      attempts: 1,
      error: null,
    });
    expect(stored?.sentAt).toBeInstanceOf(Date);
    expect(stored!.sentAt!.getTime()).toBeGreaterThanOrEqual(stored!.claimedAt.getTime());
  });

  it('sends nothing more when called again with the same input (a Temporal retry)', async () => {
    const sendNotification = makeSendNotification(depsFor(capture.url));
    const input = notification();

    const first = await sendNotification(input);
    const second = await sendNotification(input);
    const third = await makeSendNotification(depsFor(capture.url))(input);

    expect(first.status).toBe('sent');
    expect(second).toEqual({ status: 'already-sent', messageId: first.messageId });
    expect(third).toEqual({ status: 'already-sent', messageId: first.messageId });
    expect(capture.messages()).toHaveLength(1);
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await prisma.notification.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
  });

  it('sends exactly one email when attempts with one key run concurrently', async () => {
    const input = notification();
    const attempts = Array.from({ length: 5 }, () => makeSendNotification(depsFor(capture.url)));

    const results = await Promise.allSettled(attempts.map((sendNotification) => sendNotification(input)));

    const sent = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'sent');
    expect(sent).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'fulfilled') {
        expect(result.value.messageId).toBe(notificationMessageId(input.idempotencyKey));
      } else {
        // Lost the race while the winner was still sending: retryable, so Temporal tries again.
        expect(result.reason).toBeInstanceOf(ApplicationFailure);
        expect(result.reason).toMatchObject({ type: NotificationInFlight, nonRetryable: false });
      }
    }
    expect(capture.messages()).toHaveLength(1);
    // The losers' retries find it sent.
    await expect(attempts[1]!(input)).resolves.toMatchObject({ status: 'already-sent' });
    expect(capture.messages()).toHaveLength(1);
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('marks the notification failed when SMTP is down, and the retry against a working server sends it once', async () => {
    const down = await startMailCapture();
    await down.stop(); // nothing listens on this port any more
    const input = notification({ kind: 'reminder' });

    await expect(makeSendNotification(depsFor(down.url))(input)).rejects.toThrow(/ECONNREFUSED/);
    const failed = await row(input.idempotencyKey);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null, messageId: null });
    expect(failed?.error).toMatch(/ECONNREFUSED/);

    const up = await startMailCapture();
    extraCaptures.push(up);
    const retry = makeSendNotification(depsFor(up.url));
    await expect(retry(input)).resolves.toEqual({ status: 'sent', messageId: notificationMessageId(input.idempotencyKey) });
    await expect(retry(input)).resolves.toMatchObject({ status: 'already-sent' });

    expect(up.messages()).toHaveLength(1);
    expect(up.messages()[0]).toMatchObject({ subject: input.subject, messageId: notificationMessageId(input.idempotencyKey) });
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }

  it.each([
    ['a 5xx at the end of DATA (554)', { data: 554 }, /554|refused/],
    ['every recipient refused with 550 (EENVELOPE)', { recipient: { matches: () => true, responseCode: 550 } }, /550|recipients were rejected/],
  ])('a permanent SMTP refusal, %s, is a non-retryable NotificationRejected and the row undeliverable, never sent again', async (_what, refusal, pattern) => {
    const smtp = await startRefusingSmtp(refusal);
    try {
      const sendNotification = makeSendNotification(depsFor(smtp.url));
      const input = notification({ kind: 'escalation' });

      const failure = await failureOf(sendNotification(input));
      expect(failure).toMatchObject({ type: NotificationRejected, nonRetryable: true });
      expect(failure.message).toMatch(pattern);
      const failed = await row(input.idempotencyKey);
      expect(failed).toMatchObject({ status: UNDELIVERABLE, sentAt: null, attempts: 1 });
      expect(failed?.error).toMatch(pattern);

      // A later attempt (a replayed or restarted activity) does not try again, even against a working server.
      const again = await failureOf(makeSendNotification(depsFor(capture.url))(input));
      expect(again).toMatchObject({ type: NotificationRejected, nonRetryable: true });
      expect(capture.messages()).toHaveLength(0);
      expect(smtp.received).toBe(0);
    } finally {
      await smtp.stop();
    }
  });

  it.each([
    ['a 4xx at the end of DATA (452)', { data: 452 }],
    ['every recipient refused with 451 (try later)', { recipient: { matches: () => true, responseCode: 451 } }],
  ])('a transient SMTP refusal, %s, is thrown for Temporal to retry and the row stays retryable', async (_what, refusal) => {
    const smtp = await startRefusingSmtp(refusal);
    try {
      const input = notification({ kind: 'reminder' });
      const error: unknown = await makeSendNotification(depsFor(smtp.url))(input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ApplicationFailure);
      expect(await row(input.idempotencyKey)).toMatchObject({ status: 'failed' });

      await expect(makeSendNotification(depsFor(capture.url))(input)).resolves.toMatchObject({ status: 'sent' });
      expect(capture.messages()).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it('an invalid address fails for good: NotificationRejected, recorded as undeliverable with the addresses', async () => {
    const input = notification({ to: ['zorg@gemeente.example', 'geen-emailadres'] });
    const failure = await failureOf(makeSendNotification(depsFor(capture.url))(input));
    expect(failure).toMatchObject({ type: NotificationRejected, nonRetryable: true });
    expect(failure.message).toMatch(/email/i);
    expect(await row(input.idempotencyKey)).toMatchObject({ status: UNDELIVERABLE, recipient: 'zorg@gemeente.example, geen-emailadres' });
    expect(capture.messages()).toHaveLength(0);
  });

  it('rejects invalid input as a non-retryable ApplicationFailure without writing a row', async () => {
    const sendNotification = makeSendNotification(depsFor(capture.url));
    const input = notification({ subject: '' });

    const error: unknown = await sendNotification(input).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: InvalidNotificationInput, nonRetryable: true });
    expect((error as Error).message).toMatch(/subject/);
    expect(await row(input.idempotencyKey)).toBeNull();
    expect(capture.messages()).toHaveLength(0);

    for (const bad of [
      notification({ idempotencyKey: '' }),
      notification({ to: [] }),
      notification({ kind: 'gossip' as NotificationInput['kind'] }),
    ]) {
      await expect(sendNotification(bad)).rejects.toMatchObject({ type: InvalidNotificationInput, nonRetryable: true });
      if (bad.idempotencyKey) expect(await row(bad.idempotencyKey)).toBeNull();
    }
    expect(await prisma.notification.count({ where: { idempotencyKey: '' } })).toBe(0);
    expect(capture.messages()).toHaveLength(0);
  });

  it('waits for an attempt in flight, and takes over a claim whose lease expired', async () => {
    const sendNotification = makeSendNotification(depsFor(capture.url));
    const input = notification({ kind: 'escalation' });
    await prisma.notification.create({
      data: {
        idempotencyKey: input.idempotencyKey,
        workflowId: input.workflowId,
        kind: input.kind,
        recipient: input.to.join(', '),
        subject: input.subject,
        status: 'claimed',
        claimedAt: new Date(),
      },
    });

    await expect(sendNotification(input)).rejects.toMatchObject({ type: NotificationInFlight, nonRetryable: false });
    expect(capture.messages()).toHaveLength(0);

    // The claimant died: once its lease is over, the next attempt sends.
    await prisma.notification.update({
      where: { idempotencyKey: input.idempotencyKey },
      data: { claimedAt: new Date(Date.now() - NOTIFICATION_CLAIM_LEASE_MS - 1_000) },
    });
    await expect(sendNotification(input)).resolves.toMatchObject({ status: 'sent' });
    expect(capture.messages()).toHaveLength(1);
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('attaches an iCalendar event', async () => {
    const sendNotification = makeSendNotification(depsFor(capture.url));
    const content = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//regie//NL',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:task-1@regie',
      'DTSTART:20260301T090000Z',
      'SUMMARY:Deadline beoordeling',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const input = notification({ icalEvent: { filename: 'deadline.ics', content } });

    await sendNotification(input);

    const calendar = capture.messages()[0]?.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar?.content).toContain('SUMMARY:Deadline beoordeling');
    expect(calendar?.content).toContain('METHOD:REQUEST');
  });
});
