/**
 * Supplementary assignments through the HTTP API: every refusal that comes before the workflow (the
 * whole path through the workflows is in supplementary-api.test.ts). Another organisation is answered
 * exactly like a missing contract (404, the same message); staff of a party without an allowed role get
 * 403 naming the roles; a body naming its actor (`by`) or with a bad field gets 400 naming the field; and
 * nothing changes. On a real Temporal dev server with a worker and a real database: a contract of
 * Gemeente Zaanstad with DOCK.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { Role } from '../../domain/glossary';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { personWithRoles, sessionFor } from '../helpers/sessions';
import { createDevServerEnv } from '../helpers/temporal';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let contractId: string;

const ZAANSTAD = 'Gemeente Zaanstad';
const MISSING = 'bestaat-niet';
type Who = 'zaanstadContractManager' | 'zaanstadManager' | 'zaanstadPanel' | 'zaanstadProcurement' | 'purmerend' | 'dockContact' | 'dockTeamLead' | 'ldh';
const as = {} as Record<Who, ApiTokenHeaders>;

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue }, { logger: false });
  const token = (organisation: string, roles: Role[], label: string, kind: 'municipality' | 'provider' = 'municipality') => apiTokenFor(h.db.prisma, organisation, roles, { kind, label });
  as.zaanstadContractManager = await token(ZAANSTAD, ['contractManager'], 'zaanstad contractbeheer');
  as.zaanstadManager = await token(ZAANSTAD, ['manager'], 'zaanstad manager');
  as.zaanstadPanel = await token(ZAANSTAD, ['jointPanel'], 'zaanstad gremium');
  as.zaanstadProcurement = await token(ZAANSTAD, ['procurementOfficer'], 'zaanstad inkoop');
  as.purmerend = await token('Gemeente Purmerend', ['contractManager', 'manager', 'jointPanel', 'chainCoordinator'], 'purmerend');
  as.dockContact = await token('DOCK', ['contractContact', 'director'], 'dock', 'provider');
  as.dockTeamLead = await token('DOCK', ['teamLead'], 'dock teamleider', 'provider');
  as.ldh = await token('Leger des Heils', ['contractContact', 'director', 'teamLead'], 'ldh', 'provider');

  const contract = zaanstadContract(addDaysTo(toIsoDate(new Date()), 30));
  contractId = contract.contractId;
  await h.db.prisma.contract.create({ data: contractRow(contract) });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(contractId), args: [contract] });
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of several routes
  body: any;
}

async function call(method: 'GET' | 'POST', url: string, who: ApiTokenHeaders | undefined, payload?: object): Promise<Answer> {
  const response = await api.inject({ method, url, headers: { ...who }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

/** What changes when a request gets through: the audit trail and the tasks. */
async function state() {
  const [events, tasks] = await Promise.all([
    h.db.prisma.event.count(),
    h.db.prisma.task.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, dueDate: true } }),
  ]);
  return { events, tasks };
}

const today = toIsoDate(new Date());
const intake = {
  title: 'Kansrijke Start Krommenie',
  theme: 'Preventie jeugd',
  budgetCents: 40_000_00,
  period: { from: addDaysTo(today, 60), to: addDaysTo(today, 425) },
  source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' },
  requestedBy: 'J. Jansen, leerplicht',
};
const vetting = { decision: 'accept', reason: 'Past bij de geest van de opdracht: preventie in de wijk', route: 'deMinimis' };
const bundling = { year: 2028, bundles: [{ theme: 'Preventie jeugd', goal: 'Minder schooluitval', assignmentIds: ['a-sa-1', 'a-sa-2'] }] };

