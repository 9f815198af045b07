/**
 * Where one Update's time goes: the provider delivering an accountability report (completeTask on a
 * fresh accountability cycle), on the time-skipping server with a real database and mail capture, as in
 * the lifecycle benchmark. The Update answers when its workflow task completes, and that task also runs
 * the cycle's next step: the report's completion is recorded, then the conversation task is opened and
 * recorded (two local activities), then the mail to its owner is scheduled.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/update-anatomy.ts
 *   BENCH_TRACE=1 …: also the worker's timeline of the last Update (slower: every activation is logged)
 *
 * BENCH_CYCLES (20) cycles. Every second cycle first receives a refused Update (an empty outcome), which
 * loads the request schemas (zod) in that workflow: the two halves tell what loading them costs a
 * workflow's first Update. Prints the client's latency per half, the Update's workflow task (Started to
 * Completed, from the history) and each local record's run in the worker. Then the same for the
 * lifecycle benchmark's baseline (bench/workflows/baseline.ts) on the same server, with a worker of its
 * own: BENCH_CYCLES of its `act` Updates, each awaiting one no-op activity task. The timelines come
 * from the SDK core's debug log and the worker's trace log: when the server's task arrived, each
 * activation's time from the worker's main thread to the workflow thread and back, each activity, and
 * the completion sent to the server. A benchmark, not a test.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type LogEntry, Runtime, Worker } from '@temporalio/worker';
import { toIsoDate } from '../domain/dates';
import { accountabilityWorkflowId, completeAccountabilityTaskUpdate } from '../workflows/accountability-cycle/accountability-definitions';
import { contractContact, quarterCycleInput } from '../test/fixtures/accountability';
import { type CycleHandle, waitForCycle } from '../test/helpers/accountability-driver';
import { quietLogger, startTestServices, startWorkerOn } from '../test/helpers/regie-worker';
import { createTimeSkippingEnv } from '../test/helpers/temporal';
import { waitUntilIdle } from '../test/helpers/tender-driver';
import { activityTiming } from './activity-timing';
import { actUpdate, type timersAndActivitiesWorkflow } from './workflows/baseline';
import { createNoopActivities } from './workflows/noop-activities';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 20);
const TRACE = process.env.BENCH_TRACE === '1';

/** The log lines of the worker's timeline, by the start of their message. */
const TIMELINE = ['Applying new workflow task', 'Got workflow activation', 'Completed activation', 'Queuing local activity', 'Activity started', 'Activity completed', 'Sending responses to server', 'Marking WFT completed'];
const logged: { atMs: number; message: string; activityType?: string }[] = [];
Runtime.install(
  TRACE
    ? {
        logger: new DefaultLogger('TRACE', (entry: LogEntry) => {
          if (!TIMELINE.some((start) => entry.message.startsWith(start))) return;
          logged.push({ atMs: Number(entry.timestampNanos / 1000n) / 1000, message: entry.message, activityType: entry.meta?.activityType as string | undefined });
        }),
        telemetryOptions: { logging: { forward: {}, filter: 'temporalio_sdk_core=DEBUG' } },
      }
    : { logger: new DefaultLogger('WARN') },
);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The Update's workflow task, Started to Completed: the one followed by its WorkflowExecutionUpdateAccepted. */
async function updateTaskMs(handle: CycleHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  const [started, completed] = [events[accepted - 2], events[accepted - 1]];
  return tsToMs(completed?.eventTime) - tsToMs(started?.eventTime);
}

interface Sent {
  sentAtMs: number;
  tookMs: number;
}

async function printTimeline(title: string, { sentAtMs, tookMs }: Sent): Promise<void> {
  await delay(1_500); // the core's log lines are forwarded in batches
  const window = logged.filter((l) => l.atMs >= sentAtMs && l.atMs <= sentAtMs + tookMs + 5).sort((a, b) => a.atMs - b.atMs);
  console.log(`\ntimeline of ${title} in the worker (ms after the client sent it):`);
  let activationFrom: number | undefined;
  let inWorkflowThread = 0;
  let activations = 0;
  for (const line of window) {
    const at = line.atMs - sentAtMs;
    console.log(`  ${at.toFixed(1).padStart(6)}  ${line.message}${line.activityType ? ` (${line.activityType})` : ''}`);
    if (line.message.startsWith('Got workflow activation')) activationFrom = at;
    if (line.message.startsWith('Completed activation') && activationFrom !== undefined) {
      inWorkflowThread += at - activationFrom;
      activations++;
      activationFrom = undefined;
    }
  }
  console.log(`  ${activations} activations, ${ms(inWorkflowThread)} from the activation to its completion in all`);
}

