/**
 * The API keeps the answers of its hot reads (the overdue overview, a provider's task list, an API
 * token's principal) until PostgreSQL announces a write to what they read (api/read-cache.ts,
 * db/change-feed.ts, the triggers of prisma/migrations/20261202100000_change_notifications). Against a
 * real database: a write by anyone (here straight into the tables, as the worker's activities do) is
 * seen on the next read once announced, a rolled-back write is not announced, a revoked token is
 * refused, and while the feed has lost its connection every read goes to the database.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { ReadCache } from '../../api/read-cache';
import { buildApi } from '../../api/server';
import { CHANGE_CHANNEL, CHANGE_TABLES, ChangeFeed, type ChangeTable } from '../../db/change-feed';
import { addDaysTo, toIsoDate, toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase, withClient } from '../helpers/database';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type PostgresInstance, startPostgresInstance } from '../helpers/postgres-instance';
import { contractRow } from '../helpers/supplementary-records';
import { eventually } from '../helpers/production-topology';

let db: TestDatabase;
let feed: ChangeFeed;
let temporal: Client;
let api: FastifyInstance;
let zaanstad: ApiTokenHeaders;
let dock: ApiTokenHeaders;

const ZAANSTAD = 'Gemeente Zaanstad';
const DOCK = 'DOCK';
const today = toIsoDate(new Date());

const overdueTask = (id: string, daysOverdue: number) => ({
  id,
  workflowId: 'wf-c-noord',
  contractId: 'c-noord',
  kind: 'accountabilityReport',
  title: id,
  role: 'contractContact',
  organisation: DOCK,
  commissioner: ZAANSTAD,
  provider: DOCK,
  dueDate: toUtcDate(addDaysTo(today, -daysOverdue)),
  status: 'open',
  openedAt: new Date(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.contract.createMany({
    data: [
      { ...contractRow('c-noord', [ZAANSTAD], DOCK), workflowId: 'wf-c-noord' },
      { ...contractRow('c-elders', ['Gemeente Elders'], 'Elders'), workflowId: 'wf-c-elders' },
    ],
  });
  await db.prisma.task.createMany({ data: [overdueTask('t-first', 10), overdueTask('t-second', 5)] });
  feed = await ChangeFeed.start(db.url);
  temporal = new Client(); // lazy: these reads never talk to Temporal
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused', readCache: new ReadCache(feed) }, { logger: false });
  zaanstad = await apiTokenFor(db.prisma, ZAANSTAD, ['contractManager']);
  dock = await apiTokenFor(db.prisma, DOCK, ['contractContact'], { kind: 'provider' });
});

afterAll(async () => {
  await api?.close();
  await feed?.close();
  await temporal?.connection.close();
  await db?.drop();
});

async function get(url: string, as: ApiTokenHeaders) {
  const response = await api.inject({ method: 'GET', url, headers: { ...as } });
  return { status: response.statusCode, body: response.json() };
}

const overdueIds = async () => (await get('/overview/overdue', zaanstad)).body.tasks.map((task: { id: string }) => task.id);
const providerIds = async () => (await get(`/providers/${encodeURIComponent(DOCK)}/tasks`, dock)).body.tasks.map((task: { id: string }) => task.id);

/** Runs `write`, then waits until the feed has heard of a change to `table` (any part of it). */
async function announced(table: ChangeTable, write: () => Promise<unknown>): Promise<void> {
  const before = feed.stampOf([{ table }]);
  await write();
  await eventually(`a write to ${table} heard`, async () => feed.stampOf([{ table }]), (stamp) => stamp !== before, 10_000);
}