type Route = [name: string, method: 'GET' | 'POST', url: (contractId: string) => string, payload: object | undefined];
const assignment = (id: string) => `/contracts/${id}/supplementary-assignments/${id}-sa-1`;
const routes: Route[] = [
  ['intake', 'POST', (id) => `/contracts/${id}/supplementary-assignments`, intake],
  ['portfolio', 'GET', (id) => `/contracts/${id}/supplementary-assignments`, undefined],
  ['one assignment', 'GET', assignment, undefined],
  ['vetting', 'POST', (id) => `${assignment(id)}/vetting`, vetting],
  ['confirmation', 'POST', (id) => `${assignment(id)}/confirmation`, { confirm: true }],
  ['end decision', 'POST', (id) => `${assignment(id)}/end-decision`, { decision: 'end', rationale: 'Doel bereikt' }],
  ['promotion', 'POST', (id) => `${assignment(id)}/promotion`, { rationale: 'Structureel nodig in de wijk' }],
  ['bundling', 'POST', (id) => `/contracts/${id}/supplementary-bundles`, bundling],
  ['consent', 'POST', (id) => `/contracts/${id}/supplementary-bundles/${id}-bundle-2028-1/consent`, { consent: true, documentReference: 'Brief DOCK 2028-014' }],
  ['flexible amount', 'POST', (id) => `/contracts/${id}/flexible-amount`, { year: 2028, amountCents: 100_000_00 }],
  ['spending cap', 'POST', (id) => `/contracts/${id}/spending-caps`, { year: 2028, capCents: 500_000_00 }],
  ['spending', 'POST', (id) => `/contracts/${id}/spending`, { year: 2028, amountCents: 10_000_00, description: 'Inzet preventiecoach', reference: 'F-2028-001' }],
  ['settings', 'POST', (id) => `/contracts/${id}/supplementary-settings`, { smallBudgetBelowCents: 25_000_00 }],
  ['overview', 'GET', (id) => `/contracts/${id}/supplementary-overview`, undefined],
];

describe('another organisation: 404 like a missing contract, nothing changes', () => {
  it.each(routes)('%s as another municipality or another provider', async (_name, method, url, payload) => {
    const before = await state();
    const missing = await call(method, url(MISSING), as.purmerend, payload);
    expect(missing).toEqual({ status: 404, body: expect.objectContaining({ message: `No contract ${MISSING}` }) });
    for (const outsider of [as.purmerend, as.ldh]) {
      const refused = await call(method, url(contractId), outsider, payload);
      expect({ url: url(contractId), status: refused.status }).toEqual({ url: url(contractId), status: 404 });
      expect(refused.body).toEqual({ ...missing.body, message: `No contract ${contractId}` });
    }
    expect(await state()).toEqual(before);
  });
});

describe('a party without an allowed role: 403 naming the roles, nothing changes', () => {
  const commissionerLine = `Needs the role contractManager, chainCoordinator or manager in ${ZAANSTAD}`;
  const panel = `Needs the role jointPanel in ${ZAANSTAD}`;
  const providerConfirms = 'Needs the role contractContact or director in DOCK';
  const consents = `Needs the role college or manager in ${ZAANSTAD}`;
  const contractManagement = `Needs the role contractManager or manager in ${ZAANSTAD}`;
  const budget = `Needs the role manager or contractManager in ${ZAANSTAD}`;
  const refusals: [string, Who, string][] = [
    ['intake', 'zaanstadProcurement', commissionerLine],
    ['intake', 'zaanstadPanel', commissionerLine],
    ['vetting', 'zaanstadContractManager', panel],
    ['vetting', 'zaanstadManager', panel],
    ['vetting', 'dockContact', panel],
    ['confirmation', 'zaanstadManager', providerConfirms],
    ['confirmation', 'dockTeamLead', providerConfirms],
    ['end decision', 'dockContact', contractManagement],
    ['end decision', 'zaanstadPanel', contractManagement],
    ['promotion', 'dockContact', contractManagement],
    ['promotion', 'zaanstadProcurement', contractManagement],
    ['bundling', 'dockContact', budget],
    ['bundling', 'zaanstadPanel', budget],
    ['consent', 'zaanstadContractManager', consents],
    ['consent', 'dockContact', consents],
    ['flexible amount', 'dockContact', budget],
    ['flexible amount', 'zaanstadPanel', budget],
    ['spending cap', 'dockContact', budget],
    ['spending', 'dockContact', budget],
    ['settings', 'dockContact', budget],
    ['settings', 'zaanstadProcurement', budget],
  ];

  it.each(refusals)('%s as %s', async (name, who, message) => {
    const [, method, url, payload] = routes.find(([n]) => n === name)!;
    const before = await state();
    expect(await call(method, url(contractId), as[who], payload)).toEqual({ status: 403, body: expect.objectContaining({ statusCode: 403, message }) });
    expect(await state()).toEqual(before);
  });

  it('the overview across contracts: only for contract managers and managers of the commissioner named', async () => {
    const url = (commissioner?: string) => `/overview/supplementary${commissioner ? `?commissioner=${encodeURIComponent(commissioner)}` : ''}`;
    for (const who of ['dockContact', 'zaanstadPanel', 'zaanstadProcurement'] as const) {
      expect(await call('GET', url(ZAANSTAD), as[who])).toEqual({ status: 403, body: expect.objectContaining({ message: 'Needs the role contractManager or manager in a commissioner organisation' }) });
    }
    expect(await call('GET', url(ZAANSTAD), as.purmerend)).toEqual({ status: 403, body: expect.objectContaining({ message: `Needs the role contractManager or manager in ${ZAANSTAD}` }) });
  });
});

