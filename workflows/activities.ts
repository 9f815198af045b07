import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Recording and notifying are short I/O; retried until the database or SMTP server is back. */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['InvalidActivityInput', 'InvalidNotificationInput'] },
});
