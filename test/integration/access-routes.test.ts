/**
 * Access per organisation, per route (domain/access.ts, api/services): the same request as another
 * organisation is answered exactly like a request for a thing that does not exist (404, the same message),
 * or 403 naming the role when the principal sees the thing but holds no role that may act; and nothing
 * changes. On a real Temporal dev server with a worker, a real database and SMTP: a running tender of
 * Gemeente Zaanstad and a running contract of Zaanstad with DOCK.
 */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { personWithRoles, sessionFor } from '../helpers/sessions';
import { createDevServerEnv } from '../helpers/temporal';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;

const ZAANSTAD = 'Gemeente Zaanstad';
const commissionerRoles = ['procurementOfficer', 'contractManager', 'manager', 'college'] as const;
const as: Record<'zaanstad' | 'zaanstadContractManager' | 'purmerend' | 'dock' | 'ldh', ApiTokenHeaders> = {} as never;
let tenderId: string;
let taskId: string;
let contractId: string;

const MISSING_TENDER = '00000000-0000-4000-8000-000000000000';
const MISSING = 'bestaat-niet';

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue, mailCapture: h.mail }, { logger: false });
  as.zaanstad = await apiTokenFor(h.db.prisma, ZAANSTAD, commissionerRoles, { label: 'zaanstad' });
  as.zaanstadContractManager = await apiTokenFor(h.db.prisma, ZAANSTAD, ['contractManager'], { label: 'zaanstad contractbeheer' });
  as.purmerend = await apiTokenFor(h.db.prisma, 'Gemeente Purmerend', commissionerRoles, { label: 'purmerend' });
  as.dock = await apiTokenFor(h.db.prisma, 'DOCK', ['contractContact', 'director'], { kind: 'provider', label: 'dock' });
  as.ldh = await apiTokenFor(h.db.prisma, 'Leger des Heils', ['contractContact', 'director'], { kind: 'provider', label: 'ldh' });

  const { launchedBy: _launchedBy, ...launch } = zaanstadLaunch(addDaysTo(toIsoDate(new Date()), 450));
  const launched = await api.inject({ method: 'POST', url: '/tenders', headers: { ...as.zaanstad }, payload: launch });
  expect(launched.statusCode).toBe(201);
  tenderId = launched.json<{ id: string }>().id;
  for (let i = 0; i < 200 && !taskId; i++) {
    taskId = (await h.db.prisma.task.findFirst({ where: { tenderId, status: 'open' } }))?.id ?? '';
    if (!taskId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(taskId).toBeTruthy();

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

async function call(method: 'GET' | 'POST', url: string, who: ApiTokenHeaders | Record<string, string> | undefined, payload?: object): Promise<Answer> {
  const response = await api.inject({ method, url, headers: { ...who }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

/** What changes when a request gets through: the audit trail, the tasks and the contract rows. */
async function state() {
  const [events, tasks, contracts, tenders] = await Promise.all([
    h.db.prisma.event.count(),
    h.db.prisma.task.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, dueDate: true } }),
    h.db.prisma.contract.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, endDate: true } }),
    h.db.prisma.tender.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, phase: true } }),
  ]);
  return { events, tasks, contracts, tenders };
}

/**
 * The request as an outsider is answered like the same request for a missing id: 404, the same message
 * but for the id. Checked against the missing id's answer, so the refusal cannot tell the two apart.
 */
async function expectHiddenLikeMissing(method: 'GET' | 'POST', url: (id: string) => string, id: string, missingId: string, outsiders: ApiTokenHeaders[], payload?: object) {
  const missing = await call(method, url(missingId), outsiders[0], payload);
  expect(missing.status).toBe(404);
  for (const outsider of outsiders) {
    const refused = await call(method, url(id), outsider, payload);
    expect({ url: url(id), status: refused.status }).toEqual({ url: url(id), status: 404 });
    expect(refused.body).toEqual({ ...missing.body, message: missing.body.message.replace(missingId, id) });
  }
}

