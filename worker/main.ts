// The production worker (`node dist/worker/main.js`, docker-compose.yml): runs every regie workflow and
// activity against an external Temporal (TEMPORAL_ADDRESS or a profile: config/temporal-connection.ts),
// a shared PostgreSQL (DATABASE_URL) and a real SMTP server (SMTP_URL). Applies pending migrations first.
// Without those, run everything on embedded defaults in one process instead: `npm start`.
import { loadEnv, redactUrl } from '../config/env';
import { connectWorkerConnection, installTemporalRuntime, resolveTemporalTarget } from '../config/temporal-connection';
import { createPrismaClient } from '../db/client';
import { createMailer } from '../mail/transport';
import { applyMigrations } from '../prisma/migrate';
import { createRegieWorker } from './create-worker';

const log = (message: string) => console.log(`[regie worker] ${message}`);

async function main(): Promise<void> {
  const env = loadEnv();
  const missing = [
    ...(env.DATABASE_URL ? [] : ['DATABASE_URL (the PostgreSQL database shared with the API)']),
    ...(env.SMTP_URL ? [] : ['SMTP_URL (the mail server that delivers notifications)']),
  ];
  if (missing.length) {
    throw new Error(`The worker needs ${missing.join(' and ')}. To run everything on embedded defaults in one process: npm start.`);
  }
  const databaseUrl = env.DATABASE_URL as string;
  const smtpUrl = env.SMTP_URL as string;
  const target = resolveTemporalTarget(env);

  const { applied } = await applyMigrations(databaseUrl, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : 'migrations: database is up to date');

  const stopTemporalRuntime = installTemporalRuntime(env.LOG_LEVEL);
  const connection = await connectWorkerConnection(target, { log }).catch(async (error: unknown) => {
    await stopTemporalRuntime();
    throw error;
  });
  const prisma = createPrismaClient(databaseUrl);
  const mailer = createMailer({ smtpUrl, from: env.MAIL_FROM });
  // Not fatal: a mail server that is down now fails single notification attempts, which Temporal retries.
  mailer.transporter.verify().catch((error: Error) => log(`warning: SMTP ${redactUrl(smtpUrl)} does not answer yet: ${error.message}`));
  try {
    const worker = await createRegieWorker({
      connection,
      namespace: target.namespace,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deps: { prisma, mailer },
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (worker.getState() !== 'RUNNING') return;
        log(`${signal}: shutting down (finishing the tasks in progress)`);
        worker.shutdown();
      });
    }
    log(`running on ${target.description}, task queue ${env.TEMPORAL_TASK_QUEUE}; database ${redactUrl(databaseUrl)}; mail via ${redactUrl(smtpUrl)}`);
    await worker.run();
    log('stopped');
  } finally {
    mailer.transporter.close();
    await prisma.$disconnect();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[regie worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
