/**
 * The production topology in a test: the API (api/main.ts) and workers (worker/main.ts) as processes of
 * their own, a Temporal dev server, a PostgreSQL server of the test's own and SMTP capture on loopback,
 * with a client that calls the API with Zaanstad's API token (procurement officer and contract manager).
 * Shared by the fault tests (fault-tolerance.test.ts, two-workers.test.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createPrismaClient, type PrismaClient } from '../../db/client';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { type RegieProcess, startRegieProcess } from './child-process';
import { freePort, type PostgresInstance, startPostgresInstance } from './postgres-instance';
import { type ApiTokenHeaders, apiTokenFor } from './principals';
import { createDevServerEnv } from './temporal';

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of several routes
  body: any;
  retryAfter: string | null;
}

export interface ProductionTopology {
  postgres: PostgresInstance;
  temporal: TestWorkflowEnvironment;
  mail: MailCapture;
  prisma: PrismaClient;
  api: RegieProcess;
  /** The workers started so far, in order (killed ones included). */
  workers: RegieProcess[];
  /** Starts one more worker on the same task queue and waits until it runs. */
  startWorker(): Promise<RegieProcess>;
  /** Calls the API as Zaanstad's client (API token). */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer>;
  close(): Promise<void>;
}

/** Starts the topology with `workers` workers on `taskQueue` (all started at once, as replicas are). */
export async function startProductionTopology({ taskQueue, workers: workerCount }: { taskQueue: string; workers: number }): Promise<ProductionTopology> {
  const [postgres, temporal, mail] = await Promise.all([startPostgresInstance(), createDevServerEnv(), startMailCapture({ port: 0 })]);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: mail.url,
    HOST: '127.0.0.1',
    PORT: String(port),
  };
  const api = startRegieProcess('api/main.ts', env);
  // The same entry point each time, with nothing to tell them apart but their process: as replicas run.
  const workers = Array.from({ length: workerCount }, () => startRegieProcess('worker/main.ts', env));
  await Promise.all([api.waitFor(/listening on/), ...workers.map((w) => w.waitFor(/running on/))]);
  const prisma = createPrismaClient(postgres.url);
  const zaanstad: ApiTokenHeaders = await apiTokenFor(prisma, 'Gemeente Zaanstad', ['procurementOfficer', 'contractManager'], { label: 'C. Manager' });

  return {
    postgres,
    temporal,
    mail,
    prisma,
    api,
    workers,
    async startWorker() {
      const worker = startRegieProcess('worker/main.ts', env);
      workers.push(worker);
      await worker.waitFor(/running on/);
      return worker;
    },
    async call(method, path, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...zaanstad, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, retryAfter: response.headers.get('retry-after') };
    },
    async close() {
      await Promise.all([api, ...workers].map((p) => p.kill('SIGKILL')));
      await prisma.$disconnect();
      await Promise.all([temporal.teardown(), mail.stop(), postgres.destroy()]);
    },
  };
}

/** Reads until `ok` holds (a failed read counts as not yet), every 250 ms, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await delay(250);
  }
}

/**
 * Waits until every notification of `workflowIds` (at least `minimum`) is sent and captured, then checks
 * that each arrived once (Message-ID is derived from its idempotency key). The one exception SMTP leaves
 * no way around (README, "Failures"): a worker killed after the mail server accepted a mail and before
 * that was recorded. Its claim is taken over once its lease has passed (attempts > 1) and the mail goes
 * out again with the same Message-ID, so the receiver can drop it. A database outage, a retried activity
 * or two attempts at once send nothing twice. Returns the notifications and how many were sent twice.
 */
export async function expectEachMailOnce(topology: Pick<ProductionTopology, 'prisma' | 'mail'>, workflowIds: readonly string[], minimum: number) {
  const { prisma, mail } = topology;
  const notifications = await eventually(
    'every notification sent',
    () => prisma.notification.findMany({ where: { workflowId: { in: [...workflowIds] } } }),
    (rows) => rows.length >= minimum && rows.every((n) => n.status === 'sent'),
  );
  await eventually('every mail captured', async () => mail.messages(), (messages) => notifications.every((n) => messages.some((m) => m.messageId === n.messageId)));
  await delay(2_000); // a duplicate would arrive now
  const messageIds = mail.messages().map((m) => m.messageId);
  const copies = notifications.map((n) => ({ key: n.idempotencyKey, copies: messageIds.filter((id) => id === n.messageId).length, takenOver: n.attempts > 1 }));
  for (const c of copies) expect(c.copies === 1 || (c.copies === 2 && c.takenOver) ? 'once, or once more after a claim of the killed worker' : c).toBe('once, or once more after a claim of the killed worker');
  return { notifications, sentTwice: copies.filter((c) => c.copies === 2).length };
}