/** The payloads announced while `write` runs and commits, heard on a connection of the test's own. */
async function payloadsOf(write: () => Promise<unknown>): Promise<string[]> {
  return withClient(db.url, async (pg) => {
    const heard: string[] = [];
    pg.on('notification', ({ payload }) => heard.push(payload ?? ''));
    await pg.query(`LISTEN ${CHANGE_CHANNEL}`);
    await write();
    // A notification of the test's own after it: once that is heard, so are the write's (delivered in commit order).
    await pg.query(`SELECT pg_notify('${CHANGE_CHANNEL}', 'end')`);
    await eventually('the end of the writes heard', async () => heard.includes('end'), Boolean, 10_000);
    return heard.filter((payload) => payload !== 'end');
  });
}

const audienceOf = async (taskId: string) => (await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).audienceId;

const feedIs = (live: boolean) => eventually(`the feed ${live ? 'listening' : 'lost'}`, async () => feed.live, (now) => now === live, 10_000);

describe('the read cache', () => {
  it('announces a write to each table it keeps answers from, from a trigger on that table', async () => {
    const { rows } = await withClient(db.url, (pg) =>
      pg.query<{ table: string }>(`SELECT DISTINCT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE '%notify_change' AND NOT t.tgisinternal`),
    );
    expect(rows.map((row) => row.table).sort()).toEqual([...CHANGE_TABLES].sort());
  });

  it("announces a task write with the audiences and owners of its rows before and after, once per transaction", async () => {
    const audience = await audienceOf('t-second');
    expect(audience).not.toBeNull();
    // Completed: its audience is gone after (a task that is not open has none), so the one before is named.
    expect(await payloadsOf(() => db.prisma.task.update({ where: { id: 't-second' }, data: { status: 'done' } }))).toEqual([`task|a:${audience}|o:${DOCK}`]);
    expect(await payloadsOf(() => db.prisma.task.update({ where: { id: 't-second' }, data: { status: 'open' } }))).toEqual([`task|a:${audience}|o:${DOCK}`]);
    // Two statements of one transaction with the same rows: one notification.
    const twice = () => db.prisma.$transaction([db.prisma.task.update({ where: { id: 't-second' }, data: { note: 'a' } }), db.prisma.task.update({ where: { id: 't-second' }, data: { note: null } })]);
    expect(await payloadsOf(twice)).toEqual([`task|a:${audience}|o:${DOCK}`]);
    // A statement that writes no row announces nothing; the other tables only their name.
    expect(await payloadsOf(() => db.prisma.task.updateMany({ where: { id: 'none' }, data: { note: 'x' } }))).toEqual([]);
    expect(await payloadsOf(() => db.prisma.contract.update({ where: { id: 'c-noord' }, data: { lotTitle: 'Wijkteam Noord' } }))).toEqual(['contract']);
  });

  it('reads once for many requests and concurrent misses, and again after a write to what it read', async () => {
    const cache = new ReadCache(feed);
    let reads = 0;
    const read = () => cache.read('key', [{ table: 'contract' }], async () => ++reads);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(await read()).toBe(1);
    // A write to a table it did not read changes nothing.
    await announced('tender', () => db.prisma.tender.updateMany({ data: { title: 'ongewijzigd' }, where: { id: 'none' } }));
    expect(await read()).toBe(1);
    await announced('contract', () => db.prisma.contract.update({ where: { id: 'c-noord' }, data: { lotTitle: 'Wijkteam Noord' } }));
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it("keeps what read one audience's tasks through writes to another's, until its own or the whole table is written", async () => {
    const cache = new ReadCache(feed);
    const audience = (await audienceOf('t-second'))!;
    let reads = 0;
    const read = () => cache.read('audience', [], async () => ++reads, async () => [{ table: 'task', parts: [`a:${audience}`] }]);
    expect(await read()).toBe(1);
    // Another organisation's task on a contract made for another municipality.
    await announced('task', () => db.prisma.task.create({ data: { ...overdueTask('t-elsewhere', 3), contractId: 'c-elders', workflowId: 'wf-c-elders', organisation: 'Elders' } }));
    expect(await audienceOf('t-elsewhere')).not.toBe(audience);
    expect(await read()).toBe(1);
    await announced('task', () => db.prisma.task.update({ where: { id: 't-second' }, data: { note: 'gezien' } }));
    expect(await read()).toBe(2);
    // A statement too large to name its rows says "task": every part.
    await announced('task', () => withClient(db.url, (pg) => pg.query(`SELECT pg_notify('${CHANGE_CHANNEL}', 'task')`)));
    expect(await read()).toBe(3);
  });

  it('gives the overview and the provider list the new state once a task is written', async () => {
    expect(await overdueIds()).toEqual(['t-first', 't-second']);
    expect(await providerIds()).toEqual(['t-first', 't-second']);

    await announced('task', () => db.prisma.task.update({ where: { id: 't-first' }, data: { status: 'done', completedAt: new Date() } }));
    expect(await overdueIds()).toEqual(['t-second']);
    expect(await providerIds()).toEqual(['t-second']);

    await announced('task', () => db.prisma.task.create({ data: overdueTask('t-third', 20) }));
    expect(await overdueIds()).toEqual(['t-third', 't-second']);
    expect(await providerIds()).toEqual(['t-third', 't-second']);
  });

  it('hears nothing of a write that is rolled back', async () => {
    const stamp = feed.stampOf([{ table: 'task' }]);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.task.update({ where: { id: 't-second' }, data: { status: 'cancelled' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A committed write to another table after it: once that is heard, so would the rolled-back one have been.
    await announced('contract', () => db.prisma.contract.update({ where: { id: 'c-noord' }, data: { lotTitle: 'Wijkteam Noord-Oost' } }));
    expect(feed.stampOf([{ table: 'task' }])).toEqual(stamp);
    expect(await overdueIds()).toEqual(['t-third', 't-second']);
  });

  it('refuses a revoked API token on its next request', async () => {
    const token = await apiTokenFor(db.prisma, ZAANSTAD, ['contractManager'], { label: 'revoked soon' });
    expect((await get('/overview/overdue', token)).status).toBe(200);
    await announced('api_token', () => db.prisma.apiToken.updateMany({ where: { label: 'revoked soon' }, data: { revokedAt: new Date() } }));
    expect((await get('/overview/overdue', token)).status).toBe(401);
  });

  it('reads from the database while the feed has lost its connection, and keeps answers again once it listens', async () => {
    await withClient(db.url, (pg) => pg.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'regie-change-feed' AND datname = current_database()`));
    await feedIs(false);
    // A write it cannot hear: still seen, since nothing kept is given while it does not listen (and once it
    // listens again, nothing kept from before: it may have missed writes).
    await db.prisma.task.update({ where: { id: 't-third' }, data: { status: 'done' } });
    expect(await overdueIds()).toEqual(['t-second']);
    await feedIs(true);
    expect(await overdueIds()).toEqual(['t-second']);
    await announced('task', () => db.prisma.task.update({ where: { id: 't-second' }, data: { status: 'done' } }));
    expect(await overdueIds()).toEqual([]);
  });
});

describe('the change feed of an API started while PostgreSQL is down', () => {
  let postgres: PostgresInstance;
  let late: ChangeFeed;

  beforeAll(async () => {
    postgres = await startPostgresInstance();
    await postgres.stop();
  });

  afterAll(async () => {
    await late?.close();
    await postgres?.destroy();
  });

  it('reads from the database until PostgreSQL is back, then listens and keeps answers', async () => {
    late = await ChangeFeed.start(postgres.url);
    expect(late.live).toBe(false);
    const cache = new ReadCache(late);
    let reads = 0;
    const read = () => cache.read('key', [{ table: 'task' }], async () => ++reads);
    expect([await read(), await read()]).toEqual([1, 2]);
    await postgres.start();
    await eventually('the late feed listening', async () => late.live, Boolean, 30_000);
    expect([await read(), await read()]).toEqual([3, 3]);
  });
});
