import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * Recording and notifying are short I/O; retried until the database or SMTP server is back. A failure
 * retrying cannot cure is not retried: invalid input, a record that does not exist
 * (activities/permanent-failures.ts; the workflow records it with workflows/shared/record-failures.ts and
 * goes on), a notification the mail server refused for good
 * (activities/send-notification.ts; the workflow records it with workflows/shared/notifications.ts and goes on).
 */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['InvalidActivityInput', 'InvalidNotificationInput', 'NotificationRejected', 'RecordNotFound'],
  },
});
