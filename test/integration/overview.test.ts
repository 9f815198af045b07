/**
 * The managers' overdue overview and the provider task list, through the HTTP API, on rows seeded
 * straight into an isolated database: filters, order, days overdue, totals per kind, each
 * organisation's own share (a commissioner's staff see their contracts and tenders, a provider its own
 * tasks), refusals. These routes read PostgreSQL only, so the Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { makeRecordTask } from '../../activities/record-task';
import type { ActivityDeps } from '../../activities/deps';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate, toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let zaanstad: ApiTokenHeaders;
let purmerend: ApiTokenHeaders;
let zaanstadOfficer: ApiTokenHeaders;
let providers: Record<string, ApiTokenHeaders>;

const today = toIsoDate(new Date());
const ZAANSTAD = 'Gemeente Zaanstad';
const PURMEREND = 'Gemeente Purmerend';
const DOCK = 'DOCK';
const LDH = 'Leger des Heils';
const SPIRIT = 'Spirit';

const tenders = [
  { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027', leadOrganisation: ZAANSTAD },
  { id: 'tender-purmerend', title: 'Jeugdhulp Purmerend 2027', leadOrganisation: PURMEREND },
];

const contracts = [
  { id: 'c-noord', tenderId: 'tender-zaanstad', lotId: 'noord', lotTitle: 'Wijkteam Noord', commissioner: ZAANSTAD, provider: DOCK },
  { id: 'c-zuid', tenderId: 'tender-zaanstad', lotId: 'zuid', lotTitle: 'Wijkteam Zuid', commissioner: ZAANSTAD, provider: LDH },
  { id: 'c-jeugd', tenderId: 'tender-purmerend', lotId: 'jeugd', lotTitle: 'Jeugdhulp ambulant', commissioner: PURMEREND, provider: DOCK },
  { id: 'c-beschermd', tenderId: null, lotId: 'bw', lotTitle: 'Beschermd wonen', commissioner: PURMEREND, provider: SPIRIT },
];

interface SeedTask {
  id: string;
  contractId?: string;
  tenderId?: string;
  kind: string;
  role: string;
  organisation: string;
  due: number;
  status?: 'open' | 'done' | 'cancelled';
  escalated?: boolean;
}

// due: days from today. Overdue = open and due before today.
const tasks: SeedTask[] = [
  { id: 't-a-report-noord', contractId: 'c-noord', kind: 'accountabilityReport', role: 'contractContact', organisation: DOCK, due: -10, escalated: true },
  { id: 't-b-followup-noord', contractId: 'c-noord', kind: 'followUpAction', role: 'contractContact', organisation: DOCK, due: -10 },
  { id: 't-conversation-noord', contractId: 'c-noord', kind: 'accountabilityConversation', role: 'contractManager', organisation: ZAANSTAD, due: -3 },
  { id: 't-report-zuid', contractId: 'c-zuid', kind: 'accountabilityReport', role: 'contractContact', organisation: LDH, due: -30, escalated: true },
  { id: 't-midterm-zuid', contractId: 'c-zuid', kind: 'midtermReview', role: 'contractManager', organisation: ZAANSTAD, due: -1 },
  { id: 't-report-jeugd', contractId: 'c-jeugd', kind: 'accountabilityReport', role: 'contractContact', organisation: DOCK, due: -5 },
  { id: 't-indexation-jeugd', contractId: 'c-jeugd', kind: 'indexationReview', role: 'contractManager', organisation: PURMEREND, due: 20 },
  { id: 't-followup-jeugd', contractId: 'c-jeugd', kind: 'followUpAction', role: 'contractContact', organisation: DOCK, due: 7 },
  { id: 't-report-bw-done', contractId: 'c-beschermd', kind: 'accountabilityReport', role: 'contractContact', organisation: SPIRIT, due: -60, status: 'done' },
  { id: 't-extension-bw-cancelled', contractId: 'c-beschermd', kind: 'extensionDecision', role: 'manager', organisation: PURMEREND, due: -2, status: 'cancelled' },
  { id: 't-report-bw-today', contractId: 'c-beschermd', kind: 'accountabilityReport', role: 'contractContact', organisation: SPIRIT, due: 0 },
  { id: 't-evaluation-tender', tenderId: 'tender-zaanstad', kind: 'evaluation', role: 'procurementOfficer', organisation: ZAANSTAD, due: -4 },
];

async function seed(prisma: TestDatabase['prisma']): Promise<void> {
  const now = new Date();
  await prisma.tender.createMany({
    data: tenders.map((t) => ({
      ...t,
      workflowId: `tender-${t.id}`,
      procurementForm: 'europeanOpen',
      estimatedValueCents: 1_000_000_00n,
      contractStart: toUtcDate('2027-01-01'),
      termYears: 8,
      phase: 'completed',
      status: 'completed',
      launch: {},
      launchedAt: now,
    })),
  });
  await prisma.contract.createMany({
    data: contracts.map((c) => ({
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
  await prisma.task.createMany({
    data: tasks.map((t) => {
      const contract = contracts.find((c) => c.id === t.contractId);
      const tender = tenders.find((candidate) => candidate.id === t.tenderId);
      return {
        id: t.id,
        workflowId: contract ? `contract-term-${contract.id}` : `tender-${t.tenderId}`,
        contractId: t.contractId ?? null,
        tenderId: t.tenderId ?? null,
        kind: t.kind,
        title: `${t.kind} (${t.id})`,
        role: t.role,
        organisation: t.organisation,
        commissioner: contract?.commissioner ?? tender?.leadOrganisation ?? null,
        provider: contract?.provider ?? null,
        dueDate: toUtcDate(addDaysTo(today, t.due)),
        status: t.status ?? 'open',
        openedAt: now,
        escalatedAt: t.escalated ? toUtcDate(addDaysTo(today, t.due + 1)) : null,
        completedAt: t.status === 'done' ? now : null,
      };
    }),
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma);
  // Lazy: connects on first use only, and these routes never use it.
  temporal = new Client();
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  zaanstad = await apiTokenFor(db.prisma, ZAANSTAD, ['contractManager']);
  purmerend = await apiTokenFor(db.prisma, PURMEREND, ['manager']);
  zaanstadOfficer = await apiTokenFor(db.prisma, ZAANSTAD, ['procurementOfficer']);
  providers = Object.fromEntries(
    await Promise.all([DOCK, LDH, SPIRIT].map(async (provider) => [provider, await apiTokenFor(db.prisma, provider, ['contractContact'], { kind: 'provider' })] as const)),
  );
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

const ids = (body: { tasks: { id: string }[] }) => body.tasks.map((t) => t.id);
const q = encodeURIComponent;

describe('GET /overview/overdue', () => {
  it("lists the open tasks past their due date on the organisation's contracts and tenders, most overdue first, with days overdue, owner, contract, lot and tender", async () => {
    const { status, body } = await get('/overview/overdue', zaanstad);
    expect(status).toBe(200);
    expect(body.asOf).toBe(today);
    expect(ids(body)).toEqual([
      't-report-zuid', // 30 days
      't-a-report-noord', // 10 days, ties by id
      't-b-followup-noord',
      't-evaluation-tender', // 4
      't-conversation-noord', // 3
      't-midterm-zuid', // 1
    ]);
    expect(body.tasks.map((t: { daysOverdue: number }) => t.daysOverdue)).toEqual([30, 10, 10, 4, 3, 1]);
    expect(body.tasks[0]).toEqual({
      id: 't-report-zuid',
      workflowId: 'contract-term-c-zuid',
      kind: 'accountabilityReport',
      title: 'accountabilityReport (t-report-zuid)',
      dueDate: addDaysTo(today, -30),
      daysOverdue: 30,
      escalatedAt: `${addDaysTo(today, -29)}T00:00:00.000Z`,
      owner: { role: 'contractContact', organisation: LDH },
      commissioner: ZAANSTAD,
      provider: LDH,
      contract: { id: 'c-zuid', lotId: 'zuid', lotTitle: 'Wijkteam Zuid' },
      tender: { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027' },
    });
    // A tender task: no contract, the tender's own title; not escalated.
    expect(body.tasks[3]).toMatchObject({
      id: 't-evaluation-tender',
      escalatedAt: null,
      owner: { role: 'procurementOfficer', organisation: ZAANSTAD },
      commissioner: ZAANSTAD,
      provider: null,
      contract: null,
      tender: { id: 'tender-zaanstad', title: 'Sociale Wijkteams Zaanstad 2027' },
    });
    expect(body.totals).toEqual({
      overdue: 6,
      byKind: { accountabilityReport: 2, followUpAction: 1, evaluation: 1, accountabilityConversation: 1, midtermReview: 1 },
    });
    expect(body.truncated).toBe(false);
    // Done, cancelled, due today and due later are not overdue.
    for (const id of ['t-report-bw-done', 't-extension-bw-cancelled', 't-report-bw-today', 't-followup-jeugd', 't-indexation-jeugd']) {
      expect(ids(body)).not.toContain(id);
    }
  });

  it("shows each commissioner only its own share: Purmerend sees its overdue report, none of Zaanstad's", async () => {
    const { status, body } = await get('/overview/overdue', purmerend);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['t-report-jeugd']);
    expect(body.totals).toEqual({ overdue: 1, byKind: { accountabilityReport: 1 } });
  });

  it('filters by commissioner, provider and kind, alone and together; totals follow the filters; another organisation gives nothing', async () => {
    const own = await get(`/overview/overdue?commissioner=${q(ZAANSTAD)}`, zaanstad);
    expect(ids(own.body)).toEqual(['t-report-zuid', 't-a-report-noord', 't-b-followup-noord', 't-evaluation-tender', 't-conversation-noord', 't-midterm-zuid']);
    expect(own.body.totals.overdue).toBe(6);
    expect(own.body.filters).toEqual({ commissioner: ZAANSTAD, provider: null, kind: null });
    // Naming another commissioner shows nothing of it.
    const other = await get(`/overview/overdue?commissioner=${q(PURMEREND)}`, zaanstad);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ tasks: [], totals: { overdue: 0, byKind: {} }, truncated: false });

    // The provider's contracts, whoever owns the task (the contract manager's conversation too); only Zaanstad's.
    const dock = await get(`/overview/overdue?provider=${q(DOCK)}`, zaanstad);
    expect(ids(dock.body)).toEqual(['t-a-report-noord', 't-b-followup-noord', 't-conversation-noord']);
    expect(dock.body.totals).toEqual({ overdue: 3, byKind: { accountabilityReport: 1, followUpAction: 1, accountabilityConversation: 1 } });

    const reports = await get('/overview/overdue?kind=accountabilityReport', zaanstad);
    expect(ids(reports.body)).toEqual(['t-report-zuid', 't-a-report-noord']);
    expect(reports.body.totals).toEqual({ overdue: 2, byKind: { accountabilityReport: 2 } });

    expect(ids((await get(`/overview/overdue?commissioner=${q(PURMEREND)}&provider=${q(DOCK)}`, purmerend)).body)).toEqual(['t-report-jeugd']);
    expect(ids((await get(`/overview/overdue?commissioner=${q(PURMEREND)}&provider=${q(DOCK)}`, zaanstad)).body)).toEqual([]);
    const all3 = await get(`/overview/overdue?commissioner=${q(ZAANSTAD)}&provider=${q(DOCK)}&kind=followUpAction`, zaanstad);
    expect(ids(all3.body)).toEqual(['t-b-followup-noord']);

    const none = await get(`/overview/overdue?provider=${q(SPIRIT)}`, purmerend);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ tasks: [], totals: { overdue: 0, byKind: {} }, truncated: false });
  });

  it('limits the list but not the totals', async () => {
    const { body } = await get('/overview/overdue?limit=2', zaanstad);
    expect(ids(body)).toEqual(['t-report-zuid', 't-a-report-noord']);
    expect(body.totals.overdue).toBe(6);
    expect(body.truncated).toBe(true);
  });

  it('is for commissioner staff: anonymous 401; a provider or a procurement officer 403 naming the roles', async () => {
    expect((await get('/overview/overdue', undefined)).status).toBe(401);
    const provider = await get('/overview/overdue', providers[DOCK]);
    expect(provider.status).toBe(403);
    expect(provider.body.message).toBe('Needs the role contractManager or manager in a commissioner organisation');
    expect((await get('/overview/overdue', zaanstadOfficer)).status).toBe(403);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [url, field] of [
      ['/overview/overdue?limit=0', 'querystring.limit'],
      ['/overview/overdue?limit=abc', 'querystring.limit'],
      ['/overview/overdue?limit=1001', 'querystring.limit'],
      ['/overview/overdue?kind=x%27%3B%20drop%20table%20task', 'querystring.kind'],
      ['/overview/overdue?commissioner=', 'querystring.commissioner'],
    ] as const) {
      const { status, body } = await get(url, zaanstad);
      expect({ url, status }).toEqual({ url, status: 400 });
      expect(body.issues).toEqual([expect.objectContaining({ field })]);
    }
    // A misspelt filter would otherwise silently show everything.
    const typo = await get(`/overview/overdue?comissioner=${q(ZAANSTAD)}`, zaanstad);
    expect(typo.status).toBe(400);
    expect(typo.body.message).toMatch(/comissioner/);
    expect(await db.prisma.task.count()).toBe(tasks.length);
  });

  it('agrees with what the recordTask activity writes; a later record without the parties keeps them', async () => {
    const recordTask = makeRecordTask({ prisma: db.prisma } as ActivityDeps);
    const record = {
      id: 't-recorded',
      workflowId: 'contract-term-c-jeugd',
      contractId: 'c-jeugd',
      kind: 'accountabilityReport',
      title: 'Verantwoording Q3',
      role: 'contractContact' as const,
      organisation: DOCK,
      commissioner: PURMEREND,
      provider: DOCK,
      dueDate: addDaysTo(today, -2),
      status: 'open' as const,
      openedAt: new Date().toISOString(),
    };
    try {
      await recordTask({ task: record });
      await recordTask({ task: { ...record, commissioner: undefined, provider: undefined, escalatedAt: new Date().toISOString() } });
      const both = await get(`/overview/overdue?commissioner=${q(PURMEREND)}&provider=${q(DOCK)}`, purmerend);
      expect(ids(both.body)).toEqual(['t-report-jeugd', 't-recorded']);
      expect(both.body.tasks[1]).toMatchObject({ daysOverdue: 2, escalatedAt: expect.any(String), contract: { id: 'c-jeugd', lotTitle: 'Jeugdhulp ambulant' } });

      await recordTask({ task: { ...record, status: 'done', completion: { at: new Date().toISOString(), by: { role: 'contractContact', organisation: DOCK }, outcome: 'ingediend' } } });
      expect(ids((await get(`/overview/overdue?commissioner=${q(PURMEREND)}`, purmerend)).body)).toEqual(['t-report-jeugd']);
    } finally {
      await db.prisma.task.delete({ where: { id: 't-recorded' } });
    }
  });
});

describe('GET /providers/:organisation/tasks', () => {
  it("lists a provider's own open tasks across its contracts, due soonest first, with what is expected", async () => {
    const { status, body } = await get(`/providers/${q(DOCK)}/tasks`, providers[DOCK]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: DOCK, asOf: today });
    expect(ids(body)).toEqual(['t-a-report-noord', 't-b-followup-noord', 't-report-jeugd', 't-followup-jeugd']);
    expect(body.tasks.map((t: { daysUntilDue: number; overdue: boolean }) => [t.daysUntilDue, t.overdue])).toEqual([
      [-10, true],
      [-10, true],
      [-5, true],
      [7, false],
    ]);
    expect(body.tasks[3]).toEqual({
      id: 't-followup-jeugd',
      kind: 'followUpAction',
      title: 'followUpAction (t-followup-jeugd)',
      role: 'contractContact',
      dueDate: addDaysTo(today, 7),
      daysUntilDue: 7,
      overdue: false,
      escalatedAt: null,
      contract: { id: 'c-jeugd', lotId: 'jeugd', lotTitle: 'Jeugdhulp ambulant', commissioner: PURMEREND },
    });
  });

  it("never shows another organisation's tasks", async () => {
    const ldh = await get(`/providers/${q(LDH)}/tasks`, providers[LDH]);
    expect(ids(ldh.body)).toEqual(['t-report-zuid']);
    // Due today is not overdue; done tasks are gone.
    const spirit = await get(`/providers/${q(SPIRIT)}/tasks`, providers[SPIRIT]);
    expect(spirit.body.tasks).toEqual([expect.objectContaining({ id: 't-report-bw-today', daysUntilDue: 0, overdue: false })]);
    // DOCK's list holds only tasks DOCK owns: not the commissioner's tasks on DOCK's contracts.
    const dock = await get(`/providers/${q(DOCK)}/tasks`, providers[DOCK]);
    expect(ids(dock.body)).not.toContain('t-conversation-noord');
    for (const [provider, { body }] of [[DOCK, dock], [LDH, ldh], [SPIRIT, spirit]] as const) {
      const owners = await db.prisma.task.findMany({ where: { id: { in: ids(body) } }, select: { organisation: true } });
      expect(owners.every((t) => t.organisation === provider)).toBe(true);
    }
  });

  it("answers another organisation's list exactly like a provider without contracts: 404, whoever asks", async () => {
    const missing = await get('/providers/Onbekend/tasks', providers[DOCK]);
    expect(missing.status).toBe(404);
    // Another provider, and the commissioner of DOCK's contracts: the same 404, with the same message shape.
    for (const as of [providers[LDH], zaanstad, purmerend]) {
      const refused = await get(`/providers/${q(DOCK)}/tasks`, as);
      expect(refused).toEqual({ status: 404, body: expect.objectContaining({ message: `No contracts with provider ${DOCK}` }) });
    }
    expect((await get(`/providers/${q(DOCK)}/tasks`, undefined)).status).toBe(401);
  });

  it('answers 404 for an organisation that is no provider, and 400 on bad input', async () => {
    expect((await get(`/providers/${q(ZAANSTAD)}/tasks`, zaanstad)).status).toBe(404);
    const badLimit = await get(`/providers/${q(DOCK)}/tasks?limit=-1`, providers[DOCK]);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.issues).toEqual([expect.objectContaining({ field: 'querystring.limit' })]);
    expect((await get(`/providers/${q(DOCK)}/tasks?organisation=${q(LDH)}`, providers[DOCK])).status).toBe(400);
    expect((await get(`/providers/${q('  ')}/tasks`, providers[DOCK])).status).toBe(400);
    const limited = await get(`/providers/${q(DOCK)}/tasks?limit=1`, providers[DOCK]);
    expect(ids(limited.body)).toEqual(['t-a-report-noord']);
  });
});