describe('tenders: only the organisations that lead or commission them see them (and their bidders, awards and objections)', () => {
  // Every row has its four values: jest would take a missing fourth for the `done` callback.
  const tenderRoutes: [string, 'GET' | 'POST', (id: string) => string, object | undefined][] = [
    ['GET /tenders/:id', 'GET', (id) => `/tenders/${id}`, undefined],
    ['award', 'POST', (id) => `/tenders/${id}/award`, { lots: [{ lotId: 'noord', provider: 'DOCK', providerEmail: 'contract@dock.example', valueCents: 1 }] }],
    ['objection', 'POST', (id) => `/tenders/${id}/objections`, { reason: 'Beoordeling onjuist' }],
    ['resolve an objection', 'POST', (id) => `/tenders/${id}/objections/11111111-1111-4111-8111-111111111111/resolve`, { outcome: 'rejected', note: 'Ongegrond' }],
    ['shift', 'POST', (id) => `/tenders/${id}/shift`, { stepKey: 'providerInput', newDueDate: addDaysTo(toIsoDate(new Date()), 120), reason: 'Meer tijd' }],
    ['cancel', 'POST', (id) => `/tenders/${id}/cancel`, { reason: 'Niet meer nodig' }],
  ];

  it.each(tenderRoutes)('%s as another municipality or a provider: 404 like a missing tender, nothing changes', async (_name, method, url, payload) => {
    const before = await state();
    await expectHiddenLikeMissing(method, url, tenderId, MISSING_TENDER, [as.purmerend, as.dock], payload);
    expect(await state()).toEqual(before);
  });

  it('lists: another organisation does not find the tender, not even by naming its lead organisation', async () => {
    expect((await call('GET', '/tenders', as.zaanstad)).body.map((t: { id: string }) => t.id)).toContain(tenderId);
    for (const outsider of [as.purmerend, as.dock]) {
      expect((await call('GET', '/tenders', outsider)).body).toEqual([]);
      expect((await call('GET', `/tenders?organisation=${encodeURIComponent(ZAANSTAD)}`, outsider)).body).toEqual([]);
    }
  });

  it("an action by staff of the lead organisation without an allowed role: 403 naming the roles, nothing changes", async () => {
    const before = await state();
    const shift = await call('POST', `/tenders/${tenderId}/shift`, as.zaanstadContractManager, { stepKey: 'providerInput', newDueDate: addDaysTo(toIsoDate(new Date()), 120), reason: 'Meer tijd' });
    expect(shift).toEqual({ status: 403, body: expect.objectContaining({ message: `Needs the role procurementOfficer or manager in ${ZAANSTAD}` }) });
    const cancel = await call('POST', `/tenders/${tenderId}/cancel`, as.zaanstadContractManager, { reason: 'x' });
    expect(cancel).toEqual({ status: 403, body: expect.objectContaining({ message: `Needs the role manager or procurementOfficer in ${ZAANSTAD}` }) });
    expect(await state()).toEqual(before);
    // The same staff member sees the tender.
    expect((await call('GET', `/tenders/${tenderId}`, as.zaanstadContractManager)).status).toBe(200);
  });

  it('launching for another organisation: 403 naming the roles needed there, nothing starts', async () => {
    const before = await state();
    const { launchedBy: _launchedBy, ...launch } = zaanstadLaunch(addDaysTo(toIsoDate(new Date()), 450));
    const refused = await call('POST', '/tenders', as.purmerend, launch);
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ message: `Needs the role procurementOfficer or manager in ${ZAANSTAD}` }) });
    expect(await state()).toEqual(before);
  });
});

