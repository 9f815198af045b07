/**
 * After each workflow test: every run on the test's server, open or closed, replayed on the workflow
 * code the worker ran. A test's workflows ran with the worker's cache, so their code was never
 * replayed; a difference between running and replaying (commands in another order, as two local
 * activities resolving together would give) would only show when a worker restarts, months later in
 * production. Here it fails the test that caused it.
 */
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

/** Replays every run; throws naming each that does not replay deterministically. */
export async function replayEveryWorkflow(env: TestWorkflowEnvironment, workflowBundle: WorkflowBundle): Promise<number> {
  const runs = await everyRun(env);
  async function* histories() {
    for (const { workflowId, runId } of runs) yield { workflowId, history: await env.client.workflow.getHandle(workflowId, runId).fetchHistory() };
  }
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories())) {
    if (result.error instanceof DeterminismViolationError) failures.push(`${result.workflowId} (run ${result.runId}): ${result.error.message}`);
  }
  if (failures.length) throw new Error(`Runs that do not replay on the code that ran them:\n${failures.join('\n')}`);
  return runs.length;
}
