/**
 * The manager's budget work on a contract's supplementary page, on Temporal's time-skipping test server
 * (the bundling moment opens 30 days before 1 March, months ahead) with a worker and a real database: the
 * proposal and the flexible amount's proposal shown at the bundling moment, the bundles approved through
 * the form, the college's written consent to adding spending caps up with its error next to its field
 * (VNG contractstandaard Wmo art. 1.5.8), and the flexible amount decided in the year's budget task.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { Role } from '../../domain/glossary';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { confirmAssignmentUpdate, supplementaryAssignmentWorkflowId, takeInRequestUpdate, vetRequestUpdate } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { waitUntilIdle } from '../helpers/tender-driver';
import { fieldError } from '../helpers/page-html';

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

const get = (url: string, who: ApiTokenHeaders) => api.inject({ method: 'GET', url, headers: { ...who } });
const post = (url: string, who: ApiTokenHeaders, form: Record<string, string>) =>
  api.inject({ method: 'POST', url, headers: { ...who, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });

test('at the bundling moment the manager approves the proposed bundles and decides the flexible amount on the page; the college consents in writing to adding caps up', async () => {
  const token = (roles: Role[], label: string) => apiTokenFor(h.db.prisma, ZAANSTAD, roles, { label });
  const manager = await token(['manager'], 'M. Manager');
  const college = await token(['college'], 'Wethouder (mandaat college)');
  const panel = { role: 'jointPanel', organisation: ZAANSTAD } as const;
  const now = toIsoDate(new Date(await h.env.currentTimeMs()));
  const input = { ...zaanstadContract(addDaysTo(now, 10)), procurementForm: 'socialServicesLightRegime' as const };
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  const from = addDaysTo(now, 30);
  const children: WorkflowHandle[] = [];
  for (const [title, cents] of [['Buurtsportcoach', 900_000], ['Beweegmaatje', 700_000]] as const) {
    const taken = await handle.executeUpdate(takeInRequestUpdate, {
      args: [{ title, theme: 'Bewegen', goal: 'Meer bewegen', budgetCents: cents, spendingCapCents: cents, period: { from, to: addDaysTo(from, 364) }, reporting: { regime: 'foldedIntoContract' }, source: { kind: 'municipalDepartment', name: 'Afdeling Sport' }, requestedBy: 'Team sport', outsideContractLine: false, by: { role: 'contractManager', organisation: ZAANSTAD } }],
    });
    await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: taken.id, decision: 'accept', route: 'deMinimis', reason: 'Past binnen de hoofdopdracht', by: panel }] });
    const child = h.env.client.workflow.getHandle(supplementaryAssignmentWorkflowId(taken.id));
    await waitUntilIdle([handle, child]);
    await child.executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: true, by: { role: 'contractContact', organisation: 'DOCK' } }] });
    children.push(child);
  }
  const nextYear = Number(now.slice(0, 4)) + 1;
  const budgetYear = nextYear + 1;
  const opens = addDaysTo(`${nextYear}-03-01`, -30);
  for (let t = await h.env.currentTimeMs(); toIsoDate(new Date(t)) <= opens; t = await h.env.currentTimeMs()) {
    await waitUntilIdle([handle, ...children]);
    await h.env.sleep(15 * DAY);
  }
  await waitUntilIdle([handle, ...children]);

  const page = `/contracten/${input.contractId}/aanvullende-opdrachten`;
  const shown = await get(page, manager);
  expect(shown.body).toContain(`Bundelmoment begroting ${budgetYear}`);
  expect(shown.body).toContain('Worden opgeteld: schriftelijke toestemming nodig (VNG art. 1.5.8)');
  // The flexible amount's proposal from the past years: the budgets accepted for 2027.
  expect(shown.body).toMatch(new RegExp(`Aanvullende budgetten per jaar: ${nextYear}: €\\s16\\.000,00\\. Gemiddeld €\\s16\\.000,00`));
  expect(shown.body).toMatch(/id="veld-amount"[^>]*value="16000,00"/);
  // The consent is the college's (or its mandate holder's): not on the page before a bundle waits for it.
  expect(shown.body).not.toContain('Schriftelijke toestemming: bestedingsruimtes optellen');

  const approved = await post(`${page}/bundeling`, manager, { year: String(budgetYear), [`bundle-${budgetYear}-0`]: 'ja', bundlingNote: 'Samen voor Meer bewegen' });
  expect(approved.statusCode).toBe(303);
  await waitUntilIdle([handle, ...children]);
  const bundle = await h.db.prisma.supplementaryBundle.findFirstOrThrow({ where: { contractId: input.contractId } });
  expect(bundle).toMatchObject({ status: 'awaitingConsent', combinesSpendingCaps: true, theme: 'Bewegen' });

  const consentPage = await get(page, college);
  expect(consentPage.body).toContain('Schriftelijke toestemming: bestedingsruimtes optellen');
  const unconfirmed = await post(`${page}/toestemming`, college, { bundleId: bundle.id, consent: 'ja', documentReference: 'Z/2027/0042' });
  expect(unconfirmed.statusCode).toBe(400);
  expect(fieldError(unconfirmed.body, 'noSubstantialChange')).toContain('substantial change');
  const consented = await post(`${page}/toestemming`, college, { bundleId: bundle.id, consent: 'ja', documentReference: 'Z/2027/0042', noSubstantialChange: 'ja' });
  expect(consented.statusCode).toBe(303);
  await waitUntilIdle([handle, ...children]);
  expect((await h.db.prisma.supplementaryBundle.findUniqueOrThrow({ where: { id: bundle.id } })).status).toBe('earmarked');

  const noAmount = await post(`${page}/flexibel-bedrag`, manager, { year: String(budgetYear), amount: 'veel' });
  expect(noAmount.statusCode).toBe(400);
  expect(fieldError(noAmount.body, 'amount')).toBeDefined();
  const decided = await post(`${page}/flexibel-bedrag`, manager, { year: String(budgetYear), amount: '25.000' });
  expect(decided.statusCode).toBe(303);
  await waitUntilIdle([handle]);
  expect(await h.db.prisma.supplementaryYear.findUnique({ where: { contractId_year: { contractId: input.contractId, year: budgetYear } } })).toMatchObject({ flexibleAmountCents: 2_500_000n });
  const budgetTask = await h.db.prisma.task.findFirstOrThrow({ where: { contractId: input.contractId, kind: 'budgetCycle', title: { contains: String(budgetYear) } } });
  expect(budgetTask.status).toBe('done');
});
