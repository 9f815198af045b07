import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import { directoryDay } from '../domain/directory';
import type { ActivityDeps } from './deps';
import { nobodyHoldsReason, resolveRecipients } from './role-holders';
import { notificationInputSchema, type NotificationInput } from './schemas/notification';

export type { NotificationInput } from './schemas/notification';

export interface SendNotificationResult {
  status: 'sent' | 'already-sent';
  messageId: string;
}

/**
 * How long a 'claimed' row blocks other attempts; after that the claimant is presumed dead. Twice the
 * activity's startToCloseTimeout (1 minute, workflows/shared/activities.ts): Temporal has given up on an attempt
 * that old, so a worker killed mid-send delays its notification by about two minutes, not ten.
 */
export const NOTIFICATION_CLAIM_LEASE_MS = 2 * 60 * 1000;

/** How long a sent mail's row is retried to be marked 'sent' (a database outage of up to this long sends no duplicate). */
export const MARK_SENT_PATIENCE_MS = 45 * 1000;

/** Failure types, for a workflow's retry policy (nonRetryableErrorTypes) and for tests. */
export const InvalidNotificationInput = 'InvalidNotificationInput';
export const NotificationInFlight = 'NotificationInFlight';
/** The mail server refused the message for good (5xx, invalid or rejected recipients): not retried. */
export const NotificationRejected = 'NotificationRejected';
/** The Notification row's status once a notification has failed for good; it is never sent again. */
export const UNDELIVERABLE = 'undeliverable';

/** `<sha256(key)@regie>`: the same key always yields the same Message-ID, so receivers can dedupe too. */
export function notificationMessageId(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex')}@regie>`;
}

/**
 * Sends one email at most once per idempotencyKey, however often Temporal retries it and
 * even when two attempts run at once: a Notification row is claimed before sending and
 * marked 'sent' after. The one gap is a worker dying between the SMTP hand-off and marking
 * the row: once the claim's lease expires, a retry sends again (with the same Message-ID).
 *
 * It goes to whoever holds the addressed roles on the day it is sent (activities/role-holders.ts; to
 * `to` when the input names no roles). A known role that nobody holds that day is not mailed to its
 * former holder: the notification fails for good with that reason.
 */
