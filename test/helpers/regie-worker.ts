/**
 * A regie worker on a test Temporal server, with a real database and a real SMTP server on
 * loopback. One workflow bundle and one running worker per test file.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer } from '../../mail/transport';
import { createRegieWorker } from '../../worker/create-worker';
import { createTestDatabase } from './database';

export interface Harness {
  env: TestWorkflowEnvironment;
  worker: Worker;
  taskQueue: string;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  mail: MailCapture;
  close(): Promise<void>;
}

export async function startHarness(env: TestWorkflowEnvironment): Promise<Harness> {
  const [db, mail, bundle] = await Promise.all([
    createTestDatabase(),
    startMailCapture({ port: 0 }),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger }),
  ]);
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createRegieWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { prisma: db.prisma, mailer: createMailer({ smtpUrl: mail.url }) },
    workflowBundle: bundle,
  });
  // The worker runs for the whole test file; a failure of its own surfaces in close().
  const running = worker.run();
  return {
    env,
    worker,
    taskQueue,
    db,
    mail,
    async close() {
      worker.shutdown();
      await running;
      await mail.stop();
      await db.drop();
      await env.teardown();
    },
  };
}

/** Bundler output only when something is wrong. */
export const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