describe('the actor comes from the sign-in: a body naming one is refused (400 naming `by`), nothing changes', () => {
  const posts = routes.filter(([, method]) => method === 'POST');
  it.each(posts)('%s', async (_name, method, url, payload) => {
    const before = await state();
    const refused = await call(method, url(contractId), as.zaanstadManager, { ...payload, by: { role: 'manager', organisation: ZAANSTAD } });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ field: 'by', message: expect.stringContaining('sign-in') })]);
    expect(await state()).toEqual(before);
  });
});

describe('bad input: 400 naming the field and why, nothing changes', () => {
  const cases: [string, string, object, string, RegExp][] = [
    ['intake without a budget', 'intake', { ...intake, budgetCents: 0 }, 'budgetCents', /./],
    ['intake ending before it starts', 'intake', { ...intake, period: { from: addDaysTo(today, 60), to: addDaysTo(today, 59) } }, 'period.to', /ends on or after its start/],
    ['intake from an unknown source', 'intake', { ...intake, source: { kind: 'minister', name: 'VWS' } }, 'source.kind', /./],
    ['intake with own reporting but no cadence', 'intake', { ...intake, reporting: { regime: 'own' } }, 'reporting.everyMonths', /cadence/],
    ['acceptance without a route', 'vetting', { decision: 'accept', reason: 'Past' }, 'route', /art\. 2\.163b/],
    ['a change option without its id', 'vetting', { decision: 'accept', reason: 'Past', route: 'changeOption' }, 'changeOptionId', /art\. 2\.163c/],
    ['a separate contract without its advice', 'vetting', { decision: 'accept', reason: 'Past niet', route: 'separateContract' }, 'separateContract', /newTender/],
    ['a rejection with a route', 'vetting', { decision: 'reject', reason: 'Past niet', route: 'deMinimis' }, 'route', /rejected/],
    ['vetting without a reason', 'vetting', { decision: 'reject', reason: '  ' }, 'reason', /./],
    ['a renewal without its period', 'end decision', { decision: 'renew', rationale: 'Doorgaan' }, 'renewal', /period and budget/],
    ['an assignment in two bundles', 'bundling', { year: 2028, bundles: [...bundling.bundles, { theme: 'Werk', goal: 'Werk', assignmentIds: ['a-sa-1', 'a-sa-3'] }] }, 'bundles.1.assignmentIds.0', /more than one bundle/],
    ['consent without its document', 'consent', { consent: true }, 'documentReference', /./],
    ['a negative flexible amount', 'flexible amount', { year: 2028, amountCents: -1 }, 'amountCents', /./],
    ['a spending cap in another century', 'spending cap', { year: 2200, capCents: 1 }, 'year', /./],
    ['a bundling moment that is no day', 'settings', { bundlingMonthDay: '13-01' }, 'bundlingMonthDay', /MM-DD/],
  ];

  it.each(cases)('%s', async (_case, name, payload, field, reason) => {
    const [, method, url] = routes.find(([n]) => n === name)!;
    const before = await state();
    const refused = await call(method, url(contractId), as.zaanstadManager, payload);
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toContainEqual({ field, message: expect.stringMatching(reason) });
    expect(await state()).toEqual(before);
  });

  it('path ids: an assignment or bundle id regie never gives is refused (400 naming the parameter)', async () => {
    const badAssignment = await call('GET', `/contracts/${contractId}/supplementary-assignments/${encodeURIComponent('-sa-1;drop')}`, as.zaanstadManager);
    expect(badAssignment.status).toBe(400);
    expect(badAssignment.body.issues).toEqual([expect.objectContaining({ field: 'params.assignmentId' })]);
    const badBundle = await call('POST', `/contracts/${contractId}/supplementary-bundles/${encodeURIComponent('x y')}/consent`, as.zaanstadManager, { consent: true, documentReference: 'Brief' });
    expect(badBundle.status).toBe(400);
    expect(badBundle.body.issues).toEqual([expect.objectContaining({ field: 'params.bundleId' })]);
  });

  it('the overview across contracts: one who reads several commissioners names one (400 naming the field)', async () => {
    const both = await personWithRoles(h.db.prisma, 'cm@beide.example', [
      { role: 'contractManager', organisation: ZAANSTAD },
      { role: 'manager', organisation: 'Gemeente Purmerend' },
    ]);
    const session = await sessionFor(api, h.db.prisma, both.id);
    const unnamed = await api.inject({ method: 'GET', url: '/overview/supplementary', headers: session });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().issues).toEqual([{ field: 'commissioner', message: expect.stringMatching(/^name the commissioner: you read the overviews of /) }]);
    expect(unnamed.json().issues[0].message).toEqual(expect.stringContaining(ZAANSTAD));
    expect(unnamed.json().issues[0].message).toEqual(expect.stringContaining('Gemeente Purmerend'));
    const named = await api.inject({ method: 'GET', url: `/overview/supplementary?commissioner=${encodeURIComponent('Gemeente Purmerend')}`, headers: session });
    expect(named.statusCode).toBe(200);
    expect(named.json()).toMatchObject({ assignments: { count: 0, totalCents: 0 }, sideSteering: { count: 0, bySource: [] } });
  });

  it('the overview across contracts: a year out of range is refused naming it', async () => {
    const refused = await call('GET', `/overview/supplementary?commissioner=${encodeURIComponent(ZAANSTAD)}&year=1999`, as.zaanstadManager);
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ field: 'querystring.year' })]);
  });
});

