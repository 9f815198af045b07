/**
 * A signal that reaches a real server while the workflow task that closes the workflow runs: the
 * production half of why the replay check after each workflow test (test/helpers/replay-every-workflow.ts)
 * stops at a workflow task the test server failed for an unhandled command.
 *
 * A workflow holds in its first workflow task (a local activity the test holds) and then returns;
 * a signal reaches the server meanwhile, so the completion that closes the workflow meets an event
 * the workflow has not seen. The dev server fails that workflow task (UNHANDLED_COMMAND) and
 * refuses the completion, so the worker drops the run from its cache and runs it again from its
 * history, the signal included: the signal is handled before the workflow returns, and the history
 * replays. The test server's half (a history that does not replay) is test/workflow/replay.test.ts,
 * on a history kept from a loaded run: this small workflow on the test server usually replays too,
 * because the worker drops the run it believes completed before the next workflow task comes.
 */
import { randomUUID } from 'node:crypto';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { quietLogger } from '../helpers/regie-worker';
import { isUnhandledCommandFailure } from '../helpers/replay-every-workflow';
import { createDevServerEnv } from '../helpers/temporal';
import { type HoldActivities, holdThenReturn, pokeSignal } from './fixtures/signal-while-completing';

let bundle: WorkflowBundle;

beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/signal-while-completing'), logger: quietLogger });
});

interface Outcome {
  result: string[];
  history: temporal.api.history.v1.IHistory;
}

/** Runs the workflow with a signal sent while its closing workflow task holds. */
async function signalWhileCompleting(env: TestWorkflowEnvironment): Promise<Outcome> {
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const activities: HoldActivities = {
    hold: async () => {
      holding();
      await released;
    },
    note: async () => undefined,
  };
  const taskQueue = `unhandled-command-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: bundle, activities });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start(holdThenReturn, { taskQueue, workflowId: `hold-${randomUUID()}` });
    await held;
    await handle.signal(pokeSignal);
    release();
    const result = await handle.result();
    return { result, history: await handle.fetchHistory() };
  });
}

function unhandledCommandFailures(history: temporal.api.history.v1.IHistory): number {
  return (history.events ?? []).filter(isUnhandledCommandFailure).length;
}

test('a real server refuses the completion: the worker runs the signal before returning, and the history replays', async () => {
  const env = await createDevServerEnv();
  try {
    const { result, history } = await signalWhileCompleting(env);
    expect(unhandledCommandFailures(history)).toBe(1);
    expect(result).toEqual(['poked']);
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history)).resolves.toBeUndefined();
  } finally {
    await env.teardown();
  }
});
