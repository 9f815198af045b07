/**
 * What one cached workflow holds in the worker's heap, measured in this process: the worker runs its
 * workflows here (TEMPORAL_DEBUG, the SDK's debug mode, instead of its workflow thread), so the heap
 * can be collected (`--expose-gc`) and read (v8.getHeapStatistics) after BENCH_HEAP_WORKFLOWS (500)
 * workflows each had their first workflow task and sit in the cache (the cache is sized to hold them).
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx --expose-gc bench/workflow-heap.ts
 *
 * Measured, one worker each on one dev server: contract terms, and a workflow that only sleeps (the
 * least a cached workflow holds). Each contract starts 30 days ahead: its first task registers its handlers, plans its agenda
 * and sleeps on its start-date timer. The figure is the heap after the workflows (collected twice)
 * minus the heap after the worker started (its V8 context and the bundle's shared modules), divided
 * by the number of cached workflows. BENCH_HEAP_SNAPSHOT=<dir> also writes a heap snapshot after each
 * phase (open it in Chrome DevTools, Memory). A benchmark, not a test.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDaysTo, toIsoDate } from '../domain/dates';
import { createMailer } from '../mail/transport';
import { contractWorkflowId } from '../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../workflows/contract-term/contract-term';
import { createRegieWorker } from '../worker/create-worker';
import { zaanstadContract } from '../test/fixtures/contract';
import { quietLogger, startTestServices, type TestServices } from '../test/helpers/regie-worker';
import { createDevServerEnv } from '../test/helpers/temporal';
import type { sleepingWorkflow } from './workflows/baseline';
import { createNoopActivities } from './workflows/noop-activities';
import { pool, waitForFirstTasks } from './start-many';

// The SDK's debug mode runs the workflows in this thread, where gc() and the heap statistics reach them.
process.env.TEMPORAL_DEBUG = '1';
Runtime.install({ logger: new DefaultLogger('WARN') });

const WORKFLOWS = Number(process.env.BENCH_HEAP_WORKFLOWS ?? 500);
const CONCURRENCY = 50;
const SNAPSHOT_DIR = process.env.BENCH_HEAP_SNAPSHOT;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc: npx tsx --expose-gc bench/workflow-heap.ts');
if (!Number.isInteger(WORKFLOWS) || WORKFLOWS < 1) throw new Error('BENCH_HEAP_WORKFLOWS must be a positive integer');

function usedHeap(): number {
  gc!();
  gc!();
  return v8.getHeapStatistics().used_heap_size;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface Measured {
  label: string;
  worker: number;
  perWorkflow: number;
  cached: number;
}

async function measure(
  label: string,
  env: TestWorkflowEnvironment,
  createWorker: (taskQueue: string) => Promise<Worker>,
  start: (taskQueue: string, index: number) => Promise<string>,
): Promise<Measured> {
  const taskQueue = `heap-${randomUUID()}`;
  // The previous phase's worker has shut down; give its V8 context a moment to be released.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = usedHeap();
  const worker = await createWorker(taskQueue);
  const running = worker.run();
  try {
    const started = usedHeap();
    const ids: string[] = [];
    await pool(Array.from({ length: WORKFLOWS }, (_, i) => i), CONCURRENCY, async (i) => ids.push(await start(taskQueue, i)));
    await waitForFirstTasks(env.client, ids, CONCURRENCY);
    const after = usedHeap();
    const cached = worker.getStatus().numCachedWorkflows;
    if (SNAPSHOT_DIR) console.log(`  heap snapshot: ${v8.writeHeapSnapshot(path.join(SNAPSHOT_DIR, `${label.replace(/\W+/g, '-')}-${Date.now()}.heapsnapshot`))}`);
    const result = { label, worker: started - before, perWorkflow: (after - started) / Math.max(1, cached), cached };
    console.log(`${label}: worker and its V8 context ${mb(result.worker)}; ${cached} workflows cached, ${mb(after - started)} together, ${kb(result.perWorkflow)} each`);
    return result;
  } finally {
    worker.shutdown();
    await running;
  }
}

async function main(): Promise<void> {
  console.log(`workflow heap benchmark (npx tsx --expose-gc bench/workflow-heap.ts): ${WORKFLOWS} workflows per phase, in-process (TEMPORAL_DEBUG)`);
  const [services, sleepingBundle] = await Promise.all([
    startTestServices(),
    bundleWorkflowCode({ workflowsPath: require.resolve('./workflows/baseline'), logger: quietLogger }),
  ]);
  const env = await createDevServerEnv();
  const mailer = createMailer({ smtpUrl: services.mail.url });
  try {
    const namespace = env.namespace ?? 'default';
    const today = toIsoDate(new Date());
    const regie = (bundle: WorkflowBundle, s: TestServices) => (taskQueue: string) =>
      createRegieWorker({ connection: env.nativeConnection, namespace, taskQueue, deps: { prisma: s.db.prisma, mailer }, workflowBundle: bundle, maxCachedWorkflows: WORKFLOWS + 10 });
    const startContract = async (taskQueue: string, i: number) => {
      const input = { ...zaanstadContract(addDaysTo(today, 30 + (i % 5))), contractId: `heap-${i}-${randomUUID().slice(0, 8)}` };
      const handle = await env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
      return handle.workflowId;
    };
    const results = [
      await measure('contract terms', env, regie(services.bundle, services), startContract),
      await measure('sleeping workflows', env, (taskQueue) => Worker.create({ connection: env.nativeConnection, namespace, taskQueue, workflowBundle: sleepingBundle, activities: createNoopActivities(), maxCachedWorkflows: WORKFLOWS + 10 }), async (taskQueue, i) => {
        const handle = await env.client.workflow.start<typeof sleepingWorkflow>('sleepingWorkflow', { taskQueue, workflowId: `heap-sleeping-${i}-${randomUUID().slice(0, 8)}` });
        return handle.workflowId;
      }),
    ];
    console.log('');
    for (const r of results.slice(0, 1)) console.log(`heap per cached workflow, ${r.label}: ${kb(r.perWorkflow)}   baseline: ${kb(results[1]!.perWorkflow)} (sleeping workflows)`);
  } finally {
    mailer.transporter.close();
    await env.teardown();
    await services.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