export function makeSendNotification({ prisma, mailer }: ActivityDeps) {
  /** Records a notification that failed for good, and the non-retryable failure that tells the workflow. */
  async function reject(input: Pick<NotificationInput, 'idempotencyKey' | 'workflowId' | 'taskId' | 'kind' | 'to' | 'subject'>, error: string, claimedAt?: Date): Promise<never> {
    const message = error.slice(0, 2000);
    const row = { status: UNDELIVERABLE, error: message };
    if (claimedAt) {
      // Only our own claim: a row another attempt took over in the meantime is theirs.
      await prisma.notification.updateMany({ where: { idempotencyKey: input.idempotencyKey, status: 'claimed', claimedAt }, data: row });
    } else {
      await prisma.notification.upsert({
        where: { idempotencyKey: input.idempotencyKey },
        create: { ...notificationRow(input), claimedAt: new Date(), ...row },
        update: row,
      });
    }
    throw ApplicationFailure.create({ message, type: NotificationRejected, nonRetryable: true, details: [{ recipients: input.to }] });
  }

  async function claim(input: NotificationInput, claimedAt: Date): Promise<{ sent: string } | { claimed: true }> {
    // The unique idempotency_key decides who claims it.
    if ((await prisma.$executeRaw(claimSql(input, claimedAt))) === 1) return { claimed: true };

    const existing = await prisma.notification.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (!existing) {
      throw ApplicationFailure.retryable(`Notification ${input.idempotencyKey} vanished while claiming it`, NotificationInFlight);
    }
    if (existing.status === 'sent') return { sent: existing.messageId ?? notificationMessageId(input.idempotencyKey) };
    if (existing.status === UNDELIVERABLE) {
      throw ApplicationFailure.create({ message: existing.error ?? 'undeliverable', type: NotificationRejected, nonRetryable: true, details: [{ recipients: input.to }] });
    }
    if (existing.status === 'claimed' && claimedAt.getTime() - existing.claimedAt.getTime() < NOTIFICATION_CLAIM_LEASE_MS) {
      throw ApplicationFailure.retryable(
        `Notification ${input.idempotencyKey} is being sent by another attempt (claimed at ${existing.claimedAt.toISOString()})`,
        NotificationInFlight,
      );
    }
    // 'failed', or 'claimed' with an expired lease: take it over, unless someone else just did.
    const takeover = await prisma.notification.updateMany({
      where: {
        idempotencyKey: input.idempotencyKey,
        status: existing.status,
        claimedAt: existing.claimedAt,
        attempts: existing.attempts,
      },
      data: {
        status: 'claimed',
        claimedAt,
        attempts: { increment: 1 },
        error: null,
        recipient: input.to.join(', '),
        subject: input.subject,
      },
    });
    if (takeover.count !== 1) {
      throw ApplicationFailure.retryable(`Notification ${input.idempotencyKey} was claimed by another attempt`, NotificationInFlight);
    }
    return { claimed: true };
  }

  /** The notification with `to` replaced by the addressed roles' holders today; rejected when that is nobody. */
  async function addressedToHolders(input: NotificationInput): Promise<NotificationInput> {
    if (!input.addressedTo) return input;
    const day = directoryDay(new Date());
    const resolved = await resolveRecipients(prisma, input.addressedTo, input.to, day);
    if (resolved.to.length === 0) {
      // Sent by an earlier attempt before the role was vacated: claim() reports it as sent, not as failed.
      const earlier = await prisma.notification.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { status: true } });
      if (earlier?.status === 'sent') return input;
      const reason = resolved.unowned.length > 0 ? nobodyHoldsReason(resolved.unowned, day) : `No address for the addressed roles on ${day}`;
      await reject({ ...input, to: [] }, reason);
    }
    return { ...input, to: resolved.to };
  }

  return async function sendNotification(rawInput: NotificationInput): Promise<SendNotificationResult> {
    const parsed = notificationInputSchema.safeParse(rawInput);
    if (!parsed.success) {
      const invalid = `Invalid notification input: ${z.prettifyError(parsed.error)}`;
      // Only the addresses wrong (an invalid address): a notification that failed for good, recorded as such.
      const rest = notificationInputSchema.omit({ to: true }).safeParse(rawInput);
      const badAddressesOnly = parsed.error.issues.every((issue) => issue.path[0] === 'to' && typeof issue.path[1] === 'number');
      if (rest.success && badAddressesOnly && Array.isArray(rawInput.to)) await reject({ ...rest.data, to: rawInput.to.map(String) }, invalid);
      throw ApplicationFailure.create({
        message: `Invalid notification input: ${z.prettifyError(parsed.error)}`,
        type: InvalidNotificationInput,
        nonRetryable: true,
        details: [parsed.error.issues],
      });
    }
    const input = await addressedToHolders(parsed.data);
    const messageId = notificationMessageId(input.idempotencyKey);
    const claimedAt = new Date();

    const claimed = await claim(input, claimedAt);
    if ('sent' in claimed) return { status: 'already-sent', messageId: claimed.sent };

    try {
      await mailer.transporter.sendMail({
        from: mailer.from,
        to: input.to,
        subject: input.subject,
        text: input.text,
        ...(input.html !== undefined ? { html: input.html } : {}),
        ...(input.icalEvent
          ? {
              icalEvent: {
                filename: input.icalEvent.filename,
                method: /^METHOD:(.+)$/m.exec(input.icalEvent.content)?.[1]?.trim() ?? 'PUBLISH',
                content: input.icalEvent.content,
              },
            }
          : {}),
        messageId,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isPermanentSmtpError(error)) await reject(input, message, claimedAt);
      // Only our own claim is released; the original error goes back to Temporal, which retries.
      await prisma.notification
        .updateMany({
          where: { idempotencyKey: input.idempotencyKey, status: 'claimed', claimedAt },
          data: { status: 'failed', error: message.slice(0, 2000) },
        })
        .catch(() => undefined);
      throw error;
    }

    // The mail is out: record it, through a short database outage too, for most of this attempt's time
    // (startToCloseTimeout 1 minute), since a retry would otherwise wait out the lease and send again.
    const sentAt = new Date();
    const giveUpAt = Date.now() + MARK_SENT_PATIENCE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        const marked = await prisma.$executeRaw`UPDATE "notification" SET "status" = 'sent', "sent_at" = ${sentAt}, "message_id" = ${messageId}, "error" = NULL
          WHERE "idempotency_key" = ${input.idempotencyKey}`;
        if (marked !== 1) throw new Error(`Notification ${input.idempotencyKey} vanished before it was marked sent`);
        break;
      } catch (error) {
        if (Date.now() >= giveUpAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)));
      }
    }
    return { status: 'sent', messageId };
  };
}

/**
 * Whether nodemailer's error is one that retrying the same message gets again: an SMTP reply of 5xx
 * (RFC 5321: permanent; 503 "bad sequence" excepted, it concerns the session), or an envelope refused
 * without a transient reply (invalid or rejected recipients). Connection errors and 4xx are transient.
 */
export function isPermanentSmtpError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  return code === 'EENVELOPE';
}

/**
 * Claims a notification: `INSERT … ON CONFLICT DO NOTHING`, one row written or none. As SQL, not Prisma's
 * createMany with skipDuplicates: the same statement, but one of the four a mail costs (with the
 * holders' lookup and marking it sent), and together they were 8.6 of its 13.8 ms in the lifecycle benchmark.
 */
function claimSql(input: NotificationInput, claimedAt: Date): Prisma.Sql {
  const row = notificationRow(input);
  return Prisma.sql`INSERT INTO "notification" ("id", "idempotency_key", "workflow_id", "task_id", "kind", "recipient", "subject", "status", "claimed_at")
    VALUES (${randomUUID()}, ${row.idempotencyKey}, ${row.workflowId}, ${row.taskId}, ${row.kind}, ${row.recipient}, ${row.subject}, 'claimed', ${claimedAt})
    ON CONFLICT ("idempotency_key") DO NOTHING`;
}

/** The columns of a Notification row that come from the notification itself. */
function notificationRow(input: Pick<NotificationInput, 'idempotencyKey' | 'workflowId' | 'taskId' | 'kind' | 'to' | 'subject'>) {
  return {
    idempotencyKey: input.idempotencyKey,
    workflowId: input.workflowId,
    taskId: input.taskId ?? null,
    kind: input.kind,
    recipient: input.to.join(', '),
    subject: input.subject,
  };
}
