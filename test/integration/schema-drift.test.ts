import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

// prisma/schema.prisma and prisma/migrations must describe the same database: the Prisma client is
// generated from the one, the database is built from the other. Migrate a fresh database and compare
// it with the schema (read by getDMMF, which uses Prisma's Wasm engine, no native binary).

type Datamodel = Awaited<ReturnType<typeof getDMMF>>['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];

const SCHEMA_FILE = path.join(__dirname, '../../prisma/schema.prisma');
const MIGRATIONS_DIR = path.join(__dirname, '../../prisma/migrations');

/** The column type (as PostgreSQL's format_type() writes it) per Prisma type without a @db attribute. */
const PRISMA_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const withArgs = (type: string, args: readonly string[]) => (args.length ? `${type}(${args.join(',')})` : type);

/** The column type per native type attribute (@db.X(args)). */
const NATIVE_TYPES: Record<string, (args: readonly string[]) => string> = {
  Text: () => 'text',
  VarChar: (args) => withArgs('character varying', args),
  Char: (args) => withArgs('character', args.length ? args : ['1']),
  Uuid: () => 'uuid',
  Boolean: () => 'boolean',
  SmallInt: () => 'smallint',
  Integer: () => 'integer',
  BigInt: () => 'bigint',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: (args) => withArgs('numeric', args),
  Date: () => 'date',
  Time: (args) => `${withArgs('time', args)} without time zone`,
  Timetz: (args) => `${withArgs('time', args)} with time zone`,
  Timestamp: (args) => `${withArgs('timestamp', args)} without time zone`,
  Timestamptz: (args) => `${withArgs('timestamp', args)} with time zone`,
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
  Inet: () => 'inet',
};

/**
 * Partial indexes, which schema.prisma cannot declare (a WHERE clause needs a preview feature): created in
 * raw SQL by a migration and listed here, predicate as pg_get_expr() writes it. Any other index that is not
 * in schema.prisma, or one of these built differently, is drift.
 */
const RAW_SQL_INDEXES: Index[] = [
  { table: 'task', name: 'task_open_due_date_kind_idx', kind: 'normal', columns: ['due_date', 'kind'], predicate: "(status = 'open'::text)" },
  { table: 'task', name: 'task_open_provider_due_date_idx', kind: 'normal', columns: ['provider', 'due_date'], predicate: "(status = 'open'::text)" },
  { table: 'task', name: 'task_open_kind_due_date_idx', kind: 'normal', columns: ['kind', 'due_date'], predicate: "(status = 'open'::text)" },
  // Key columns then INCLUDE columns: 20261202060000_task_overview_audience (replaced the first version).
  {
    table: 'task',
    name: 'task_open_organisation_due_date_idx',
    kind: 'normal',
    columns: ['organisation', 'due_date', 'id', 'kind', 'title', 'role', 'escalated_at', 'contract_id'],
    predicate: "(status = 'open'::text)",
  },
  // Key columns then INCLUDE columns (pg_index.indkey lists both): 20261202040000_task_overview_by_scope.
  {
    table: 'task',
    name: 'task_open_commissioner_due_date_idx',
    kind: 'normal',
    columns: ['commissioner', 'due_date', 'id', 'kind', 'provider', 'contract_id'],
    predicate: "(status = 'open'::text)",
  },
  {
    table: 'task',
    name: 'task_open_tender_due_date_idx',
    kind: 'normal',
    columns: ['tender_id', 'due_date', 'id', 'kind', 'commissioner', 'provider'],
    predicate: "((status = 'open'::text) AND (contract_id IS NULL))",
  },
  // 20261202060000_task_overview_audience.
  {
    table: 'task',
    name: 'task_open_audience_due_date_idx',
    kind: 'normal',
    columns: ['audience_id', 'due_date', 'id', 'kind', 'commissioner', 'provider'],
    predicate: "(status = 'open'::text)",
  },
  // task_open_contract_idx (20261202060000) and task_open_tender_idx (20261202080000) were dropped by
  // 20261202090000_task_status_lists.
  { table: 'notification', name: 'notification_undeliverable_claimed_at_idx', kind: 'normal', columns: ['claimed_at'], predicate: "(status = 'undeliverable'::text)" },
  {
    table: 'event',
    name: 'event_failure_occurred_at_idx',
    kind: 'normal',
    columns: ['occurred_at'],
    predicate: "(type = ANY (ARRAY['notification.failed'::text, 'record.failed'::text, 'workflow.backgroundFailed'::text]))",
  },
];

/** Defaults Prisma Client fills in itself; every other @default must be a column default. */
const CLIENT_SIDE_DEFAULTS = ['uuid', 'cuid', 'nanoid', 'ulid'];

interface Column {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

interface Index {
  table: string;
  name: string;
  kind: 'id' | 'unique' | 'normal';
  columns: string[];
  /** The WHERE clause of a partial index; null (or absent) otherwise. */
  predicate?: string | null;
}

interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

interface DatabaseSchema {
  tables: string[];
  columns: Column[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

async function readDatabaseSchema(url: string): Promise<DatabaseSchema> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table: string }>(`
      SELECT table_name AS table FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`);
    const columns = await client.query<Column>(`
      SELECT c.table_name AS table, c.column_name AS column, format_type(a.atttypid, a.atttypmod) AS type,
             c.is_nullable = 'YES' AS nullable, c.column_default IS NOT NULL AS "hasDefault"
      FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = current_schema() AND c.table_name <> '_prisma_migrations'`);
    const indexes = await client.query<Index>(`
      SELECT t.relname AS table, i.relname AS name,
             CASE WHEN x.indisprimary THEN 'id' WHEN x.indisunique THEN 'unique' ELSE 'normal' END AS kind,
             ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns,
             pg_get_expr(x.indpred, x.indrelid) AS predicate
      FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_prisma_migrations'`);
    const foreignKeys = await client.query<ForeignKey>(`
      SELECT t.relname AS table, c.conname AS name, r.relname AS "referencedTable",
             ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns,
             ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS "referencedColumns"
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
      WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace`);
    return {
      tables: tables.rows.map((row) => row.table),
      columns: columns.rows,
      indexes: indexes.rows,
      foreignKeys: foreignKeys.rows,
    };
  } finally {
    await client.end();
  }
}

const tableOf = (model: Model) => model.dbName ?? model.name;
const columnOf = (field: Field) => field.dbName ?? field.name;

function expectedType(field: Field, datamodel: Datamodel): string | undefined {
  if (field.kind === 'enum') {
    const enumType = datamodel.enums.find((candidate) => candidate.name === field.type);
    return enumType ? (enumType.dbName ?? enumType.name) : undefined;
  }
  const type = field.nativeType ? NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]) : PRISMA_TYPES[field.type];
  return type && field.isList ? `${type}[]` : type;
}

