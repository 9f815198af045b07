// The production API (`node dist/api/main.js`, docker-compose.yml): HTTP on HOST:PORT, talking to an
// external Temporal (TEMPORAL_ADDRESS or a profile: config/temporal-connection.ts) and a shared
// PostgreSQL (DATABASE_URL). Applies pending migrations first (safe next to the worker doing the same).
// Without those, run everything on embedded defaults in one process instead: `npm start`.
import { loadEnv, publicUrlOf, redactUrl, trustProxyOf } from '../config/env';
import { connectClient, resolveTemporalTarget } from '../config/temporal-connection';
import { createPrismaClient } from '../db/client';
import { ensureFirstAdministrator } from '../db/first-administrator';
import { createMailer } from '../mail/transport';
import { applyMigrations } from '../prisma/migrate';
import { oidcSettingsOf } from './auth/sign-in-settings';
import { startReadCache } from './read-cache';
import { buildApi } from './server';

const log = (message: string) => console.log(`[regie api] ${message}`);

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      'The API needs DATABASE_URL (the PostgreSQL database shared with the worker). ' +
        'To run everything on embedded defaults in one process: npm start.',
    );
  }
  const databaseUrl = env.DATABASE_URL;
  const target = resolveTemporalTarget(env);

  const { applied } = await applyMigrations(databaseUrl, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : 'migrations: database is up to date');

  const prisma = createPrismaClient(databaseUrl);
  await bootstrapAdministrator(env, prisma).catch(async (error: unknown) => {
    await prisma.$disconnect();
    throw error;
  });
  const client = await connectClient(target, { log });
  // Sign-in links go out through the same SMTP as the worker's notifications; without SMTP_URL only OIDC signs in.
  const mailer = env.SMTP_URL ? createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }) : undefined;
  const oidc = oidcSettingsOf(env);
  const reads = await startReadCache(databaseUrl, { log });
  const app = await buildApi(
    {
      prisma,
      temporal: client,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      publicUrl: publicUrlOf(env),
      ...(mailer ? { mailer } : {}),
      ...(oidc ? { oidc } : {}),
      ...(reads ? { readCache: reads.cache } : {}),
    },
    { logger: { level: env.LOG_LEVEL }, trustProxy: trustProxyOf(env) },
  );

  let closing: Promise<void> | undefined;
  const close = (signal: string) =>
    (closing ??= (async () => {
      log(`${signal}: shutting down (finishing the requests in progress)`);
      try {
        await app.close();
      } finally {
        await reads?.feed.close();
        await prisma.$disconnect();
        await client.connection.close();
        mailer?.transporter.close();
      }
      log('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      close(signal).catch((error: unknown) => {
        console.error(`[regie api] shutdown failed: ${(error as Error).message}`);
        process.exitCode = 1;
      });
    });
  }

  try {
    await app.listen({ host: env.HOST, port: env.PORT });
  } catch (error) {
    await close('listen failed');
    throw error;
  }
  log(`listening on ${env.HOST}:${env.PORT} (docs at /docs); Temporal ${target.description}, task queue ${env.TEMPORAL_TASK_QUEUE}; database ${redactUrl(databaseUrl)}`);
}

/** The first administrator from REGIE_ADMIN_EMAIL and REGIE_ADMIN_ORGANISATION (both or neither), when the directory has none. */
async function bootstrapAdministrator(env: ReturnType<typeof loadEnv>, prisma: ReturnType<typeof createPrismaClient>): Promise<void> {
  const { REGIE_ADMIN_EMAIL: email, REGIE_ADMIN_ORGANISATION: organisation } = env;
  if (!email && !organisation) return;
  if (!email || !organisation) throw new Error('REGIE_ADMIN_EMAIL and REGIE_ADMIN_ORGANISATION go together: set both to make the first administrator, or neither');
  const made = await ensureFirstAdministrator(prisma, { email, organisation });
  log(made.created ? `first administrator of the role directory: ${made.email} in ${made.organisation}` : 'role directory: it has an administrator already');
}

main().catch((error: unknown) => {
  console.error(`[regie api] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
