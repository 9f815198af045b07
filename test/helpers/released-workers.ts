/**
 * Workers on a task queue of a test's own, running the workflow code of a released commit
 * (test/workflow/bundles/) or the current code: a workflow started on one release is taken over by
 * the next, as a deployment does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Worker } from '@temporalio/worker';
import { createMailer } from '../../mail/transport';
import { createRegieWorker } from '../../worker/create-worker';
import type { Harness } from './regie-worker';

export interface StartedWorker {
  worker: Worker;
  running: Promise<void>;
  close(): void;
}

/** The workflow code of a released commit, as bundled by scripts/bundle-released-workflows.ts. */
export function releasedBundle(commit: string): string {
  return gunzipSync(fs.readFileSync(path.join(__dirname, '..', 'workflow', 'bundles', `workflows-${commit}.js.gz`))).toString('utf8');
}

/**
 * A worker on `taskQueue` running the workflow code of `commit`, or the current code without it. By
 * default no cache, so no sticky task queue: the next release's worker takes a workflow over at once.
 */
export async function startReleasedWorker(h: Harness, taskQueue: string, commit?: string, { cached = false } = {}): Promise<StartedWorker> {
  const mailer = createMailer({ smtpUrl: h.mail.url });
  const worker = await createRegieWorker({
    connection: h.env.nativeConnection,
    namespace: h.env.namespace ?? 'default',
    taskQueue,
    deps: { prisma: h.db.prisma, mailer },
    ...(commit ? { workflowBundle: { code: releasedBundle(commit) } } : {}),
    ...(cached ? {} : { maxCachedWorkflows: 0 }),
  });
  return { worker, running: worker.run(), close: () => mailer.transporter.close() };
}

export async function stopWorker(started: StartedWorker): Promise<void> {
  if (started.worker.getState() === 'RUNNING') started.worker.shutdown();
  await started.running;
  started.close();
}

/**
 * Workers a test starts on task queues of its own, each stopped after the test. Call it before
 * useTimeSkippingWorker: its hook then runs first, so the workers stop before their server does.
 */
export function useReleasedWorkers(): (h: Harness, taskQueue: string, commit?: string, options?: { cached?: boolean }) => Promise<StartedWorker> {
  const started: StartedWorker[] = [];
  afterEach(async () => {
    for (const worker of started.splice(0)) await stopWorker(worker);
  });
  return async (h, taskQueue, commit, options) => {
    const worker = await startReleasedWorker(h, taskQueue, commit, options);
    started.push(worker);
    return worker;
  };
}
