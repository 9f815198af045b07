// `npm start`: all of regie in one process, on embedded defaults for whatever the environment leaves out:
//   - no DATABASE_URL:     embedded PostgreSQL (PGlite) in DATA_DIR/pglite
//   - no TEMPORAL_ADDRESS: a Temporal dev server (`temporal server start-dev`, history in DATA_DIR/temporal.db)
//   - no SMTP_URL:         an SMTP capture: mail is kept in DATA_DIR/mail/*.eml and listed at GET /mail
// then migrations, the worker and the API. Ctrl+C (SIGINT) or SIGTERM stops everything in order.
// Production runs the parts separately: worker/main.ts and api/main.ts (docker-compose.yml).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { workflowBundleOptions } from '../worker/workflow-bundle';
import { bundleWorkflowCode, Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import { oidcSettingsOf } from '../api/auth/sign-in-settings';
import { startReadCache } from '../api/read-cache';
import { buildApi } from '../api/server';
import { loadEnv, publicUrlOf, redactUrl, trustProxyOf, type Env } from '../config/env';
import {
  connectClient,
  connectWorkerConnection,
  installTemporalRuntime,
  resolveTemporalTarget,
  type TemporalTarget,
} from '../config/temporal-connection';
import { createPrismaClient } from '../db/client';
import { EMBEDDED_FIRST_ADMINISTRATOR, ensureFirstAdministrator, FIRST_USER_ROLES } from '../db/first-administrator';
import { resolveDatabase } from '../db/database-url';
import { startMailCapture, type MailCapture } from '../mail/capture-server';
import { createMailer } from '../mail/transport';
import { applyMigrations } from '../prisma/migrate';
import { createRegieWorker } from '../worker/create-worker';
import { temporalCliPath } from './temporal-binaries';

const REPO_ROOT = path.join(__dirname, '..');
const MAIL_CAPTURE_PORT = 2525;

const log = (message: string) => console.log(`[regie] ${message}`);

/** Things to undo at shutdown, undone in reverse order of registration. */
class Lifecycle {
  stopping = false;
  private readonly cleanups: { name: string; run: () => unknown }[] = [];

  add(name: string, run: () => unknown): void {
    this.cleanups.push({ name, run });
  }

  /** Throws once shutdown has begun, so that startup stops at its next step. */
  check(): void {
    if (this.stopping) throw new ShutdownDuringStartup();
  }

  async close(): Promise<boolean> {
    let clean = true;
    for (const { name, run } of this.cleanups.splice(0).reverse()) {
      try {
        await run();
      } catch (error) {
        clean = false;
        console.error(`[regie] stopping ${name} failed: ${(error as Error).message}`);
      }
    }
    return clean;
  }
}

class ShutdownDuringStartup extends Error {
  constructor() {
    super('shutdown requested during startup');
  }
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const env = loadEnv();
  const dataDir = path.resolve(env.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const life = new Lifecycle();
  const stopTemporalRuntime = installTemporalRuntime(env.LOG_LEVEL);
  life.add('Temporal SDK runtime', stopTemporalRuntime);
  let startup: Promise<unknown> = Promise.resolve();
  let shutdown: Promise<void> | undefined;
  const stop = (reason: string, exitCode: number) => {
    shutdown ??= (async () => {
      life.stopping = true;
      log(`${reason}: shutting down`);
      const stopStarted = Date.now();
      await startup.catch(() => undefined); // startup gives up at its next step
      const clean = await life.close();
      log(`stopped${clean ? '' : ' (with errors, see above)'} in ${seconds(Date.now() - stopStarted)}`);
      process.exitCode = clean ? exitCode : exitCode || 1;
      // Everything is closed, so Node exits by itself; if some handle still holds it, do not hang.
      setTimeout(() => {
        console.error('[regie] open handles remain after shutdown; exiting anyway');
        process.exit();
      }, 3_000).unref();
    })();
    return shutdown;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (life.stopping) {
        console.error(`[regie] ${signal} again: exiting without waiting`);
        process.exit(130);
      }
      void stop(signal, 0);
    });
  }

  startup = startAll(env, dataDir, life, (reason) => void stop(reason, 1));
  try {
    const summary = (await startup) as string[];
    log(`running (started in ${seconds(Date.now() - startedAt)}); stop with Ctrl+C`);
    for (const line of summary) console.log(`  ${line}`);
  } catch (error) {
    if (error instanceof ShutdownDuringStartup) return;
    console.error(`[regie] could not start: ${(error as Error).message}`);
    await stop('startup failed', 1);
  }
}