function hasDatabaseDefault(field: Field): boolean {
  if (!field.hasDefaultValue) return false;
  const generator = field.default;
  return !(generator && typeof generator === 'object' && 'name' in generator && CLIENT_SIDE_DEFAULTS.includes(generator.name));
}

/** Prisma Migrate's names for constraints and indexes without an explicit `map:`. */
function conventionalName(table: string, columns: readonly string[], kind: 'id' | 'unique' | 'normal' | 'fk'): string {
  if (kind === 'id') return `${table}_pkey`;
  return `${table}_${columns.join('_')}_${{ unique: 'key', normal: 'idx', fk: 'fkey' }[kind]}`;
}

/** Every way in which the migrated database differs from the schema, one line each; empty when they agree. */
function findDrift(datamodel: Datamodel, db: DatabaseSchema): string[] {
  const problems: string[] = [];
  const modelTables = datamodel.models.map(tableOf);
  for (const table of modelTables) if (!db.tables.includes(table)) problems.push(`table ${table}: missing`);
  for (const table of db.tables) if (!modelTables.includes(table)) problems.push(`table ${table}: not in schema.prisma`);

  const expectedIndexes: Index[] = [];
  const expectedForeignKeys: ForeignKey[] = [];
  for (const model of datamodel.models) {
    const table = tableOf(model);
    const scalarFields = model.fields.filter((field) => field.kind === 'scalar' || field.kind === 'enum');
    const columnName = (fieldName: string) => columnOf(model.fields.find((field) => field.name === fieldName) as Field);

    for (const field of scalarFields) {
      const name = `${table}.${columnOf(field)}`;
      const column = db.columns.find((candidate) => candidate.table === table && candidate.column === columnOf(field));
      if (!column) {
        problems.push(`column ${name}: missing`);
        continue;
      }
      const type = expectedType(field, datamodel);
      if (!type) problems.push(`column ${name}: no known column type for ${field.type} ${JSON.stringify(field.nativeType)}; extend this test`);
      else if (column.type !== type) problems.push(`column ${name}: type ${column.type}, schema says ${type}`);
      if (!field.isList && column.nullable === field.isRequired) {
        problems.push(`column ${name}: ${column.nullable ? 'nullable' : 'NOT NULL'}, schema says ${field.isRequired ? 'required' : 'optional'}`);
      }
      if (column.hasDefault !== hasDatabaseDefault(field)) {
        problems.push(`column ${name}: ${column.hasDefault ? 'has a' : 'lacks its'} default, schema says ${JSON.stringify(field.default ?? null)}`);
      }
    }
    for (const column of db.columns) {
      if (column.table === table && !scalarFields.some((field) => columnOf(field) === column.column)) {
        problems.push(`column ${table}.${column.column}: not in schema.prisma`);
      }
    }

    for (const index of datamodel.indexes.filter((candidate) => candidate.model === model.name)) {
      if (index.type === 'fulltext') continue; // MySQL only
      const columns = index.fields.map((field) => columnName(field.name));
      expectedIndexes.push({ table, kind: index.type, columns, name: index.dbName ?? conventionalName(table, columns, index.type) });
    }
    for (const field of model.fields) {
      if (!field.relationFromFields?.length) continue;
      const referenced = datamodel.models.find((candidate) => candidate.name === field.type) as Model;
      const columns = field.relationFromFields.map(columnName);
      expectedForeignKeys.push({
        table,
        name: conventionalName(table, columns, 'fk'),
        columns,
        referencedTable: tableOf(referenced),
        referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(referenced.fields.find((f) => f.name === name) as Field)),
      });
    }
  }

  expectedIndexes.push(...RAW_SQL_INDEXES);
  const describeIndex = (index: Index) =>
    `${index.kind} index ${index.name} on ${index.table}(${index.columns.join(', ')})${index.predicate ? ` where ${index.predicate}` : ''}`;
  const describeForeignKey = (key: ForeignKey) =>
    `foreign key ${key.name} ${key.table}(${key.columns.join(', ')}) -> ${key.referencedTable}(${key.referencedColumns.join(', ')})`;
  problems.push(...symmetricDifference(expectedIndexes.map(describeIndex), db.indexes.map(describeIndex)));
  problems.push(...symmetricDifference(expectedForeignKeys.map(describeForeignKey), db.foreignKeys.map(describeForeignKey)));
  return problems;
}

