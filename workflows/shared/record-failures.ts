/**
 * A record that does not exist (activities/permanent-failures.ts: RecordNotFound) is not retried and
 * does not fail the workflow: the workflow records a `record.failed` event (the activity, the record's
 * id, the error, and the event the activity was meant to record), shown to managers at
 * GET /overview/failures, and goes on. An eight-year contract term never dies of a missing row.
 */
import { ActivityFailure, ApplicationFailure, patched } from '@temporalio/workflow';
import type { RecordNotFound } from '../../activities/permanent-failures';
import type { EventRecord, RecordContractStatusInput, RecordTenderStateInput } from '../../activities/schemas/records';
import { activities } from './activities';
import { now } from './clock';

/** The failure type of activities/permanent-failures.ts (workflows import activities as types only). */
const RECORD_NOT_FOUND: typeof RecordNotFound = 'RecordNotFound';

/**
 * Asked before every write. Runs before this change awaited the activity itself: the catch resumes
 * the caller a microtask later, which can order the commands of one activation differently (an
 * Update's completion before the main loop's next activity), so those runs replay as they ran.
 */
export const RECORD_FAILURES_PATCH = 'record-failures-recorded';

/**
 * The message of a RecordNotFound failure of an activity; undefined for anything else. An activity
 * task's failure reaches the workflow as an ActivityFailure caused by the activity's ApplicationFailure;
 * a local activity's (the records, workflows/shared/activities.ts) as that ApplicationFailure itself.
 */
export function recordNotFoundFailure(error: unknown): string | undefined {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  if (!(failure instanceof ApplicationFailure)) return undefined;
  return failure.type === RECORD_NOT_FOUND ? failure.message : undefined;
}

interface RecordWrite {
  /** The activity's name, as the overview shows it. */
  activity: string;
  /** The id of the row the activity updates. */
  recordId: string;
  /** The event the activity records with its change. */
  event: EventRecord;
  /**
   * The organisations answerable for the record (a contract's or tender's commissioners, with the
   * municipalities a purchasing body acts for): their managers see the failure even when the row is gone.
   */
  owners?: readonly string[];
}

/**
 * Runs `write`; when its record does not exist, records `record.failed` and resolves. Other failures
 * are the activity's retries' business and still propagate.
 */
export function writeOrRecordFailure(record: RecordWrite, write: () => Promise<void>): Promise<void> {
  if (!patched(RECORD_FAILURES_PATCH)) return write();
  return recordNotFoundAsFailure(record, write);
}

async function recordNotFoundAsFailure({ activity, recordId, event, owners }: RecordWrite, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const message = recordNotFoundFailure(error);
    if (message === undefined) throw error;
    await activities.recordEvent({
      // Derived from the intended event's id: a retried recordEvent writes it once.
      id: `${event.id}:record.failed`,
      workflowId: event.workflowId,
      ...(event.tenderId ? { tenderId: event.tenderId } : {}),
      ...(event.contractId ? { contractId: event.contractId } : {}),
      type: 'record.failed',
      data: {
        activity,
        recordId,
        error: message,
        event: { id: event.id, type: event.type, data: event.data ?? {}, ...(event.actor ? { actor: event.actor } : {}), occurredAt: event.occurredAt },
        ...(owners?.length ? { owners: [...owners] } : {}),
      },
      occurredAt: now().toISOString(),
    });
  }
}

/** recordContractStatus; a contract row that does not exist is recorded as `record.failed` instead of thrown. */
export function recordContractStatusOrFailure(input: RecordContractStatusInput, owners?: readonly string[]): Promise<void> {
  return writeOrRecordFailure({ activity: 'recordContractStatus', recordId: input.contractId, event: input.event, owners }, () => activities.recordContractStatus(input));
}

/** recordTenderState; a tender row that does not exist is recorded as `record.failed` instead of thrown. */
export function recordTenderStateOrFailure(input: RecordTenderStateInput, owners?: readonly string[]): Promise<void> {
  return writeOrRecordFailure({ activity: 'recordTenderState', recordId: input.tenderId, event: input.event, owners }, () => activities.recordTenderState(input));
}
