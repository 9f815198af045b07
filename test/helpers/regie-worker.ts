/**
 * A regie worker on a test Temporal server, with a real database and a real SMTP server on
 * loopback. The database, mail server and workflow bundle are made once per test file; a Temporal
 * environment with its running worker can be made per test (time skipping is global to an
 * environment, so tests that skip time each get their own).
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { bundleWorkflowCode, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer } from '../../mail/transport';
import { createRegieWorker, type RegieWorkerOptions } from '../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from './database';
import { replayEveryWorkflow } from './replay-every-workflow';

export interface TestServices {
  db: TestDatabase;
  mail: MailCapture;
  bundle: WorkflowBundle;
  close(): Promise<void>;
}

export interface Harness extends Omit<TestServices, 'close'> {
  env: TestWorkflowEnvironment;
  worker: Worker;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startTestServices(): Promise<TestServices> {
  const [db, mail, bundle] = await Promise.all([
    createTestDatabase(),
    startMailCapture({ port: 0 }),
    bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger }),
  ]);
  return {
    db,
    mail,
    bundle,
    async close() {
      await mail.stop();
      await db.drop();
    },
  };
}

/** A running worker on `env`; close() stops the worker and tears the environment down. */
export async function startWorkerOn(env: TestWorkflowEnvironment, services: TestServices, { interceptors }: Pick<RegieWorkerOptions, 'interceptors'> = {}): Promise<Harness> {
  const taskQueue = `test-${randomUUID()}`;
  const mailer = createMailer({ smtpUrl: services.mail.url });
  const worker = await createRegieWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { prisma: services.db.prisma, mailer },
    workflowBundle: services.bundle,
    ...(interceptors ? { interceptors } : {}),
  });
  const running = worker.run();
  return {
    ...services,
    env,
    worker,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      mailer.transporter.close();
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

/**
 * Registers the hooks of a workflow test file: the database, mail server and bundle once per file,
 * and a fresh time-skipping server with a running worker per test (time skipping is global to an
 * environment). Returns the current test's harness.
 */
export function useTimeSkippingWorker(createEnv: () => Promise<TestWorkflowEnvironment>): () => Harness {
  let services: TestServices | undefined;
  let harness: Harness | undefined;
  beforeAll(async () => {
    services = await startTestServices();
  });
  afterAll(async () => {
    await services?.close();
  });
  beforeEach(async () => {
    harness = await startWorkerOn(await createEnv(), services!);
  });
  afterEach(async () => {
    try {
      // Every run of the test replayed on the code that ran it (test/helpers/replay-every-workflow.ts).
      if (harness) await replayEveryWorkflow(harness.env, services!.bundle);
    } finally {
      await harness?.close();
      harness = undefined;
    }
  });
  return () => harness!;
}