describe('signed in only', () => {
  it('every supplementary operation of the OpenAPI document answers 401 to an anonymous request, and documents its answers', async () => {
    const document = (await call('GET', '/openapi.json', undefined)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const operations = Object.entries(document.paths)
      .filter(([path]) => /supplementary|flexible-amount|spending/.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase() as 'GET' | 'POST', operation })));
    expect(operations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      [
        'GET /contracts/{contractId}/supplementary-assignments',
        'POST /contracts/{contractId}/supplementary-assignments',
        'GET /contracts/{contractId}/supplementary-assignments/{assignmentId}',
        'POST /contracts/{contractId}/supplementary-assignments/{assignmentId}/vetting',
        'POST /contracts/{contractId}/supplementary-assignments/{assignmentId}/confirmation',
        'POST /contracts/{contractId}/supplementary-assignments/{assignmentId}/end-decision',
        'POST /contracts/{contractId}/supplementary-assignments/{assignmentId}/promotion',
        'POST /contracts/{contractId}/supplementary-bundles',
        'POST /contracts/{contractId}/supplementary-bundles/{bundleId}/consent',
        'POST /contracts/{contractId}/flexible-amount',
        'POST /contracts/{contractId}/spending-caps',
        'POST /contracts/{contractId}/spending',
        'POST /contracts/{contractId}/supplementary-settings',
        'GET /contracts/{contractId}/supplementary-overview',
        'GET /overview/supplementary',
      ].sort(),
    );
    for (const { path, method, operation } of operations) {
      expect(Object.keys(operation.responses).filter((code) => code.startsWith('2'))).toHaveLength(1);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['4XX', '5XX']));
      const url = path.replace('{contractId}', contractId).replace('{assignmentId}', `${contractId}-sa-1`).replace('{bundleId}', `${contractId}-bundle-2028-1`);
      const response = await call(method, url, undefined, method === 'POST' ? {} : undefined);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
  });
});
