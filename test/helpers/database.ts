/**
 * An isolated, migrated database per test file: a fresh `regie_test_<random>` database on the
 * $DATABASE_URL server (CI), or else a fresh in-memory embedded PGlite on a free port.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../../db/client';
import type { EmbeddedPostgres } from '../../db/embedded-postgres';
import { applyMigrations } from '../../prisma/migrate';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Disconnects Prisma and removes the database. */
  drop(): Promise<void>;
}

export interface EmptyDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A migrated database with a Prisma client; `migrationsDir` defaults to prisma/migrations. */
export async function createTestDatabase({ migrationsDir }: { migrationsDir?: string } = {}): Promise<TestDatabase> {
  const { url, drop: dropEmpty } = await createEmptyDatabase();
  try {
    await applyMigrations(url, { migrationsDir });
  } catch (error) {
    await dropEmpty();
    throw error;
  }
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropEmpty();
    },
  };
}

/** A database without any tables, for tests of the migrations themselves. */
export function createEmptyDatabase(): Promise<EmptyDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? createServerDatabase(serverUrl) : createEmbeddedDatabase();
}

async function createServerDatabase(serverUrl: string): Promise<EmptyDatabase> {
  const name = `regie_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, async (admin) => {
        // Client connections only: an autovacuum worker belongs to the superuser (terminating it is refused
        // to a non-superuser), and DROP DATABASE stops it by itself.
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'", [name]);
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      }),
  };
}

async function createEmbeddedDatabase(): Promise<EmptyDatabase> {
  const embedded = await startTestEmbeddedPostgres();
  return { url: embedded.url, drop: embedded.stop };
}

/**
 * db/embedded-postgres.ts in a child process (run by tsx): jest's module sandbox cannot load PGlite,
 * which imports Node built-ins with import() (allowed there only under --experimental-vm-modules).
 * The child stops its server and exits when its stdin closes, also when this process dies.
 */
export async function startTestEmbeddedPostgres(dataDir = 'memory://'): Promise<EmbeddedPostgres> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--eval', EMBEDDED_SERVER_SCRIPT, EMBEDDED_MODULE, dataDir], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await Promise.race([
    once(createInterface({ input: child.stdout }), 'line').then(([line]) => String(line)),
    exited.then(([code]) => Promise.reject(new Error(`Embedded PostgreSQL exited with ${code}: ${stderr.trim()}`))),
  ]);
  child.stderr.pipe(process.stderr);
  return {
    url,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

const REPO_ROOT = path.join(__dirname, '../..');
const EMBEDDED_MODULE = path.join(REPO_ROOT, 'db/embedded-postgres.ts');
const EMBEDDED_SERVER_SCRIPT = `
const [modulePath, dataDir] = process.argv.slice(1);
require(modulePath).startEmbeddedPostgres({ dataDir }).then(
  (server) => {
    console.log(server.url);
    process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
    process.stdin.resume();
  },
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);`;

/** Runs `use` on a pg client of its own to `url`, and closes it. */
export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
