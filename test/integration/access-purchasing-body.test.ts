/**
 * A purchasing body (RIGG) contracts for its municipalities: the recordContract activity records every
 * organisation the contract is made for (contract.commissioners, from the tender's launch), so the
 * purchasing body and each municipality it acts for see the contract, its tasks, its tender and their
 * overviews; a municipality it does not act for sees none of it. On an isolated database; these routes
 * read PostgreSQL only, so the Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ActivityDeps } from '../../activities/deps';
import { makeRecordContract } from '../../activities/record-contract';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate, toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
const as = {} as Record<'rigg' | 'zaanstad' | 'wormerland' | 'purmerend' | 'smd', ApiTokenHeaders>;

const RIGG = 'RIGG';
const ZAANSTAD = 'Gemeente Zaanstad';
const WORMERLAND = 'Gemeente Wormerland';
const today = toIsoDate(new Date());

beforeAll(async () => {
  db = await createTestDatabase();
  temporal = new Client();
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  as.rigg = await apiTokenFor(db.prisma, RIGG, ['contractManager', 'procurementOfficer'], { kind: 'purchasingBody' });
  as.zaanstad = await apiTokenFor(db.prisma, ZAANSTAD, ['contractManager']);
  as.wormerland = await apiTokenFor(db.prisma, WORMERLAND, ['manager']);
  as.purmerend = await apiTokenFor(db.prisma, 'Gemeente Purmerend', ['contractManager', 'manager']);
  as.smd = await apiTokenFor(db.prisma, 'SMD', ['contractContact'], { kind: 'provider' });

  await db.prisma.tender.create({
    data: {
      id: 'tender-rigg',
      workflowId: 'tender-tender-rigg',
      title: 'Jeugdhulp Zaanstreek 2027',
      procurementForm: 'socialServicesLightRegime',
      leadOrganisation: RIGG,
      estimatedValueCents: 10_000_000_00n,
      contractStart: toUtcDate('2027-01-01'),
      termYears: 8,
      phase: 'completed',
      status: 'completed',
      launch: { commissioners: [{ organisation: RIGG, kind: 'purchasingBody', actsFor: [ZAANSTAD, WORMERLAND] }] },
      launchedAt: new Date(),
    },
  });
  // As the tender's final award records it: the lead commissioner only; the activity finds the rest.
  await makeRecordContract({ prisma: db.prisma } as ActivityDeps)({
    contract: {
      id: 'tender-rigg-jeugd',
      workflowId: 'contract-tender-rigg-jeugd',
      tenderId: 'tender-rigg',
      lotId: 'jeugd',
      lotTitle: 'Jeugdhulp ambulant',
      commissioner: RIGG,
      provider: 'SMD',
      valueCents: 5_000_000_00,
      startDate: '2027-01-01',
      endDate: '2034-12-31',
      status: 'awarded',
      terms: {},
    },
    event: { id: 'e-awarded', workflowId: 'tender-tender-rigg', tenderId: 'tender-rigg', type: 'contract.awarded', data: {}, occurredAt: new Date().toISOString() },
  });
  await db.prisma.task.create({
    data: {
      id: 't-report-jeugd',
      workflowId: 'accountability-tender-rigg-jeugd-1',
      contractId: 'tender-rigg-jeugd',
      kind: 'accountabilityReport',
      title: 'Verantwoording Q1',
      role: 'contractContact',
      organisation: 'SMD',
      commissioner: RIGG,
      provider: 'SMD',
      dueDate: toUtcDate(addDaysTo(today, -3)),
      status: 'open',
      openedAt: new Date(),
    },
  });
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await db?.drop();
});

async function get(url: string, who: ApiTokenHeaders) {
  const response = await api.inject({ method: 'GET', url, headers: { ...who } });
  return { status: response.statusCode, body: response.json() };
}

const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id);

test('recordContract records every organisation the contract is made for: the purchasing body and the municipalities it acts for', async () => {
  const row = await db.prisma.contract.findUnique({ where: { id: 'tender-rigg-jeugd' } });
  expect(row?.commissioners).toEqual([RIGG, ZAANSTAD, WORMERLAND]);
});

test('the purchasing body and each municipality it acts for see the contract; another municipality does not', async () => {
  for (const who of [as.rigg, as.zaanstad, as.wormerland, as.smd]) {
    expect(idsOf((await get('/contracts', who)).body)).toEqual(['tender-rigg-jeugd']);
  }
  expect((await get('/contracts', as.purmerend)).body).toEqual([]);
  expect(idsOf((await get(`/contracts?commissioner=${encodeURIComponent(WORMERLAND)}`, as.wormerland)).body)).toEqual(['tender-rigg-jeugd']);
  expect((await get(`/contracts?commissioner=${encodeURIComponent(WORMERLAND)}`, as.purmerend)).body).toEqual([]);
});

test("the purchasing body's tender is seen by the municipalities it acts for, not by another", async () => {
  for (const who of [as.rigg, as.zaanstad, as.wormerland]) {
    expect(idsOf((await get('/tenders', who)).body)).toEqual(['tender-rigg']);
  }
  expect((await get('/tenders', as.purmerend)).body).toEqual([]);
  expect((await get('/tenders', as.smd)).body).toEqual([]);
});

test("the provider's overdue report shows in the municipalities' overviews and task lists, not in another's", async () => {
  for (const who of [as.rigg, as.zaanstad, as.wormerland]) {
    expect(idsOf((await get('/overview/overdue', who)).body.tasks)).toEqual(['t-report-jeugd']);
    expect(idsOf((await get('/tasks', who)).body)).toEqual(['t-report-jeugd']);
  }
  expect((await get('/overview/overdue', as.purmerend)).body.tasks).toEqual([]);
  expect((await get('/tasks', as.purmerend)).body).toEqual([]);
  expect((await get('/tasks/t-report-jeugd', as.purmerend)).status).toBe(404);
  expect((await get('/tasks/t-report-jeugd', as.wormerland)).status).toBe(200);
});
