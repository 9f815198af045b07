/**
 * Which worker did a workflow's work, read from its history: Temporal records the identity of the
 * worker on every completed workflow task and every started activity. A worker whose identity is not
 * set has the SDK's default, `<pid>@<hostname>`, so each worker process has its own.
 */
import os from 'node:os';
import type { Client } from '@temporalio/client';

export interface WorkRecord {
  workflowId: string;
  /** The identity on each WorkflowTaskCompleted, in history order. */
  workflowTasks: string[];
  /** The identity on each ActivityTaskStarted (the attempt that closed), in history order. */
  activities: string[];
  /** WorkflowTaskFailed events: a nondeterminism or a bug, never a worker that died (that times out). */
  failedWorkflowTasks: number;
}

/** The default identity of the worker in process `pid` on this machine (@temporalio/worker's worker options). */
export function defaultWorkerIdentity(pid: number): string {
  return `${pid}@${os.hostname()}`;
}

/** Who completed the workflow tasks and ran the activities of the workflow's latest run. */
export async function workRecord(client: Client, workflowId: string): Promise<WorkRecord> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const record: WorkRecord = { workflowId, workflowTasks: [], activities: [], failedWorkflowTasks: 0 };
  for (const event of history.events ?? []) {
    if (event.workflowTaskCompletedEventAttributes) record.workflowTasks.push(event.workflowTaskCompletedEventAttributes.identity ?? '');
    if (event.activityTaskStartedEventAttributes) record.activities.push(event.activityTaskStartedEventAttributes.identity ?? '');
    if (event.workflowTaskFailedEventAttributes) record.failedWorkflowTasks++;
  }
  return record;
}

/** The workflow's tasks went from `from` to `to`: a workflow task completed by `to` after one completed by `from`. */
export function handedOver(record: WorkRecord, from: string, to: string): boolean {
  const first = record.workflowTasks.indexOf(from);
  return first >= 0 && record.workflowTasks.indexOf(to, first + 1) > first;
}