function symmetricDifference(inSchema: string[], inDatabase: string[]): string[] {
  return [
    ...inSchema.filter((item) => !inDatabase.includes(item)).map((item) => `${item}: missing`),
    ...inDatabase.filter((item) => !inSchema.includes(item)).map((item) => `${item}: not in schema.prisma`),
  ];
}

describe('schema.prisma and prisma/migrations', () => {
  let datamodel: Datamodel;

  beforeAll(async () => {
    datamodel = (await getDMMF({ datamodel: readFileSync(SCHEMA_FILE, 'utf8') })).datamodel;
  });

  it('describe the same tables, columns, types, nullability, defaults, indexes and foreign keys', async () => {
    const db = await createTestDatabase();
    try {
      const schema = await readDatabaseSchema(db.url);
      expect(schema.tables.length).toBe(datamodel.models.length);
      expect(findDrift(datamodel, schema)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('are told apart when the migrations build something else', async () => {
    // Guards the comparison above against passing vacuously: one more migration that drifts in every way.
    const scratch = mkdtempSync(path.join(tmpdir(), 'regie-drift-'));
    let db: TestDatabase | undefined;
    try {
      const migrationsDir = path.join(scratch, 'migrations');
      cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
      mkdirSync(path.join(migrationsDir, '29991231000000_drift'));
      writeFileSync(
        path.join(migrationsDir, '29991231000000_drift', 'migration.sql'),
        `ALTER TABLE "tender" DROP COLUMN "cancel_reason";
         ALTER TABLE "tender" ALTER COLUMN "title" TYPE VARCHAR(200), ALTER COLUMN "title" DROP NOT NULL;
         ALTER TABLE "notification" ALTER COLUMN "attempts" DROP DEFAULT;
         ALTER TABLE "event" ADD COLUMN "extra" TEXT;
         CREATE TABLE "stray" ("id" TEXT);
         DROP INDEX "task_status_due_date_idx";
         CREATE INDEX "task_status_due_date_idx" ON "task"("due_date", "status");
         DROP INDEX "task_open_kind_due_date_idx";
         CREATE INDEX "task_open_kind_due_date_idx" ON "task"("kind", "due_date") WHERE "status" <> 'done';
         ALTER TABLE "award" DROP CONSTRAINT "award_tender_id_fkey";`,
      );
      db = await createTestDatabase({ migrationsDir });

      expect(findDrift(datamodel, await readDatabaseSchema(db.url)).sort()).toEqual(
        [
          'table stray: not in schema.prisma',
          'column tender.cancel_reason: missing',
          'column tender.title: type character varying(200), schema says text',
          'column tender.title: nullable, schema says required',
          'column notification.attempts: lacks its default, schema says 1',
          'column event.extra: not in schema.prisma',
          'normal index task_status_due_date_idx on task(status, due_date): missing',
          'normal index task_status_due_date_idx on task(due_date, status): not in schema.prisma',
          "normal index task_open_kind_due_date_idx on task(kind, due_date) where (status = 'open'::text): missing",
          "normal index task_open_kind_due_date_idx on task(kind, due_date) where (status <> 'done'::text): not in schema.prisma",
          'foreign key award_tender_id_fkey award(tender_id) -> tender(id): missing',
        ].sort(),
      );
    } finally {
      await db?.drop();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
