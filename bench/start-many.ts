/** Starting many workflows and waiting for their first workflow tasks: shared by the scale benchmarks. */
import type { Client } from '@temporalio/client';

/** Runs `work` on every item with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

/**
 * Until every workflow has had its first workflow task processed (re-describing the rest, `limit`
 * describes in flight): closed, or a history past WorkflowTaskCompleted with no workflow task pending.
 */
export async function waitForFirstTasks(client: Client, workflowIds: string[], limit: number): Promise<number> {
  let rest = workflowIds;
  let rounds = 0;
  for (; rest.length > 0; rounds++) {
    if (rounds > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const pending: string[] = [];
    await pool(rest, limit, async (workflowId) => {
      const d = await client.workflow.getHandle(workflowId).describe();
      const processed = d.status.name !== 'RUNNING' || (d.historyLength >= 4 && d.raw.pendingWorkflowTask == null);
      if (!processed) pending.push(workflowId);
    });
    rest = pending;
    if (rounds > 600) throw new Error(`${rest.length} workflows without a processed first task`);
  }
  return rounds;
}
