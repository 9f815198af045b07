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
import { CHANGE_TABLES, ChangeFeed, type ChangeTable } from '../../db/change-feed';
import { addDaysTo, toIsoDate, toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase, withClient } from '../helpers/database';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
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
  await db.prisma.contract.create({ data: { ...contractRow('c-noord', [ZAANSTAD], DOCK), workflowId: 'wf-c-noord' } });
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

/** Runs `write`, then waits until the feed has heard of a change to `table`. */
async function announced(table: ChangeTable, write: () => Promise<unknown>): Promise<void> {
  const before = feed.stampOf([table]);
  await write();
  await eventually(`a write to ${table} heard`, async () => feed.stampOf([table]), (stamp) => stamp !== before, 10_000);
}

const feedIs = (live: boolean) => eventually(`the feed ${live ? 'listening' : 'lost'}`, async () => feed.live, (now) => now === live, 10_000);

describe('the read cache', () => {
  it('announces a write to each table it keeps answers from, from a trigger on that table', async () => {
    const { rows } = await withClient(db.url, (pg) =>
      pg.query<{ table: string }>(`SELECT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = c.relname || '_notify_change' AND NOT t.tgisinternal`),
    );
    expect(rows.map((row) => row.table).sort()).toEqual([...CHANGE_TABLES].sort());
  });

  it('reads once for many requests and concurrent misses, and again after a write to a table it read', async () => {
    const cache = new ReadCache(feed);
    let reads = 0;
    const read = () => cache.read('key', ['task'], async () => ++reads);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(await read()).toBe(1);
    // A write to a table it did not read changes nothing.
    await announced('tender', () => db.prisma.tender.updateMany({ data: { title: 'ongewijzigd' }, where: { id: 'none' } }));
    expect(await read()).toBe(1);
    await announced('task', () => db.prisma.task.updateMany({ data: { note: 'x' }, where: { id: 'none' } }));
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
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
    const stamp = feed.stampOf(['task']);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.task.update({ where: { id: 't-second' }, data: { status: 'cancelled' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A committed write to another table after it: once that is heard, so would the rolled-back one have been.
    await announced('contract', () => db.prisma.contract.update({ where: { id: 'c-noord' }, data: { lotTitle: 'Wijkteam Noord-Oost' } }));
    expect(feed.stampOf(['task'])).toEqual(stamp);
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
