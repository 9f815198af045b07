/**
 * The managers' failures overview (GET /overview/failures) through the HTTP API, on events seeded
 * straight into an isolated database: only recorded failures, newest first, the filters, the limit,
 * a contract whose row is missing, each commissioner's own share, refusals, and the partial index. The
 * route reads PostgreSQL only, so the Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { failuresQuery } from '../../api/routes/failures';
import { toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let zaanstad: ApiTokenHeaders;
let purmerend: ApiTokenHeaders;
let dock: ApiTokenHeaders;

const ZAANSTAD = 'Gemeente Zaanstad';
const PURMEREND = 'Gemeente Purmerend';

const at = (minutesAgo: number) => new Date(Date.UTC(2027, 2, 1, 12, 0) - minutesAgo * 60_000);

// minutesAgo: the newest failure first in the overview.
const events = [
  { id: 'e-notification-noord', type: 'notification.failed', contractId: 'c-noord', tenderId: 'tender-zaanstad', minutesAgo: 30, data: { kind: 'task-assigned', recipients: ['x@refused.example'], error: '550 no such mailbox' } },
  // A contract term's events carry its tender: that is whose overview shows the failure when the contract row is missing.
  { id: 'e-record-missing', type: 'record.failed', contractId: 'c-missing', tenderId: 'tender-zaanstad', minutesAgo: 5, data: { activity: 'recordContractStatus', recordId: 'c-missing', error: 'recordContractStatus: No record was found for an update.', event: { type: 'contract.active' } } },
  { id: 'e-background-jeugd', type: 'workflow.backgroundFailed', contractId: 'c-jeugd', tenderId: 'tender-purmerend', minutesAgo: 10, data: { error: 'Activity task failed', type: 'RecordNotFound' } },
  { id: 'e-record-tender', type: 'record.failed', tenderId: 'tender-purmerend', minutesAgo: 20, data: { activity: 'recordTenderState', recordId: 'tender-purmerend', error: 'recordTenderState: No record was found for an update.', event: { type: 'tender.phaseEntered' } } },
  // Neither its contract nor a tender is known: it belongs to no organisation's overview.
  { id: 'e-orphan', type: 'record.failed', contractId: 'c-unknown', minutesAgo: 3, data: { activity: 'recordContractStatus', recordId: 'c-unknown', error: 'No record was found for an update.' } },
  // Not failures: never listed.
  { id: 'e-active-noord', type: 'contract.active', contractId: 'c-noord', tenderId: 'tender-zaanstad', minutesAgo: 1, data: {} },
  { id: 'e-task-completed', type: 'task.completed', contractId: 'c-jeugd', tenderId: 'tender-purmerend', minutesAgo: 2, data: { error: 'not a failure' } },
];

async function seed(prisma: TestDatabase['prisma']): Promise<void> {
  await prisma.tender.createMany({
    data: [
      { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027', leadOrganisation: ZAANSTAD },
      { id: 'tender-purmerend', title: 'Jeugdhulp Purmerend 2027', leadOrganisation: PURMEREND },
    ].map((t) => ({
      ...t,
      workflowId: `tender-${t.id}`,
      procurementForm: 'europeanOpen',
      estimatedValueCents: 1_000_000_00n,
      contractStart: toUtcDate('2027-01-01'),
      termYears: 8,
      phase: 'completed',
      status: 'completed',
      launch: {},
      launchedAt: at(1000),
    })),
  });
  await prisma.contract.createMany({
    data: [
      { id: 'c-noord', tenderId: 'tender-zaanstad', lotId: 'noord', lotTitle: 'Wijkteam Noord', commissioner: ZAANSTAD, provider: 'DOCK' },
      { id: 'c-jeugd', tenderId: 'tender-purmerend', lotId: 'jeugd', lotTitle: 'Jeugdhulp ambulant', commissioner: PURMEREND, provider: 'DOCK' },
    ].map((c) => ({
      ...c,
      commissioners: [c.commissioner],
      workflowId: `contract-term-${c.id}`,
      valueCents: 500_000_00n,
      startDate: toUtcDate('2027-01-01'),
      endDate: toUtcDate('2034-12-31'),
      status: 'active',
      terms: {},
    })),
  });
  await prisma.event.createMany({
    data: events.map((e) => ({
      id: e.id,
      workflowId: e.contractId ? `contract-term-${e.contractId}` : `tender-${e.tenderId}`,
      contractId: e.contractId ?? null,
      tenderId: e.tenderId ?? null,
      type: e.type,
      data: e.data,
      occurredAt: at(e.minutesAgo),
    })),
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma);
  // Lazy: connects on first use only, and this route never uses it.
  temporal = new Client();
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  zaanstad = await apiTokenFor(db.prisma, ZAANSTAD, ['contractManager']);
  purmerend = await apiTokenFor(db.prisma, PURMEREND, ['manager']);
  dock = await apiTokenFor(db.prisma, 'DOCK', ['contractContact'], { kind: 'provider' });
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await db?.drop();
});

async function get(url: string, as: ApiTokenHeaders | undefined) {
  const response = await api.inject({ method: 'GET', url, headers: { ...as } });
  return { status: response.statusCode, body: response.json() };
}

const ids = (body: { failures: { id: string }[] }) => body.failures.map((f) => f.id);

describe('GET /overview/failures', () => {
  it("lists the recorded failures on the organisation's contracts and tenders only, newest first, with workflow, tender, contract, type, error and when", async () => {
    const { status, body } = await get('/overview/failures', zaanstad);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['e-record-missing', 'e-notification-noord']);
    expect(body.truncated).toBe(false);
    expect(body.filters).toEqual({ type: null, tenderId: null, contractId: null, commissioner: null });
    expect(body.failures[1]).toEqual({
      id: 'e-notification-noord',
      type: 'notification.failed',
      title: 'Bericht niet bezorgd: informeer de ontvangers zelf',
      workflowId: 'contract-term-c-noord',
      tender: { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027' },
      contract: { id: 'c-noord', lotId: 'noord', lotTitle: 'Wijkteam Noord', commissioner: ZAANSTAD, provider: 'DOCK' },
      error: '550 no such mailbox',
      occurredAt: at(30).toISOString(),
      details: events[0]!.data,
    });
    // Purmerend sees its own, none of Zaanstad's; nobody sees a failure that belongs to no organisation.
    expect(ids((await get('/overview/failures', purmerend)).body)).toEqual(['e-background-jeugd', 'e-record-tender']);
  });

  it('shows a failure of a contract whose row is missing, through its tender, with what the activity was meant to record', async () => {
    const { body } = await get('/overview/failures?type=record.failed&contractId=c-missing', zaanstad);
    expect(body.failures).toEqual([
      expect.objectContaining({
        id: 'e-record-missing',
        title: 'Vastlegging mislukt: het gegeven bestaat niet in de database',
        tender: { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027' },
        contract: { id: 'c-missing', lotId: null, lotTitle: null, commissioner: null, provider: null },
        error: 'recordContractStatus: No record was found for an update.',
        details: expect.objectContaining({ activity: 'recordContractStatus', recordId: 'c-missing', event: { type: 'contract.active' } }),
      }),
    ]);
    expect((await get('/overview/failures?type=record.failed&contractId=c-missing', purmerend)).body.failures).toEqual([]);
  });

  it('filters by type, tender (also through its contract), contract and commissioner; another organisation gives nothing', async () => {
    expect(ids((await get('/overview/failures?type=record.failed', purmerend)).body)).toEqual(['e-record-tender']);
    expect(ids((await get('/overview/failures?type=workflow.backgroundFailed', purmerend)).body)).toEqual(['e-background-jeugd']);
    expect(ids((await get('/overview/failures?tenderId=tender-purmerend', purmerend)).body)).toEqual(['e-background-jeugd', 'e-record-tender']);
    expect(ids((await get('/overview/failures?tenderId=tender-purmerend', zaanstad)).body)).toEqual([]);
    expect(ids((await get('/overview/failures?contractId=c-noord', zaanstad)).body)).toEqual(['e-notification-noord']);
    expect(ids((await get('/overview/failures?contractId=c-noord', purmerend)).body)).toEqual([]);
    const own = await get(`/overview/failures?commissioner=${encodeURIComponent(PURMEREND)}`, purmerend);
    expect(ids(own.body)).toEqual(['e-background-jeugd', 'e-record-tender']);
    expect(own.body.filters).toEqual({ type: null, tenderId: null, contractId: null, commissioner: PURMEREND });
    expect(ids((await get(`/overview/failures?commissioner=${encodeURIComponent(ZAANSTAD)}&type=record.failed`, zaanstad)).body)).toEqual(['e-record-missing']);
    expect(ids((await get(`/overview/failures?commissioner=${encodeURIComponent(ZAANSTAD)}`, purmerend)).body)).toEqual([]);
  });

  it('returns at most `limit` failures, the newest, and says the list is truncated', async () => {
    const one = await get('/overview/failures?limit=1', purmerend);
    expect(ids(one.body)).toEqual(['e-background-jeugd']);
    expect(one.body.truncated).toBe(true);
    const two = await get('/overview/failures?limit=2', purmerend);
    expect(two.body.failures).toHaveLength(2);
    expect(two.body.truncated).toBe(false);
  });

  it('is for commissioner staff: anonymous 401, a provider 403', async () => {
    expect((await get('/overview/failures', undefined)).status).toBe(401);
    const provider = await get('/overview/failures', dock);
    expect(provider.status).toBe(403);
    expect(provider.body.message).toMatch(/contractManager or manager/);
  });

  it('refuses an unknown type, an unknown filter and a limit out of range, naming the field', async () => {
    for (const url of ['/overview/failures?type=contract.active', '/overview/failures?limit=0', '/overview/failures?limit=1001', '/overview/failures?provider=DOCK']) {
      const { status, body } = await get(url, zaanstad);
      expect(status).toBe(400);
      expect(body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request' }));
    }
  });

  it('reads the failures through the partial index event_failure_occurred_at_idx', async () => {
    const plan = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN ${failuresQuery({ limit: 100 }, [ZAANSTAD])}`;
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('event_failure_occurred_at_idx');
  });
});
