import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * Time skipping past a child that outlives its parent, on the Java time-skipping test server.
 *
 * The test server's own leak, released where it happens: a child workflow that completes after its
 * parent's run has closed (here: an accountability cycle or the midterm review that outlives the
 * contract year it started in, the contract having continued as new; and the contract term itself,
 * a child of the tender) locks time skipping to notify the parent, and the
 * parent's unlock never comes because that run is closed (TestWorkflowMutableStateImpl
 * processCompleteWorkflowExecution, temporal-test-server 1.31.0). A real server takes no such lock.
 * The driver watches the children it has seen running, during skips too, and unlocks once for each
 * that completed after its parent's run closed.
 */
export class OrphanWatch {
  /** How many locks every watch released, in this process (the lifecycle benchmark prints it). */
  static released = 0;

  private readonly watched = new Map<string, WorkflowHandle>();
  constructor(private readonly env: TestWorkflowEnvironment) {}

  watch(child: WorkflowHandle): void {
    this.watched.set(child.workflowId, child);
  }

  /** Checks every watched child once; forgets those that closed. */
  async release(): Promise<void> {
    for (const [id, child] of [...this.watched]) {
      const closed = await child.describe();
      if (closed.status.name === 'RUNNING' || closed.status.name === 'CONTINUED_AS_NEW') continue;
      this.watched.delete(id);
      const parent = closed.parentExecution;
      if (closed.status.name !== 'COMPLETED' || !parent?.workflowId || !parent.runId || !closed.closeTime) continue;
      const parentRun = await this.env.client.workflow.getHandle(parent.workflowId, parent.runId).describe();
      if (parentRun.closeTime && parentRun.closeTime.getTime() <= closed.closeTime.getTime()) {
        await this.env.connection.testService!.unlockTimeSkipping({});
        OrphanWatch.released++;
      }
    }
  }

  /** Runs release() every 100 ms until `until` settles. */
  async during<T>(until: Promise<T>): Promise<T> {
    let settled = false;
    const result = until.finally(() => (settled = true));
    while (!settled) {
      await Promise.race([result.catch(() => undefined), delay(100)]);
      if (!settled) await this.release();
    }
    return result;
  }
}


/**
 * Skips `ms` of simulated time, releasing the locks of `orphans` as they leak. A safety net for any
 * other leak: when the skip has not returned after 3 real seconds, unlock once more (counted in
 * `stalledSkips`) and keep waiting, at most 5 times.
 */
export const stalledSkips = { count: 0 };
export async function skipReleasingLocks(env: TestWorkflowEnvironment, ms: number, orphans?: OrphanWatch): Promise<void> {
  const sleeping = orphans ? orphans.during(env.sleep(ms)) : env.sleep(ms);
  for (let waited = 0; ; waited++) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), 3_000)));
    const outcome = await Promise.race([sleeping.then(() => 'slept' as const), stalled]);
    clearTimeout(timer);
    if (outcome === 'slept') return;
    if (waited >= 5) throw new Error(`env.sleep(${ms} ms) still waiting after ${waited} extra unlocks`);
    await env.connection.testService!.unlockTimeSkipping({});
    stalledSkips.count++;
  }
}
