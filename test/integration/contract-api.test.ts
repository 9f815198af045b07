/** Contract term actions through the HTTP API, on a real Temporal dev server and database. */
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { computeContractSchedule } from '../../domain/contract-schedule';
import { tenderLaunchRequestSchema } from '../../domain/schemas/tender-launch';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { termSchedule } from '../../domain/term-schedule';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type Harness, startTestServices, startWorkerOn, type TestServices } from '../helpers/regie-worker';
import { type ApiTokenHeaders, apiTokenFor } from '../helpers/principals';
import { createDevServerEnv } from '../helpers/temporal';

let services: TestServices;
let h: Harness;
let api: FastifyInstance;
let manager: ApiTokenHeaders;
let contractManager: ApiTokenHeaders;
let dockDirector: ApiTokenHeaders;
let dockContact: ApiTokenHeaders;

beforeAll(async () => {
  services = await startTestServices();
  h = await startWorkerOn(await createDevServerEnv(), services);
  api = await buildApi({ prisma: h.db.prisma, temporal: h.env.client, taskQueue: h.taskQueue }, { logger: false });
  manager = await apiTokenFor(h.db.prisma, 'Gemeente Zaanstad', ['manager'], { label: 'M. Manager' });
  contractManager = await apiTokenFor(h.db.prisma, 'Gemeente Zaanstad', ['contractManager'], { label: 'C. Manager' });
  dockDirector = await apiTokenFor(h.db.prisma, 'DOCK', ['director'], { kind: 'provider', label: 'DOCK directie' });
  dockContact = await apiTokenFor(h.db.prisma, 'DOCK', ['contractContact'], { kind: 'provider', label: 'DOCK contract' });
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  await services?.close();
});