/** Starts everything, registering each part with `life` as soon as it runs; returns the summary lines. */
async function startAll(env: Env, dataDir: string, life: Lifecycle, fail: (reason: string) => void): Promise<string[]> {
  const display = (file: string) => path.relative(process.cwd(), file) || '.';
  const summary: Record<string, string> = {};

  // The three independent parts start side by side; all are registered for cleanup even if one fails.
  const [database, temporal, mail] = await settleAll([
    (async () => {
      const db = await resolveDatabase({ dataDir });
      life.add('database', () => db.stop());
      summary.database = db.embedded
        ? `embedded PostgreSQL (PGlite) in ${display(path.join(dataDir, 'pglite'))}, ${db.url} while running`
        : redactUrl(db.url);
      life.check();
      const { applied } = await applyMigrations(db.url, { log: (message) => log(message) });
      log(applied.length ? `applied ${applied.length} migration(s)` : 'migrations: database is up to date, nothing new');
      return db;
    })(),
    startTemporal(env, dataDir, life, summary, fail),
    (async (): Promise<{ smtpUrl: string; capture?: MailCapture }> => {
      if (env.SMTP_URL) {
        summary.mail = `sent through ${redactUrl(env.SMTP_URL)}`;
        return { smtpUrl: env.SMTP_URL };
      }
      const dir = path.join(dataDir, 'mail');
      const capture = await startMailCapture({ dir, port: MAIL_CAPTURE_PORT }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        log(`port ${MAIL_CAPTURE_PORT} is in use: the mail capture takes a free port`);
        return startMailCapture({ dir, port: 0 });
      });
      life.add('mail capture', () => capture.stop());
      summary.mail = `captured, not delivered: {API}/mail and ${display(dir)}/*.eml (SMTP capture on ${capture.url})`;
      return { smtpUrl: capture.url, capture };
    })(),
  ]);
  life.check();

  const prisma = createPrismaClient(database.url);
  life.add('database client', () => prisma.$disconnect());
  const mailer = createMailer({ smtpUrl: mail.smtpUrl, from: env.MAIL_FROM });
  life.add('mail transport', () => mailer.transporter.close());
  const reads = await startReadCache(database.url, { log });
  if (reads) life.add('change feed', () => reads.feed.close());
  const firstAdministrator = await ensureFirstAdministrator(prisma, {
    email: env.REGIE_ADMIN_EMAIL ?? EMBEDDED_FIRST_ADMINISTRATOR.email,
    organisation: env.REGIE_ADMIN_ORGANISATION ?? EMBEDDED_FIRST_ADMINISTRATOR.organisation,
    roles: FIRST_USER_ROLES,
  });
  if (firstAdministrator.created) log(`first administrator: ${firstAdministrator.email} in ${firstAdministrator.organisation} (${FIRST_USER_ROLES.join(', ')})`);

  // Bundling the workflows takes a few seconds: build the API meanwhile.
  const [built, app] = await Promise.allSettled([
    bundleWorkflows(env).then((workflowBundle) =>
      createRegieWorker({
        connection: temporal.nativeConnection,
        namespace: temporal.target.namespace,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        deps: { prisma, mailer },
        workflowBundle,
        maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
      }),
    ),
    buildApi(
      {
        prisma,
        temporal: temporal.client,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        ...(mail.capture ? { mailCapture: mail.capture } : {}),
        mailer,
        publicUrl: publicUrlOf(env),
        oidc: oidcSettingsOf(env),
        ...(reads ? { readCache: reads.cache } : {}),
      },
      { logger: { level: env.LOG_LEVEL }, trustProxy: trustProxyOf(env) },
    ),
  ]);
  if (built.status === 'rejected' || app.status === 'rejected' || life.stopping) {
    if (app.status === 'fulfilled') await app.value.close();
    // A created worker holds the connection until it has run: run it to a stop at once.
    if (built.status === 'fulfilled') await built.value.runUntil(Promise.resolve()).catch(() => undefined);
    life.check();
    throw built.status === 'rejected' ? built.reason : (app as PromiseRejectedResult).reason;
  }
  const worker = built.value;
  const api = app.value;
  const running = runWorker(worker, fail);
  life.add('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  life.add('API', () => api.close()); // closed first: no new requests while the worker drains

  await api.listen({ host: env.HOST, port: env.PORT });
  const { port } = api.server.address() as AddressInfo;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const base = `http://${host}:${port}`;
  return [
    `API           ${base}`,
    `API docs      ${base}/docs (OpenAPI: ${base}/openapi.json)`,
    ...(temporal.uiUrl ? [`Temporal UI   ${temporal.uiUrl}`] : []),
    `Temporal      ${temporal.target.description}, task queue ${env.TEMPORAL_TASK_QUEUE}${summary.temporal ?? ''}`,
    `Mail          ${summary.mail?.replace('{API}', base)}`,
    `Database      ${summary.database}`,
    ...signInHint(base, firstAdministrator.email, mail.capture !== undefined),
  ];
}