/** The client's time for one Update, and when it was sent (for the timeline). */
async function timedUpdate(send: () => Promise<unknown>): Promise<Sent> {
  const sentAtMs = Date.now();
  const t0 = performance.now();
  await send();
  return { sentAtMs, tookMs: performance.now() - t0 };
}

/** The baseline workflow's `act` Updates on `env`, on a worker of its own; returns the last. */
async function baselineUpdates(env: TestWorkflowEnvironment): Promise<Sent> {
  const taskQueue = `bench-update-baseline-${randomUUID()}`;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows/baseline'), logger: quietLogger });
  const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle, activities: createNoopActivities() });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof timersAndActivitiesWorkflow>('timersAndActivitiesWorkflow', {
      taskQueue,
      workflowId: `bench-update-baseline-${randomUUID()}`,
      args: [{ timers: 1, activities: 0, totalMs: 365 * 24 * 60 * 60 * 1000 }],
    });
    await waitUntilIdle([handle]);
    const updates: Sent[] = [];
    for (let i = 0; i < CYCLES; i++) {
      updates.push(await timedUpdate(() => handle.executeUpdate(actUpdate)));
      await waitUntilIdle([handle]);
    }
    await handle.terminate('benchmark');
    const took = updates.map((u) => u.tookMs);
    console.log(`  the baseline's act Update (one no-op activity task): median ${ms(median(took))} (${took.map((t) => t.toFixed(0)).join(' ')})`);
    return updates[updates.length - 1]!;
  });
}

async function main(): Promise<void> {
  const services = await startTestServices();
  const timing = activityTiming();
  const h = await startWorkerOn(await createTimeSkippingEnv(), services, { interceptors: timing.interceptors });
  const first: number[] = [];
  const loaded: number[] = [];
  const tasks: number[] = [];
  let last: Sent = { sentAtMs: 0, tookMs: 0 };
  try {
    for (let i = 0; i < CYCLES; i++) {
      const input = quarterCycleInput(toIsoDate(new Date(await h.env.currentTimeMs())));
      const handle: CycleHandle = await h.env.client.workflow.start('accountabilityCycleWorkflow', { taskQueue: h.taskQueue, workflowId: accountabilityWorkflowId(input.contractId, 1), args: [input] });
      const report = (await waitForCycle(handle, (v) => v.tasks.length === 1)).tasks[0]!;
      await waitUntilIdle([handle]);
      const loadFirst = i % 2 === 1;
      if (loadFirst) {
        await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: '' }] }).catch(() => undefined);
        await waitUntilIdle([handle]);
      }
      last = await timedUpdate(() => handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: 'Rapportage aangeleverd' }] }));
      (loadFirst ? loaded : first).push(last.tookMs);
      await waitUntilIdle([handle]);
      tasks.push(await updateTaskMs(handle));
      await handle.terminate('benchmark');
    }
    console.log(`update anatomy (npx tsx bench/update-anatomy.ts): the provider completes the report of a fresh accountability cycle, ${CYCLES} cycles${TRACE ? ', every activation logged (BENCH_TRACE=1)' : ''}`);
    console.log(`  the workflow's first Update: median ${ms(median(first))} (${first.map((t) => t.toFixed(0)).join(' ')})`);
    console.log(`  after a refused Update loaded the request schemas: median ${ms(median(loaded))} (${loaded.map((t) => t.toFixed(0)).join(' ')})`);
    console.log(`  its workflow task, Started to Completed: median ${ms(median(tasks))}`);
    for (const [type, { ran, waited }] of timing.times) {
      if (type.startsWith('record')) console.log(`  local activity ${type}: ran median ${ms(median(ran))}, waited median ${ms(median(waited))} from scheduled to started`);
    }
    const baseline = await baselineUpdates(h.env);
    if (TRACE) {
      await printTimeline('the last report completion', last);
      await printTimeline("the baseline's last act Update", baseline);
    }
  } finally {
    await h.close();
    await services.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
