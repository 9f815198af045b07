import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { createPrismaClient } from '../../db/client';
import type { EmbeddedPostgres } from '../../db/embedded-postgres';
import { applyMigrations } from '../../prisma/migrate';
import { createEmptyDatabase, startTestEmbeddedPostgres, type EmptyDatabase } from '../helpers/database';

// prisma/migrate.ts against the test database server ($DATABASE_URL, else embedded PGlite),
// and the embedded PGlite server itself.

const MIGRATIONS_DIR = path.join(__dirname, '../../prisma/migrations');
const MIGRATION_NAMES = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface MigrationRecord {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const migrationRecords = (url: string) =>
  query<MigrationRecord>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A scratch copy of prisma/migrations that a test may change. */
function copyOfMigrations(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'regie-migrations-')), 'migrations');
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

/** Drops every table, so the database is as fresh as a new one (quicker than a new one, on PGlite). */
const DROP_ALL_TABLES = `DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE %I CASCADE', t);
  END LOOP;
END $$`;

describe('applyMigrations', () => {
  let db: EmptyDatabase;
  const scratch: string[] = [];

  beforeAll(async () => {
    db = await createEmptyDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await query(db.url, DROP_ALL_TABLES);
  });

  afterEach(() => {
    for (const dir of scratch.splice(0)) rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  const scratchMigrations = () => {
    const dir = copyOfMigrations();
    scratch.push(dir);
    return dir;
  };

  it('applies every migration to a fresh database once, recorded the way Prisma Migrate records them', async () => {
    expect(MIGRATION_NAMES).toContain('20261123000000_init');
    const logged: string[] = [];

    expect(await applyMigrations(db.url, { log: (message) => logged.push(message) })).toEqual({ applied: MIGRATION_NAMES });
    expect(logged).toEqual(MIGRATION_NAMES.map((name) => `Applied migration ${name}`));

    const records = await migrationRecords(db.url);
    expect(records.map((record) => record.migration_name)).toEqual(MIGRATION_NAMES);
    for (const record of records) {
      expect(record.checksum).toBe(sha256(path.join(MIGRATIONS_DIR, record.migration_name, 'migration.sql')));
      expect(record.finished_at).toBeInstanceOf(Date);
      expect(record.rolled_back_at).toBeNull();
      expect(record.applied_steps_count).toBe(1);
    }

    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
    expect(await migrationRecords(db.url)).toHaveLength(MIGRATION_NAMES.length);
  });

  it('applies each migration exactly once when two runs start at the same time', async () => {
    const runs = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(MIGRATION_NAMES);
    expect((await migrationRecords(db.url)).map((record) => record.migration_name)).toEqual(MIGRATION_NAMES);
  });

  it('applies a migration added later, and only that one', async () => {
    const migrationsDir = scratchMigrations();
    await applyMigrations(db.url, { migrationsDir });
    mkdirSync(path.join(migrationsDir, '29991231000000_add_note'));
    writeFileSync(path.join(migrationsDir, '29991231000000_add_note', 'migration.sql'), 'ALTER TABLE "tender" ADD COLUMN "note" TEXT;\n');

    expect(await applyMigrations(db.url, { migrationsDir })).toEqual({ applied: ['29991231000000_add_note'] });
    expect(await query(db.url, `SELECT 1 FROM information_schema.columns WHERE table_name = 'tender' AND column_name = 'note'`)).toHaveLength(1);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const migrationsDir = scratchMigrations();
    await applyMigrations(db.url, { migrationsDir });
    appendFileSync(path.join(migrationsDir, '20261123000000_init', 'migration.sql'), '\nCREATE INDEX "tender_title_idx" ON "tender"("title");\n');

    const run = applyMigrations(db.url, { migrationsDir });
    await expect(run).rejects.toThrow('Migration 20261123000000_init was edited after it was applied');
    await expect(run).rejects.toThrow(/Applied migrations must not be edited: .*add a new migration instead/);
  });

  it('refuses to run when the folder of an applied migration is gone', async () => {
    const migrationsDir = scratchMigrations();
    await applyMigrations(db.url, { migrationsDir });
    rmSync(path.join(migrationsDir, '20261123000000_init'), { recursive: true });

    await expect(applyMigrations(db.url, { migrationsDir })).rejects.toThrow(
      /Migration 20261123000000_init is applied to the database but its folder is missing/,
    );
  });

  it('rolls a failing migration back together with its record', async () => {
    const migrationsDir = scratchMigrations();
    mkdirSync(path.join(migrationsDir, '29991231000000_broken'));
    writeFileSync(
      path.join(migrationsDir, '29991231000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" ("id" TEXT);\nSELECT 1 / 0;\n',
    );

    await expect(applyMigrations(db.url, { migrationsDir })).rejects.toThrow(
      /Migration 29991231000000_broken failed and was rolled back: division by zero/,
    );
    expect((await migrationRecords(db.url)).map((record) => record.migration_name)).toEqual(MIGRATION_NAMES);
    expect(await query(db.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`)).toEqual([]);
  });
});

describe('embedded PGlite (no DATABASE_URL)', () => {
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    embedded = await startTestEmbeddedPostgres();
  });

  afterAll(async () => {
    await embedded?.stop();
  });

  it('serves on 127.0.0.1 and applies the migrations once, also when two runs race', async () => {
    // application_name marks the embedded server for db/client.ts (one session: no named statements).
    expect(embedded.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres\?sslmode=disable&application_name=regie-embedded$/);

    const runs = await Promise.all([applyMigrations(embedded.url), applyMigrations(embedded.url)]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(MIGRATION_NAMES);
    expect(await applyMigrations(embedded.url)).toEqual({ applied: [] });
  });

  it('keeps concurrent connections apart: batches, transactions and large statements do not interleave', async () => {
    const pool = new Pool({ connectionString: embedded.url, max: 8 });
    try {
      await pool.query('CREATE TABLE big (id INT PRIMARY KEY, body TEXT)');
      const body = 'x'.repeat(1_000_000); // several TCP chunks per statement
      const mismatches: unknown[] = [];
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          if (i % 2) return pool.query('INSERT INTO big VALUES ($1, $2)', [i, body]);
          const { rows } = await pool.query<{ a: number; b: string }>('SELECT $1::int AS a, $2::text AS b', [i, `small ${i}`]);
          if (rows[0]?.a !== i || rows[0]?.b !== `small ${i}`) mismatches.push(rows[0]);
        }),
      );
      expect(pool.totalCount).toBeGreaterThan(1);
      expect(mismatches).toEqual([]);
      expect((await pool.query('SELECT count(*)::int AS n FROM big')).rows[0]).toEqual({ n: 20 });

      // Transactions on different connections run one after the other, never mixed.
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('DELETE FROM big WHERE id = $1', [2 * i + 1]);
            await new Promise((resolve) => setTimeout(resolve, 5));
            await client.query(i % 2 ? 'ROLLBACK' : 'COMMIT');
          } finally {
            client.release();
          }
        }),
      );
      expect((await pool.query('SELECT count(*)::int AS n FROM big')).rows[0]).toEqual({ n: 15 });
    } finally {
      await pool.end();
    }
  });

  it('rolls back the open transaction of a connection that disconnects', async () => {
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('CREATE TABLE abandoned (id INT)');
    await client.end();

    expect(await query(embedded.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'abandoned'`)).toEqual([]);
  });

  it('serves Prisma queries over several concurrent connections', async () => {
    await applyMigrations(embedded.url);
    const prisma = createPrismaClient(embedded.url);
    try {
      const workflowId = `tender-${randomUUID()}`;
      const tender = await prisma.tender.create({
        data: {
          id: randomUUID(),
          workflowId,
          title: 'Jeugdhulp 2027',
          procurementForm: 'europees-openbaar',
          leadOrganisation: 'gemeente-zaanstad',
          estimatedValueCents: 12_000_000_000n,
          contractStart: new Date('2027-01-01'),
          termYears: 4,
          phase: 'preparation',
          status: 'running',
          launch: { lots: ['ambulant', 'verblijf'], note: 'x'.repeat(200_000) },
          launchedAt: new Date(),
        },
      });

      const results = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          prisma.event.create({
            data: { id: randomUUID(), workflowId, tenderId: tender.id, type: `step-${i}`, data: { i }, occurredAt: new Date() },
          }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          prisma.$transaction(async (tx) => {
            const task = await tx.task.create({
              data: {
                id: randomUUID(),
                workflowId,
                tenderId: tender.id,
                kind: 'review',
                title: `Beoordeel perceel ${i}`,
                role: 'inkoper',
                organisation: 'gemeente-zaanstad',
                dueDate: new Date('2027-02-01'),
                status: 'open',
                openedAt: new Date(),
              },
            });
            return tx.task.update({ where: { id: task.id }, data: { status: 'done', completedAt: new Date() } });
          }),
        ),
        ...Array.from({ length: 20 }, () => prisma.tender.findUniqueOrThrow({ where: { workflowId } })),
      ]);

      expect(results).toHaveLength(50);
      expect(await prisma.event.count({ where: { workflowId } })).toBe(20);
      expect(await prisma.task.count({ where: { workflowId, status: 'done' } })).toBe(10);
      const stored = await prisma.tender.findUniqueOrThrow({ where: { workflowId } });
      expect(stored.estimatedValueCents).toBe(12_000_000_000n);
      expect(stored.launch).toEqual(tender.launch);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('embedded PGlite in a data directory', () => {
  let parent: string;

  beforeAll(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'regie-pglite-'));
  });

  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('keeps its data across restarts and refuses a second server on the same directory', async () => {
    const dataDir = path.join(parent, 'pglite');
    const first = await startTestEmbeddedPostgres(dataDir);
    try {
      expect(await applyMigrations(first.url)).toEqual({ applied: MIGRATION_NAMES });
      await query(first.url, `INSERT INTO "event" ("id", "workflow_id", "type", "data", "occurred_at") VALUES ('e1', 'wf', 'started', '{}', now())`);
      await expect(startTestEmbeddedPostgres(dataDir)).rejects.toThrow(/is in use by process \d+/);
    } finally {
      await first.stop();
    }

    const second = await startTestEmbeddedPostgres(dataDir);
    try {
      expect(await applyMigrations(second.url)).toEqual({ applied: [] });
      expect(await query(second.url, 'SELECT "id" FROM "event"')).toEqual([{ id: 'e1' }]);
    } finally {
      await second.stop();
    }
  });
});