/** How to sign in, for the console: the landing page, the first administrator's address, where the link arrives. */
function signInHint(base: string, email: string, captured: boolean): string[] {
  return [
    `Sign in       open ${base}/ and enter ${email}`,
    captured ? `              the sign-in link arrives at ${base}/post (mail is captured, not delivered)` : `              the sign-in link arrives by mail at that address`,
  ];
}

/** The workflow bundle, without webpack's statistics that Worker.create logs at info level. */
function bundleWorkflows(env: Env): ReturnType<typeof bundleWorkflowCode> {
  const logger = Runtime.instance().logger;
  const verbose = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  return bundleWorkflowCode({
    ...workflowBundleOptions,
    logger: verbose
      ? logger
      : {
          log: (level, message, meta) => (level === 'WARN' || level === 'ERROR' ? logger.log(level, message, meta) : undefined),
          trace: () => undefined,
          debug: () => undefined,
          info: () => undefined,
          warn: (message, meta) => logger.warn(message, meta),
          error: (message, meta) => logger.error(message, meta),
        },
  });
}

/** Runs the worker; if it stops on its own (a fatal error), the whole process stops. */
async function runWorker(worker: Worker, fail: (reason: string) => void): Promise<void> {
  try {
    await worker.run();
  } catch (error) {
    console.error(`[regie] the worker failed: ${(error as Error).message}`);
    fail('worker failed');
  }
}

interface TemporalParts {
  target: TemporalTarget;
  client: Client;
  nativeConnection: NativeConnection;
  uiUrl?: string;
}

async function startTemporal(
  env: Env,
  dataDir: string,
  life: Lifecycle,
  summary: Record<string, string>,
  fail: (reason: string) => void,
): Promise<TemporalParts> {
  let localAddress: string | undefined;
  let uiUrl: string | undefined;
  if (!env.TEMPORAL_ADDRESS) {
    const cli = await ensureTemporalCli();
    life.check();
    const server = await startDevServer({
      cli,
      dataDir,
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      namespace: env.TEMPORAL_NAMESPACE,
      stopping: () => life.stopping,
      onUnexpectedExit: () => fail('the Temporal dev server stopped'),
    });
    life.add('Temporal dev server', () => server.stop());
    localAddress = server.address;
    uiUrl = server.uiUrl;
    summary.temporal = `; history in ${path.relative(process.cwd(), server.dbFile)}, server log in ${path.relative(process.cwd(), server.logFile)}`;
    life.check();
  }
  const target = resolveTemporalTarget(env, { localAddress });
  const client = await connectClient(target, { log });
  life.add('Temporal client', () => client.connection.close());
  life.check();
  const nativeConnection = await connectWorkerConnection(target, { log });
  life.add('Temporal worker connection', () => nativeConnection.close());
  return { target, client, nativeConnection, ...(uiUrl ? { uiUrl } : {}) };
}

/** The Temporal CLI; installed with scripts/install-temporal.sh first if it is missing. */
async function ensureTemporalCli(): Promise<string> {
  try {
    return temporalCliPath();
  } catch (missing) {
    log('the Temporal CLI is not installed yet: running scripts/install-temporal.sh cli (once; building it with Go takes a few minutes)');
    // Only the CLI: the tests' Java time-skipping server is installed by `npm test` (pretest), not by start.
    const installer = spawn('bash', [path.join(REPO_ROOT, 'scripts/install-temporal.sh'), 'cli'], { stdio: ['ignore', 'inherit', 'inherit'] });
    await once(installer, 'exit');
    try {
      return temporalCliPath();
    } catch {
      throw new Error(
        `${(missing as Error).message}, and installing it failed (see above). Install Go >= 1.25 and run ` +
          'npm run temporal:install, or set TEMPORAL_CLI to a temporal binary, or TEMPORAL_ADDRESS to a running Temporal server.',
      );
    }
  }
}

