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

/** A free TCP port on loopback, for the SDK's Prometheus endpoint. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Workflow tasks the worker has completed on `taskQueue`: the count of the SDK's
 * temporal_workflow_task_execution_latency histogram, read from its Prometheus endpoint (Runtime.install
 * with telemetryOptions.metrics.prometheus). One cheap request instead of describing every workflow,
 * which loads the server the benchmark measures.
 */
export async function workflowTasksCompleted(metricsUrl: string, taskQueue: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('temporal_workflow_task_execution_latency_count{') && line.includes(`task_queue="${taskQueue}"`)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

/** Until the worker has completed `count` workflow tasks on `taskQueue` (polled every 100 ms). */
export async function waitForWorkflowTasks(metricsUrl: string, taskQueue: string, count: number, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let done = 0; done < count; done = await workflowTasksCompleted(metricsUrl, taskQueue)) {
    if (Date.now() > deadline) throw new Error(`${done} of ${count} workflow tasks completed on ${taskQueue} after ${timeoutMs / 1000} s (${metricsUrl})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
