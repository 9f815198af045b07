import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { permanentNotificationFailure } from '../../workflows/shared/notifications';

const failed = (type: string) =>
  new ActivityFailure('activity failed', 'sendConversationInvitation', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', ApplicationFailure.create({ type, message: `${type}: because` }));

describe('permanentNotificationFailure', () => {
  it('takes a refused mail and an invalid send (an invitation with an invalid attendee) as failed for good', () => {
    expect(permanentNotificationFailure(failed('NotificationRejected'))).toBe('NotificationRejected: because');
    expect(permanentNotificationFailure(failed('InvalidNotificationInput'))).toBe('InvalidNotificationInput: because');
    expect(permanentNotificationFailure(failed('InvalidActivityInput'))).toBe('InvalidActivityInput: because');
  });

  it('leaves every other failure to the activity\'s retries', () => {
    expect(permanentNotificationFailure(failed('NotificationInFlight'))).toBeUndefined();
    expect(permanentNotificationFailure(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});
