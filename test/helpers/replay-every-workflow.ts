/**
 * After each workflow test: every run on the test's server, open or closed, replayed on the workflow
 * code the worker ran. A test's workflows ran with the worker's cache, so their code was never
 * replayed; a difference between running and replaying (commands in another order, as two local
 * activities resolving together would give) would only show when a worker restarts, months later in
 * production. Here it fails the test that caused it.
 *
 * One exception, of the test server's making: a workflow task that closes the workflow while a
 * signal waits at the server. A real server refuses that completion with an `UnhandledCommand`
 * error, so the worker drops the run from its cache and runs it again, signal first
 * (temporalio/sdk-rust#211, then sdk-core, fixed by #212; test/integration/unhandled-command-replay.test.ts).
 * The Java test server fails the task in the history but answers the worker "completed"
 * (TestWorkflowMutableStateImpl.completeWorkflowTask, temporal-test-server 1.31.0). The worker may
 * then keep the run that has already returned, hand it the signal after its end and send the same
 * completion again: a history no real server writes, and one no worker can replay when the signal
 * handler records something (kept in test/workflow/fixtures/test-server-unhandled-command.json,
 * replayed in test/workflow/replay.test.ts). Such a run is replayed up to that workflow task.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

interface Execution {
  workflowId: string;
  runId: string;
}

/** Every run the server knows (the test server answers the list calls without a visibility store). */
async function everyRun(env: TestWorkflowEnvironment): Promise<Execution[]> {
  const namespace = env.namespace ?? 'default';
  const service = env.client.workflowService;
  const runs: Execution[] = [];
  const collect = (executions: { execution?: { workflowId?: string | null; runId?: string | null } | null }[] | null | undefined) => {
    for (const e of executions ?? []) if (e.execution?.workflowId && e.execution.runId) runs.push({ workflowId: e.execution.workflowId, runId: e.execution.runId });
  };
  for (let token: Uint8Array | undefined, first = true; first || token?.length; first = false) {
    const page = await service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1000, nextPageToken: token });
    collect(page.executions);
    token = page.nextPageToken ?? undefined;
  }
  for (let token: Uint8Array | undefined, first = true; first || token?.length; first = false) {
    const page = await service.listClosedWorkflowExecutions({ namespace, maximumPageSize: 1000, nextPageToken: token });
    collect(page.executions);
    token = page.nextPageToken ?? undefined;
  }
  return runs;
}

type History = temporal.api.history.v1.IHistory;

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** A workflow task the server failed because the workflow closed while an event waited for it. */
export function isUnhandledCommandFailure(event: temporal.api.history.v1.IHistoryEvent): boolean {
  return event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED && event.workflowTaskFailedEventAttributes?.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND;
}

/**
 * The part of a test server's history that a real server would have written too: all of it, or
 * the events before the first workflow task failed for an unhandled command (see above).
 */
export function replayableOnTestServer(history: History): History {
  const events = history.events ?? [];
  const failure = events.find(isUnhandledCommandFailure);
  if (!failure) return history;
  const scheduledId = Number(failure.workflowTaskFailedEventAttributes?.scheduledEventId);
  return { ...history, events: events.filter((e) => Number(e.eventId) < scheduledId) };
}

/** Where a history that failed its replay is kept, to read or to replay again: test-results/replay-failures/. */
export const REPLAY_FAILURES_DIR = path.join(__dirname, '../../test-results/replay-failures');

function keep(workflowId: string, runId: string, history: History): string {
  mkdirSync(REPLAY_FAILURES_DIR, { recursive: true });
  const file = path.join(REPLAY_FAILURES_DIR, `${workflowId}-${runId}.json`);
  writeFileSync(file, historyToJSON(history));
  return file;
}

/** Replays every run; throws naming each that does not replay deterministically (its history kept in REPLAY_FAILURES_DIR). */
export async function replayEveryWorkflow(env: TestWorkflowEnvironment, workflowBundle: WorkflowBundle): Promise<number> {
  const runs = await everyRun(env);
  const fetched = new Map<string, History>();
  async function* histories() {
    for (const { workflowId, runId } of runs) {
      const history = replayableOnTestServer(await env.client.workflow.getHandle(workflowId, runId).fetchHistory());
      fetched.set(runId, history);
      yield { workflowId, history };
    }
  }
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories())) {
    if (!(result.error instanceof DeterminismViolationError)) continue;
    const history = fetched.get(result.runId);
    const kept = history ? ` (history: ${keep(result.workflowId, result.runId, history)})` : '';
    failures.push(`${result.workflowId} (run ${result.runId}): ${result.error.message}${kept}`);
  }
  if (failures.length) throw new Error(`Runs that do not replay on the code that ran them:\n${failures.join('\n')}`);
  return runs.length;
}