async function call(method: 'GET' | 'POST', url: string, as: ApiTokenHeaders, payload?: object) {
  const response = await api.inject({ method, url, headers: { ...as }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

test('a contract term answers its timeline, refuses an end decision before it starts, and ends early on request', async () => {
  // VNG art. 1.3.4 option 2: the municipality may end early with 6 calendar months' notice.
  const input = zaanstadContract(addDaysTo(toIsoDate(new Date()), 30), { earlyTermination: { option: 'commissioner', commissionerNoticeMonths: 6 } });
  const schedule = computeContractSchedule({ startDate: input.startDate, termYears: 8, midtermReviewAfterMonths: 48 });
  const workflowId = contractWorkflowId(input.contractId);
  await h.db.prisma.contract.create({ data: contractRow(input) });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId, args: [input] });

  const timeline = await call('GET', `/contracts/${input.contractId}/timeline`, dockContact);
  expect(timeline.status).toBe(200);
  expect(timeline.body.filter((i: { kind: string }) => i.kind === 'accountabilityReport')).toHaveLength(32);
  expect(timeline.body.find((i: { kind: string }) => i.kind === 'termEnd')).toMatchObject({ kind: 'termEnd', date: schedule.endDate, status: 'planned' });

  const notYet = await call('POST', `/contracts/${input.contractId}/end-decision`, manager, { decision: 'end', reason: 'x' });
  expect(notYet.status).toBe(409);
  const noMonths = await call('POST', `/contracts/${input.contractId}/end-decision`, manager, { decision: 'extend', reason: 'x' });
  expect(noMonths.status).toBe(400);
  expect(noMonths.body.issues[0].field).toBe('months');
  const amendment = { description: 'Kansrijke Start Krommenie', valueChangeCents: 40_000_00, effectiveDate: addDaysTo(toIsoDate(new Date()), 60) };
  const badKind = await call('POST', `/contracts/${input.contractId}/amendments`, manager, { ...amendment, kind: 'bundle' });
  expect(badKind.status).toBe(400);
  expect(badKind.body.issues[0].field).toBe('kind');
  const themeOnRevision = await call('POST', `/contracts/${input.contractId}/amendments`, manager, { ...amendment, theme: 'Preventie jeugd' });
  expect(themeOnRevision.status).toBe(400);
  expect(themeOnRevision.body.issues[0].field).toBe('theme');
  // An override is no legal ground; an amendment names one (Aw 2012 art. 2.163b-d) or is refused naming the field and the article.
  const override = await call('POST', `/contracts/${input.contractId}/amendments`, manager, { ...amendment, override: { reason: 'Spoed' } });
  expect(override.status).toBe(400);
  expect(override.body.issues[0].field).toBe('override');
  const noOption = await call('POST', `/contracts/${input.contractId}/amendments`, manager, { ...amendment, ground: { basis: 'changeOption', changeOptionId: 'preventie' } });
  expect(noOption.status).toBe(400);
  expect(JSON.stringify(noOption.body)).toContain('ground.changeOptionId');
  expect(JSON.stringify(noOption.body)).toContain('art. 2.163c');
  expect((await call('POST', '/contracts/nope/early-end', manager, { endDate: schedule.endDate, reason: 'x' })).status).toBe(404);
  expect((await call('POST', `/contracts/${input.contractId}/midterm-review/decision`, manager, { decision: 'continue', rationale: 'x' })).status).toBe(404);

  const earlyEnd = addDaysTo(input.startDate, 364);
  const byProvider = await call('POST', `/contracts/${input.contractId}/early-end`, dockDirector, { endDate: earlyEnd, reason: 'x' });
  expect(byProvider.status).toBe(400);
  expect(JSON.stringify(byProvider.body)).toContain('art. 1.3.4');
  const tooSoon = await call('POST', `/contracts/${input.contractId}/early-end`, manager, { endDate: addDaysTo(toIsoDate(new Date()), 60), reason: 'x' });
  expect(tooSoon.status).toBe(400);
  expect(JSON.stringify(tooSoon.body)).toContain('endDate');
  const ended = await call('POST', `/contracts/${input.contractId}/early-end`, manager, { endDate: earlyEnd, reason: 'Samenwerking beëindigd in onderling overleg' });
  expect(ended.status).toBe(200);
  expect(ended.body).toMatchObject({ status: 'awarded', endDate: earlyEnd });
  const row = await h.db.prisma.contract.findUnique({ where: { id: input.contractId } });
  expect(toIsoDate(row!.endDate)).toBe(earlyEnd);
  expect((await call('GET', `/contracts/${input.contractId}/timeline`, manager)).body.filter((i: { kind: string }) => i.kind === 'termEnd')).toEqual([expect.objectContaining({ date: earlyEnd })]);

  // The next tender, prefilled: valid as a launch once someone launches it, starting the day after the end.
  expect((await call('GET', `/contracts/${input.contractId}/next-tender`, dockContact)).status).toBe(403);
  const draft = await call('GET', `/contracts/${input.contractId}/next-tender`, manager);
  expect(draft.status).toBe(200);
  expect(draft.body).toMatchObject({ contractStart: addDaysTo(earlyEnd, 1), lots: [input.lot], termYears: 8, kpis: input.terms.kpis });
  expect(draft.body.stakeholders.some((s: { organisation: string }) => s.organisation === 'DOCK')).toBe(false);
  expect(tenderLaunchRequestSchema.safeParse(draft.body).success).toBe(true);
  // The audit trail names who ended it: the manager's token.
  const endEvent = await h.db.prisma.event.findFirst({ where: { contractId: input.contractId, actorPrincipal: 'token:M. Manager' } });
  expect(endEvent).toMatchObject({ actorRole: 'manager', actorOrganisation: 'Gemeente Zaanstad', actorName: 'M. Manager', data: expect.objectContaining({ earlyEnd: expect.objectContaining({ endDate: earlyEnd }) }) });
});

test('indexation per calendar year: a provisional rate is recorded once, a settled one only after its year, each refusal names the field', async () => {
  const input = zaanstadContract(addDaysTo(toIsoDate(new Date()), 30));
  await h.db.prisma.contract.create({ data: contractRow(input) });
  await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  const schedule = termSchedule(input, 0, 3);
  const first = schedule.municipalYearTasks.find((t) => t.kind === 'indexationProvisional')!;
  const rate = { year: first.year, stage: 'provisional', percent: 3.25, basis: '70% OVA + 30% CPI' };
  const url = `/contracts/${input.contractId}/indexation-rates`;

  // The timeline shows the municipal year: budget before the spring note, indexation per calendar year.
  const timeline = (await call('GET', `/contracts/${input.contractId}/timeline`, contractManager)).body as { kind: string; date: string }[];
  expect(timeline.filter((i) => i.kind === 'budgetCycle').map((i) => i.date)).toEqual(schedule.municipalYearTasks.filter((t) => t.kind === 'budgetCycle').map((t) => t.dueDate));
  expect(timeline.some((i) => i.kind === 'indexationReview')).toBe(false);

  const provider = await call('POST', url, dockContact, rate);
  expect(provider.status).toBe(403);
  expect(provider.body.message).toBe('Needs the role contractManager or manager in Gemeente Zaanstad');
  const badPercent = await call('POST', url, contractManager, { ...rate, percent: 45 });
  expect(badPercent).toMatchObject({ status: 400, body: { issues: [expect.objectContaining({ field: 'percent' })] } });
  const notPlanned = await call('POST', url, contractManager, { ...rate, year: first.year + 20 });
  expect(notPlanned).toMatchObject({ status: 400, body: { issues: [expect.objectContaining({ field: 'year' })] } });
  const settledEarly = await call('POST', url, contractManager, { ...rate, stage: 'settled' });
  expect(settledEarly).toMatchObject({ status: 400, body: { issues: [expect.objectContaining({ field: 'year' })] } });

  // Recorded before its task opens: the task will not be opened.
  const recorded = await call('POST', url, contractManager, rate);
  expect(recorded).toMatchObject({ status: 201, body: { year: first.year, provisional: { percent: 3.25, basis: '70% OVA + 30% CPI' } } });
  expect((await call('POST', url, contractManager, rate)).status).toBe(409);
  const events = await h.db.prisma.event.findMany({ where: { contractId: input.contractId, type: 'contract.indexationRateRecorded' } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorRole: 'contractManager', actorName: 'C. Manager', actorPrincipal: 'token:C. Manager' });
  // The contract's state shows who recorded the rate by role and name; who signed in stays in the audit trail.
  const state = await call('GET', `/contracts/${input.contractId}`, dockContact);
  expect(state.body.term.budget.indexationYears[0].provisional.by).toEqual({ role: 'contractManager', organisation: 'Gemeente Zaanstad', name: 'C. Manager' });
});
