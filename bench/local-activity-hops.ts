/**
 * What one local activity costs inside the worker, against a remote one: workflows that do nothing
 * but await activities one after another (bench/workflows/local-hops.ts), on the time-skipping test
 * server the lifecycle benchmark uses. A no-op local activity, a no-op activity task, and regie's
 * recordEvent as a local activity (its write to a fresh migrated database included). With the
 * activity costs on their own (bench/activity-costs.ts), this tells how much of a local record's time
 * in the lifecycle benchmark is the hop and the write, and how much is spent around them. Prints ms
 * per call, and a summary line per figure for `npm run bench`.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/local-activity-hops.ts
 *
 * BENCH_CALLS (300) calls per workflow, each workflow run twice (the first warms up). A benchmark, not a test.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { startMailCapture } from '../mail/capture-server';
import { createMailer } from '../mail/transport';
import { createTestDatabase } from '../test/helpers/database';
import { quietLogger } from '../test/helpers/regie-worker';
import { createTimeSkippingEnv } from '../test/helpers/temporal';
import { createNoopActivities } from './workflows/noop-activities';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);

Runtime.install({ logger: new DefaultLogger('WARN') });

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const mail = await startMailCapture();
  const env = await createTimeSkippingEnv();
  try {
    const regie = createActivities({ prisma: db.prisma, mailer: createMailer({ smtpUrl: mail.url }) });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows/local-hops'), logger: quietLogger });
    const taskQueue = `bench-hops-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities: { ...createNoopActivities(), recordEvent: regie.recordEvent } });
    const event = { workflowId: 'wf-bench-hops', type: 'task.reminderSent', data: { taskId: 'task-1', daysBefore: 14 }, occurredAt: new Date().toISOString() };
    const summary: string[] = [];
    await worker.runUntil(async () => {
      console.log(`local activity hops: ${CALLS} calls per workflow, one after the other, on the time-skipping server`);
      for (const [label, workflow, args] of [
        ['no-op local activity', 'localNoops', (_: string) => [CALLS]],
        ['no-op activity task', 'remoteNoops', (_: string) => [CALLS]],
        ['recordEvent as a local activity', 'localRecordEvents', (prefix: string) => [CALLS, prefix, event]],
      ] as const) {
        let perCall = 0;
        for (let run = 0; run < 2; run++) {
          const started = performance.now();
          await env.client.workflow.execute(workflow, { taskQueue, workflowId: `bench-hops-${randomUUID()}`, args: args(`event-${randomUUID()}`) });
          perCall = (performance.now() - started) / CALLS;
        }
        console.log(`${label.padEnd(34)} ${perCall.toFixed(2)} ms per call (second run)`);
        summary.push(`${label}, per call: ${perCall.toFixed(2)} ms   baseline: —`);
      }
    });
    console.log(summary.join('\n'));
  } finally {
    await env.teardown();
    await mail.stop();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