describe('tasks: a principal sees its own organisation’s tasks and those on what it commissions', () => {
  it.each([
    ['GET /tasks/:id', 'GET', (id: string) => `/tasks/${encodeURIComponent(id)}`, undefined],
    ['complete', 'POST', (id: string) => `/tasks/${encodeURIComponent(id)}/complete`, { outcome: 'Klaar' }],
  ] as const)('%s of Zaanstad’s tender task as another municipality or a provider: 404 like a missing task, nothing changes', async (_name, method, url, payload) => {
    const before = await state();
    await expectHiddenLikeMissing(method, url, taskId, MISSING, [as.purmerend, as.dock], payload);
    expect(await state()).toEqual(before);
    expect((await call('GET', `/tasks/${encodeURIComponent(taskId)}`, as.zaanstad)).status).toBe(200);
  });

  it('lists: another organisation gets nothing, also when it names the owner', async () => {
    expect((await call('GET', `/tasks?organisation=${encodeURIComponent(ZAANSTAD)}`, as.zaanstad)).body.map((t: { id: string }) => t.id)).toContain(taskId);
    for (const outsider of [as.purmerend, as.dock]) {
      expect((await call('GET', `/tasks?organisation=${encodeURIComponent(ZAANSTAD)}`, outsider)).body).toEqual([]);
      expect((await call('GET', '/tasks', outsider)).body.map((t: { id: string }) => t.id)).not.toContain(taskId);
    }
  });
});

