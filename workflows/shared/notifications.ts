/**
 * Notifications that fail for good (the mail server's 5xx, an invalid or refused address) are not
 * retried: the activity marks the Notification row undeliverable, the workflow records a
 * `notification.failed` event and goes on. A notification never holds up a tender or a contract.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { NotificationInput } from '../../activities/schemas/notification';
import type { EventRecord } from '../../activities/schemas/records';
import { activities } from './activities';

/**
 * Failure types of a send that retrying cannot cure: the mail server refused it, or its input is
 * invalid (sendNotification's own check, or an invitation's attendees: activities/parse-input.ts).
 */
const PERMANENT_NOTIFICATION_FAILURES: readonly string[] = ['NotificationRejected', 'InvalidNotificationInput', 'InvalidActivityInput'];

/** The message of a notification's permanent failure; undefined for anything else. */
export function permanentNotificationFailure(error: unknown): string | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  return PERMANENT_NOTIFICATION_FAILURES.includes(error.cause.type ?? '') ? error.cause.message : undefined;
}

type NotificationSummary = Pick<NotificationInput, 'idempotencyKey' | 'taskId' | 'kind' | 'to' | 'addressedTo'>;

/**
 * Runs a send (sendNotification, sendConversationInvitation); on a permanent failure records
 * `notification.failed` (task, kind, the launch's recipients, the addressed roles, error) with `event` and returns false.
 * Other failures are the activity's retries' business and still propagate.
 */
export async function deliverOrRecordFailure(
  notification: NotificationSummary,
  send: () => Promise<unknown>,
  event: (type: string, data: Record<string, unknown>) => EventRecord,
): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    const message = permanentNotificationFailure(error);
    if (message === undefined) throw error;
    await activities.recordEvent(
      event('notification.failed', {
        idempotencyKey: notification.idempotencyKey,
        ...(notification.taskId ? { taskId: notification.taskId } : {}),
        kind: notification.kind,
        recipients: notification.to,
        ...(notification.addressedTo ? { roles: notification.addressedTo.map(({ role, organisation }) => ({ role, organisation })) } : {}),
        error: message,
      }),
    );
    return false;
  }
}

/** sendNotification, with a permanent failure recorded instead of thrown. */
export function sendNotificationOrRecordFailure(input: NotificationInput, event: (type: string, data: Record<string, unknown>) => EventRecord): Promise<boolean> {
  return deliverOrRecordFailure(input, () => activities.sendNotification(input), event);
}