interface DevServer {
  address: string;
  uiUrl: string;
  dbFile: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev` with its history in DATA_DIR/temporal.db, on 127.0.0.1 only. It runs in its
 * own process group, so Ctrl+C in a terminal does not stop it before the worker has shut down; it is
 * stopped last but one (before the database), and killed if this process exits in any other way.
 */
async function startDevServer(options: {
  cli: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** True once regie shuts down: from then on the server's complaints about vanishing clients are expected. */
  stopping: () => boolean;
  /** Called when the server exits by itself after it started. */
  onUnexpectedExit: () => void;
}): Promise<DevServer> {
  const { cli, dataDir, port, uiPort, namespace, stopping: regieStopping, onUnexpectedExit } = options;
  const dbFile = path.join(dataDir, 'temporal.db');
  const logFile = path.join(dataDir, 'temporal.log');
  const pidFile = path.join(dataDir, 'temporal.pid');
  await stopLeftoverDevServer(pidFile, dbFile);
  for (const [name, value] of [['TEMPORAL_PORT', port], ['TEMPORAL_UI_PORT', uiPort]] as const) {
    if (!(await isPortFree(value))) {
      throw new Error(
        `${name} ${value} on 127.0.0.1 is in use. Another Temporal server? Use it with TEMPORAL_ADDRESS=127.0.0.1:${port}, ` +
          `or choose free ports with TEMPORAL_PORT and TEMPORAL_UI_PORT.`,
      );
    }
  }

  const args = ['server', 'start-dev', '--db-filename', dbFile, '--port', String(port), '--ui-port', String(uiPort), '--ip', '127.0.0.1', '--log-level', 'warn'];
  if (namespace !== 'default') args.push('--namespace', namespace);
  const child = spawn(cli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await Promise.race([once(child, 'spawn'), once(child, 'error').then(([error]) => Promise.reject(error as Error))]);
  const pid = child.pid as number;
  writeFileSync(pidFile, String(pid));
  const killOnExit = () => killQuietly(child, 'SIGKILL');
  process.on('exit', killOnExit);

  // Its output goes to temporal.log; warnings and errors are shown too until shutdown begins (then it
  // reports polls cancelled and its own workers losing their connections, which is expected).
  const logStream = createWriteStream(logFile, { flags: 'a' });
  logStream.write(`--- ${new Date().toISOString()} ${cli} ${args.join(' ')}\n`);
  let echo = true;
  let tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      logStream.write(`${line}\n`);
      tail = [...tail.slice(-19), line];
      if (echo && !regieStopping() && stream === child.stderr) console.error(`[temporal] ${line}`);
    });
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      echo = false;
      if (child.exitCode === null && child.signalCode === null) {
        killQuietly(child, 'SIGTERM');
        const killer = setTimeout(() => killQuietly(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      process.off('exit', killOnExit);
      rmSync(pidFile, { force: true });
      await new Promise<void>((resolve) => logStream.end(resolve));
    })());

  const address = `127.0.0.1:${port}`;
  log(`starting the Temporal dev server on ${address} (pid ${pid})`);
  const probeAbort = new AbortController();
  const died = exited.then(([code, signal]) => {
    probeAbort.abort();
    throw new Error(`the Temporal dev server exited (${signal ?? `code ${code}`}) while starting:\n${tail.join('\n')}`);
  });
  died.catch(() => undefined);
  try {
    // Ready once it accepts connections and knows the namespace; connectClient retries until then.
    const probe = await Promise.race([
      connectClient({ namespace, connectionOptions: { address }, description: address }, { timeoutMs: 60_000, signal: probeAbort.signal }),
      died,
    ]);
    await probe.connection.close();
  } catch (error) {
    await stop();
    throw error;
  }
  exited.then(
    ([code, signal]) => {
      if (stopped) return;
      console.error(`[regie] the Temporal dev server stopped unexpectedly (${signal ?? `code ${code}`}); see ${logFile}`);
      onUnexpectedExit();
    },
    () => undefined,
  );
  return { address, uiUrl: `http://127.0.0.1:${uiPort}`, dbFile, logFile, stop };
}

/**
 * A dev server of an earlier run that ended without cleaning up (killed with SIGKILL, say) still holds
 * temporal.db and the ports: stop it, if the pid file's process is indeed that dev server.
 */
async function stopLeftoverDevServer(pidFile: string, dbFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
    const command = commandLine(pid);
    if (command === undefined || !command.includes('start-dev') || !command.includes(dbFile)) {
      throw new Error(`${pidFile} names process ${pid}, which is not the Temporal dev server on ${dbFile}: remove the file if that is right`);
    }
    log(`stopping the Temporal dev server left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; isRunning(pid); waited += 100) {
      if (waited === 10_000) process.kill(pid, 'SIGKILL');
      if (waited > 15_000) throw new Error(`the Temporal dev server of an earlier run (pid ${pid}) does not stop: kill it and start again`);
      await sleep(100);
    }
  }
  rmSync(pidFile, { force: true });
}

/** The command line of process `pid` (`ps` exists on Linux and macOS alike). */
function commandLine(pid: number): string | undefined {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killQuietly(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Like Promise.all, but waits for every promise to settle before rejecting with the first failure. */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(`[regie] ${(error as Error).message ?? error}`);
  process.exitCode = 1;
});
