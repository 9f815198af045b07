/**
 * The bundling moment through the HTTP API, on Temporal's time-skipping test server (the moment opens 30
 * days before 1 March, months ahead) with a worker and a real database: small budgets bundled per theme
 * and goal, the commissioner's written consent to adding their own spending caps up (VNG contractstandaard
 * Wmo art. 1.5.8; after a European procedure only as no substantial change, Aw 2012 art. 2.163a), the
 * flexible amount of the budget year, and the overview counting the bundle.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { supplementaryAssignmentWorkflowId } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { personWithRoles } from '../helpers/sessions';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { skipDays, waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;
const ZAANSTAD = 'Gemeente Zaanstad';

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
let api: FastifyInstance;

beforeEach(async () => {
  h = currentHarness();
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue }, { logger: false });
});

afterEach(async () => {
  await api?.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of several routes
  body: any;
}

async function call(method: 'GET' | 'POST', url: string, who: ApiTokenHeaders, payload?: object): Promise<Answer> {
  const response = await api.inject({ method, url, headers: { ...who }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

/** Skips simulated time in steps of 15 days (or `stepDays`), letting the workflows settle before each step. */
const advance = (handles: WorkflowHandle[], days: number, stepDays = 15) => skipDays(h.env, handles, days, stepDays);

test('the bundling moment: small budgets bundled, their own spending caps added up only with written consent, the flexible amount decided; the overview counts the bundle', async () => {
  const manager = await apiTokenFor(h.db.prisma, ZAANSTAD, ['contractManager', 'manager'], { label: 'M. Manager' });
  const panel = await apiTokenFor(h.db.prisma, ZAANSTAD, ['jointPanel'], { label: 'Gremium' });
  const dock = await apiTokenFor(h.db.prisma, 'DOCK', ['contractContact'], { kind: 'provider', label: 'DOCK contract' });
  for (const [email, role, organisation] of [
    ['contract@dock.example', 'contractContact', 'DOCK'],
    ['directie@dock.example', 'director', 'DOCK'],
    ['manager@zaanstad.example', 'manager', ZAANSTAD],
    ['contractmanagement@zaanstad.example', 'contractManager', ZAANSTAD],
    ['college@zaanstad.example', 'college', ZAANSTAD],
  ] as const) {
    await personWithRoles(h.db.prisma, email, [{ role, organisation, kind: organisation === 'DOCK' ? 'provider' : 'municipality' }]);
  }

  // Zaanstad's lot with DOCK from a European procedure (the light regime for social services).
  const input = { ...zaanstadContract(addDaysTo(await today(), 10)), procurementForm: 'socialServicesLightRegime' as const };
  const { contractId } = input;
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(contractId), args: [input] });
  await waitUntilIdle([handle]);

  const base = `/contracts/${contractId}/supplementary-assignments`;
  const from = addDaysTo(await today(), 30);
  const ids: string[] = [];
  for (const [title, euros] of [
    ['Buurtsportcoach', 9_000],
    ['Beweegmaatje', 7_000],
  ] as const) {
    const taken = await call('POST', base, manager, {
      title,
      theme: 'Bewegen',
      goal: 'Meer bewegen',
      budgetCents: euros * 100,
      spendingCapCents: euros * 100,
      period: { from, to: addDaysTo(from, 364) },
      source: { kind: 'municipalDepartment', name: 'Afdeling Sport' },
      requestedBy: 'Team sport',
    });
    expect(taken.status).toBe(201);
    const accepted = await call('POST', `${base}/${taken.body.id}/vetting`, panel, { decision: 'accept', route: 'deMinimis', reason: 'Past binnen de geest van de hoofdopdracht' });
    expect(accepted.body.status).toBe('awaitingConfirmation');
    ids.push(taken.body.id);
  }
  const handles = [handle, ...ids.map((id) => h.env.client.workflow.getHandle(supplementaryAssignmentWorkflowId(id)))];

  // The bundling moment for budget year Y is due on 1 March of Y-1 and opens 30 days before.
  const nextYear = Number((await today()).slice(0, 4)) + 1;
  const budgetYear = nextYear + 1;
  const dueDate = `${nextYear}-03-01`;
  const days = Math.ceil((Date.parse(addDaysTo(dueDate, -30)) - (await h.env.currentTimeMs())) / DAY) + 1;
  await advance(handles, days);

  const portfolio = await call('GET', base, dock);
  expect(portfolio.body.pendingBundling).toEqual([
    expect.objectContaining({ year: budgetYear, dueDate, proposals: [expect.objectContaining({ theme: 'Bewegen', assignmentIds: ids, budgetCents: 16_000_00, combinesSpendingCaps: true })] }),
  ]);

  // The provider does not bundle; the manager approves the proposal.
  const bundling = { year: budgetYear, bundles: [{ theme: 'Bewegen', goal: 'Meer bewegen', assignmentIds: ids }] };
  expect((await call('POST', `/contracts/${contractId}/supplementary-bundles`, dock, bundling)).status).toBe(403);
  const approved = await call('POST', `/contracts/${contractId}/supplementary-bundles`, manager, bundling);
  expect(approved).toEqual({ status: 201, body: [expect.objectContaining({ id: `${contractId}-bundle-${budgetYear}-1`, status: 'awaitingConsent', combinesSpendingCaps: true, budgetCents: 16_000_00 })] });
  const bundleId = approved.body[0].id as string;
  expect(await h.db.prisma.task.findUnique({ where: { id: `${bundleId}:consent` } })).toMatchObject({ role: 'college', organisation: ZAANSTAD, status: 'open' });

  const consentUrl = `/contracts/${contractId}/supplementary-bundles/${bundleId}/consent`;
  expect((await call('POST', consentUrl, dock, { consent: true, documentReference: 'Brief' })).status).toBe(403);
  const unconfirmed = await call('POST', consentUrl, manager, { consent: true, documentReference: 'Collegebesluit 2027/031' });
  expect(unconfirmed).toEqual({ status: 400, body: expect.objectContaining({ issues: [{ field: 'noSubstantialChange', message: expect.stringContaining('1.5.8') }] }) });
  const consented = await call('POST', consentUrl, manager, { consent: true, noSubstantialChange: true, documentReference: 'Collegebesluit 2027/031' });
  expect(consented).toEqual({ status: 200, body: expect.objectContaining({ status: 'earmarked', consent: expect.objectContaining({ consent: true, noSubstantialChange: true, documentReference: 'Collegebesluit 2027/031', by: { role: 'manager', organisation: ZAANSTAD, name: 'M. Manager' } }) }) });
  expect((await call('POST', consentUrl, manager, { consent: false, documentReference: 'x' })).status).toBe(409);

  const flexible = await call('POST', `/contracts/${contractId}/flexible-amount`, manager, { year: budgetYear, amountCents: 20_000_00 });
  expect(flexible).toEqual({ status: 200, body: expect.objectContaining({ year: budgetYear, flexibleAmount: expect.objectContaining({ amountCents: 20_000_00 }) }) });

  // Each assignment's own term hears of its bundle: one regime from now on.
  await waitUntilIdle(handles);
  for (const id of ids) {
    expect((await call('GET', `${base}/${id}`, dock)).body.assignment).toMatchObject({ bundleId, regime: 'bundle' });
  }
  const overview = await call('GET', `/contracts/${contractId}/supplementary-overview`, manager);
  expect(overview.body).toMatchObject({ bundled: { count: 2, totalCents: 16_000_00, bundles: 1 }, loose: { count: 0 } });
});
