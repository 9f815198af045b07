import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * Recording and notifying are short I/O; retried until the database or SMTP server is back. A failure
 * retrying cannot cure is not retried: invalid input, a record that does not exist
 * (activities/permanent-failures.ts; the workflow records it with workflows/shared/record-failures.ts and
 * goes on), a notification the mail server refused for good
 * (activities/send-notification.ts; the workflow records it with workflows/shared/notifications.ts and goes on).
 */
const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  maximumInterval: '5 minutes',
  nonRetryableErrorTypes: ['InvalidActivityInput', 'InvalidNotificationInput', 'NotificationRejected', 'RecordNotFound'],
};

const remote = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

/**
 * The records (one or two SQL statements each, idempotent on their ids) run as local activities: in the
 * worker that runs the workflow task, with their result written to the history as a marker when that
 * task completes. No activity task goes through the server, and an Update that records its change
 * answers in the workflow task that took it. What is recorded, and when the workflow moves on, does not
 * change: the workflow still waits for the row, and a crash before the marker runs the write again
 * (every record is written once per id). Mail stays an ordinary activity: as a local activity it would
 * run inside the workflow task that answers an Update, so completing a task would wait for the next
 * task's SMTP hand-off (54 ms against 30 ms in the lifecycle benchmark), and a mail server that is down
 * would hold people's Updates for as long as its retries run, where now only the mail waits. Its
 * exactly-once claim (activities/send-notification.ts) keeps its lease of twice the timeout below.
 *
 * Retries of a database that is down: within `localRetryThreshold` the worker retries in place and keeps
 * the workflow task alive; longer back-offs become a timer in the history, as Temporal does for local
 * activities (https://docs.temporal.io/local-activity).
 */
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute', localRetryThreshold: '1 minute', retry } satisfies LocalActivityOptions);

/**
 * Asked at every record. A run whose history was written before this change (records as activity tasks)
 * replays them as such; from the first workflow task under this code on, the run records locally.
 */
export const LOCAL_RECORDS_PATCH = 'records-as-local-activities';

type RecordName = {
  [K in keyof Activities]: K extends `record${string}` ? K : never;
}[keyof Activities];

/**
 * The local record in flight in this workflow, if any (workflow modules are loaded once per workflow
 * execution, so this is the execution's own). Local records run one after another: during replay the
 * SDK resolves a local activity from its marker at once, so two in flight together (an Update handler's
 * and the main loop's) could resume in another order than they did, and their commands with them
 * (the same class of bug as temporalio/sdk-python#1573). One at a time, each resolves in an activation
 * of its own, in replay as when it ran.
 */
let inFlight: Promise<unknown> = Promise.resolve();

function oneAfterAnother<T>(write: () => Promise<T>): Promise<T> {
  const written = inFlight.then(write);
  inFlight = written.then(
    () => undefined,
    () => undefined,
  );
  return written;
}

function recordedWhereDecided<K extends RecordName>(name: K): Activities[K] {
  const viaWorker = local[name] as unknown as (...args: unknown[]) => Promise<unknown>;
  const viaServer = remote[name] as unknown as (...args: unknown[]) => Promise<unknown>;
  return ((...args: unknown[]) => (patched(LOCAL_RECORDS_PATCH) ? oneAfterAnother(() => viaWorker(...args)) : viaServer(...args))) as Activities[K];
}

export const activities: Activities = {
  recordEvent: recordedWhereDecided('recordEvent'),
  recordTask: recordedWhereDecided('recordTask'),
  recordTenderLaunched: recordedWhereDecided('recordTenderLaunched'),
  recordTenderState: recordedWhereDecided('recordTenderState'),
  recordAwards: recordedWhereDecided('recordAwards'),
  recordObjection: recordedWhereDecided('recordObjection'),
  recordContract: recordedWhereDecided('recordContract'),
  recordContractStatus: recordedWhereDecided('recordContractStatus'),
  recordAccountabilityOutcome: recordedWhereDecided('recordAccountabilityOutcome'),
  recordSupplementary: recordedWhereDecided('recordSupplementary'),
  sendNotification: remote.sendNotification,
  sendConversationInvitation: remote.sendConversationInvitation,
  assembleMidtermEvidence: remote.assembleMidtermEvidence,
};