describe('contracts: their provider and the organisations they were made for see them', () => {
  const contractRoutes: [string, 'GET' | 'POST', (id: string) => string, object | undefined][] = [
    ['GET /contracts/:id', 'GET', (id) => `/contracts/${id}`, undefined],
    ['timeline', 'GET', (id) => `/contracts/${id}/timeline`, undefined],
    ['next tender', 'GET', (id) => `/contracts/${id}/next-tender`, undefined],
    ['end decision', 'POST', (id) => `/contracts/${id}/end-decision`, { decision: 'end', reason: 'Einde' }],
    ['indexation rate', 'POST', (id) => `/contracts/${id}/indexation-rates`, { year: 2030, stage: 'provisional', percent: 3, basis: 'OVA' }],
    ['amendment', 'POST', (id) => `/contracts/${id}/amendments`, { description: 'Extra inzet', valueChangeCents: 1_000_00, effectiveDate: addDaysTo(toIsoDate(new Date()), 60) }],
    ['early end', 'POST', (id) => `/contracts/${id}/early-end`, { endDate: addDaysTo(toIsoDate(new Date()), 400), reason: 'Stoppen' }],
    ['midterm decision', 'POST', (id) => `/contracts/${id}/midterm-review/decision`, { decision: 'continue', rationale: 'Op koers' }],
    ['revision response', 'POST', (id) => `/contracts/${id}/midterm-review/response`, { accept: true, note: 'Akkoord' }],
    ['accountability outcome', 'POST', (id) => `/contracts/${id}/accountability/1/outcome`, { story: 'Goed gesprek' }],
  ];

  it.each(contractRoutes)('%s as another municipality or another provider: 404 like a missing contract, nothing changes', async (_name, method, url, payload) => {
    const before = await state();
    await expectHiddenLikeMissing(method, url, contractId, MISSING, [as.purmerend, as.ldh], payload);
    expect(await state()).toEqual(before);
  });

  it('the provider sees its contract but takes no commissioner action: 403 naming the roles, nothing changes', async () => {
    expect((await call('GET', `/contracts/${contractId}`, as.dock)).status).toBe(200);
    const before = await state();
    const amendment = await call('POST', `/contracts/${contractId}/amendments`, as.dock, { description: 'Extra inzet', valueChangeCents: 1_000_00, effectiveDate: addDaysTo(toIsoDate(new Date()), 60) });
    expect(amendment).toEqual({ status: 403, body: expect.objectContaining({ message: `Needs the role contractManager or manager in ${ZAANSTAD}` }) });
    const endDecision = await call('POST', `/contracts/${contractId}/end-decision`, as.dock, { decision: 'end', reason: 'Einde' });
    expect(endDecision).toEqual({ status: 403, body: expect.objectContaining({ message: `Needs the role college or manager in ${ZAANSTAD}` }) });
    expect((await call('GET', `/contracts/${contractId}/next-tender`, as.dock)).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("the commissioner does not answer a revision for the provider: 403 naming the provider's roles", async () => {
    const response = await call('POST', `/contracts/${contractId}/midterm-review/response`, as.zaanstad, { accept: true, note: 'Akkoord' });
    expect(response).toEqual({ status: 403, body: expect.objectContaining({ message: 'Needs the role contractContact or director in DOCK' }) });
  });

  it('lists: another organisation gets nothing, also when it names the provider or the commissioner', async () => {
    expect((await call('GET', '/contracts', as.dock)).body.map((c: { id: string }) => c.id)).toEqual([contractId]);
    expect((await call('GET', '/contracts', as.zaanstad)).body.map((c: { id: string }) => c.id)).toEqual([contractId]);
    for (const outsider of [as.purmerend, as.ldh]) {
      expect((await call('GET', '/contracts', outsider)).body).toEqual([]);
      expect((await call('GET', '/contracts?provider=DOCK', outsider)).body).toEqual([]);
      expect((await call('GET', `/contracts?commissioner=${encodeURIComponent(ZAANSTAD)}`, outsider)).body).toEqual([]);
    }
  });
});

describe('signed in only', () => {
  it('every tender, task, contract and overview operation of the OpenAPI document answers 401 to an anonymous request', async () => {
    const document = (await call('GET', '/openapi.json', undefined)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths)
      .filter(([path]) => /^\/(tenders|tasks|contracts|overview|providers)\b/.test(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() as 'GET' | 'POST' })));
    expect(operations.length).toBeGreaterThanOrEqual(25);
    const before = await state();
    for (const { path, method } of operations) {
      const url = path
        .replace('{tenderId}', tenderId)
        .replace('{objectionId}', MISSING_TENDER)
        .replace('{taskId}', encodeURIComponent(taskId))
        .replace('{contractId}', contractId)
        .replace('{period}', '1')
        .replace('{organisation}', 'DOCK');
      const response = await call(method, url, undefined, method === 'POST' ? {} : undefined);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
    expect(await state()).toEqual(before);
  });

  it('a revoked or unknown token is refused (401), never treated as anonymous', async () => {
    expect((await call('GET', '/contracts', { authorization: 'Bearer regie_api_unknown' })).status).toBe(401);
  });
});

describe('a signed-in person acts as the roles they hold today', () => {
  it('completes a task of their role: the event names them (email) as the principal; a former holder and another municipality get 404', async () => {
    const yesterday = addDaysTo(toIsoDate(new Date()), -2);
    const former = await personWithRoles(h.db.prisma, 'vorige@zaanstad.example', [{ role: 'contractManager', organisation: ZAANSTAD, validUntil: yesterday }]);
    const outsider = await personWithRoles(h.db.prisma, 'cm@purmerend.example', [{ role: 'contractManager', organisation: 'Gemeente Purmerend' }]);
    const holder = await personWithRoles(h.db.prisma, 'c.manager@zaanstad.example', [{ role: 'contractManager', organisation: ZAANSTAD }], { name: 'C. Manager' });
    const url = `/tasks/${encodeURIComponent(taskId)}/complete`;

    const before = await state();
    for (const person of [former, outsider]) {
      const refused = await call('POST', url, await sessionFor(api, h.db.prisma, person.id), { outcome: 'Klaar' });
      expect(refused).toEqual({ status: 404, body: expect.objectContaining({ message: `No task ${taskId}` }) });
    }
    expect(await state()).toEqual(before);

    const done = await call('POST', url, await sessionFor(api, h.db.prisma, holder.id), { outcome: 'Evaluatie vastgesteld' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', completedBy: { role: 'contractManager', organisation: ZAANSTAD, name: 'C. Manager' } });
    const event = await h.db.prisma.event.findFirst({ where: { tenderId, type: 'task.completed' } });
    expect(event).toMatchObject({ actorRole: 'contractManager', actorOrganisation: ZAANSTAD, actorName: 'C. Manager', actorPrincipal: 'c.manager@zaanstad.example' });
  });
});
