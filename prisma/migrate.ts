import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

// Applies prisma/migrations/<timestamp>_<name>/migration.sql, forward only, in name order, and records
// them in Prisma Migrate's own table, so `prisma migrate deploy` / `status` see them as applied.
// (Prisma's native schema engine is not available everywhere regie runs, so we do not depend on it.)
// Each migration runs in one transaction together with its record, so write migrations that can run
// inside a transaction (no CREATE INDEX CONCURRENTLY, no ALTER TYPE … ADD VALUE before PostgreSQL 12).

/** Prisma Migrate's advisory lock key: this runner and `prisma migrate` exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

const DEFAULT_MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Prisma Migrate's own DDL for its bookkeeping table on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

const IS_APPLIED = 'finished_at IS NOT NULL AND rolled_back_at IS NULL';

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface ApplyMigrationsOptions {
  /** Defaults to prisma/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

/** Applies the migrations not yet applied to `databaseUrl`; returns their names. Safe to run concurrently. */
export async function applyMigrations(
  databaseUrl: string,
  { migrationsDir = DEFAULT_MIGRATIONS_DIR, log = () => undefined }: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      await assertAppliedMigrationsUnchanged(client, migrations);
      const applied: string[] = [];
      for (const migration of migrations) {
        if (await applyOnce(client, migration)) {
          applied.push(migration.name);
          log(`Applied migration ${migration.name}`);
        }
      }
      return { applied };
    } finally {
      // Ending the session releases the lock as well; this matters only if the connection is still fine.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

function readMigrations(migrationsDir: string): Migration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Refuses to go on when an applied migration was edited or removed: the database would not match the files. */
async function assertAppliedMigrationsUnchanged(client: Client, migrations: Migration[]): Promise<void> {
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE ${IS_APPLIED} ORDER BY started_at`,
  );
  const onDisk = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const { migration_name: name, checksum } of rows) {
    const migration = onDisk.get(name);
    if (!migration) {
      throw new Error(
        `Migration ${name} is applied to the database but its folder is missing from the migrations directory. ` +
          'Applied migrations must not be removed or renamed: restore it.',
      );
    }
    if (migration.checksum !== checksum) {
      throw new Error(
        `Migration ${name} was edited after it was applied (its checksum differs from the one recorded in the ` +
          'database). Applied migrations must not be edited: restore the file and add a new migration instead.',
      );
    }
  }
}

/** Applies `migration` with its record in one transaction, unless it is already recorded. */
async function applyOnce(client: Client, migration: Migration): Promise<boolean> {
  await client.query('BEGIN');
  try {
    // Checked again inside the transaction: on embedded PGlite all connections share one session, so
    // the advisory lock does not exclude a concurrent run there, but transactions do.
    const { rowCount } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND ${IS_APPLIED}`,
      [migration.name],
    );
    if (rowCount) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
  }
}
