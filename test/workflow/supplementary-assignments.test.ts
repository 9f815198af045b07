/**
 * Supplementary assignments on Temporal's time-skipping test server, with a real database and SMTP
 * server: the contract's one intake (side-steering flagged), the joint panel's vetting on a legal
 * ground (Aw 2012 art. 2.163b-d) counted against the contract's totals, the provider's confirmation,
 * the assignment's own term (its own reports, the end decision, a renewal through the intake),
 * bundling at the budget task with written consent to added-up caps (VNG art. 1.5.8), the flexible
 * amount in the budget task, the 70% alert on a spending cap (VNG art. 1.5.7), and promotion at the
 * midterm review into the next tender.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { TakeInRequest } from '../../domain/schemas/supplementary';
import { type ContractTermInput, contractStateQuery, contractWorkflowId, endContractEarlyUpdate, nextTenderDraftQuery } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import {
  approveBundlingUpdate,
  confirmAssignmentUpdate,
  consentToCombinedCapsUpdate,
  decideAssignmentEndUpdate,
  decideFlexibleAmountUpdate,
  proposePromotionUpdate,
  recordSpendingUpdate,
  setSpendingCapUpdate,
  supplementaryAssignmentQuery,
  supplementaryAssignmentWorkflowId,
  supplementaryPortfolioQuery,
  takeInRequestUpdate,
  vetRequestUpdate,
} from '../../workflows/supplementary-assignment/supplementary-definitions';
import { completeTaskUpdate } from '../../workflows/shared/complete-task';
import { midtermReviewQuery, midtermReviewWorkflowId } from '../../workflows/midterm-review/midterm-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { skipDays, waitUntilClosed, waitUntilIdle } from '../helpers/tender-driver';
import { refusal } from '../helpers/update-refusal';
import { OrphanWatch, skipReleasingLocks } from '../helpers/orphan-locks';

const DAY = 24 * 60 * 60 * 1000;
const euro = (amount: number) => Math.round(amount * 100);
const ZAANSTAD = 'Gemeente Zaanstad';
const contractManager = { role: 'contractManager', organisation: ZAANSTAD, name: 'C. Manager' } as const;
const manager = { role: 'manager', organisation: ZAANSTAD, name: 'M. Manager' } as const;
const college = { role: 'college', organisation: ZAANSTAD, name: 'Wethouder Zorg (mandaat college)' } as const;
const panel = { role: 'jointPanel', organisation: ZAANSTAD, name: 'Gremium aanvullende opdrachten' } as const;
const providerContact = { role: 'contractContact', organisation: 'DOCK', name: 'D. Contact' } as const;

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

async function startContract(overrides: Partial<ContractTermInput> = {}, terms: Partial<ContractTermInput['terms']> = {}) {
  const base = zaanstadContract(addDaysTo(await today(), 10), terms);
  const input: ContractTermInput = {
    ...base,
    procurementForm: 'socialServicesLightRegime',
    stakeholders: [...base.stakeholders, { role: 'jointPanel', organisation: ZAANSTAD, email: 'gremium@zaanstad.example' }],
    ...overrides,
  };
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  await waitUntilIdle([handle]);
  return { input, handle };
}

async function request(overrides: Partial<TakeInRequest> = {}): Promise<TakeInRequest> {
  const from = addDaysTo(await today(), 30);
  return {
    title: 'Schoolmaatschappelijk werk',
    theme: 'Preventie jeugd',
    goal: 'Minder schooluitval',
    budgetCents: euro(40_000),
    period: { from, to: addDaysTo(from, 364) },
    reporting: { regime: 'foldedIntoContract' },
    source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' },
    requestedBy: 'J. de Vries (leerplicht)',
    outsideContractLine: false,
    by: contractManager,
    ...overrides,
  };
}

/** Skips simulated time in steps of 10 days (or `stepDays`), letting the workflows settle before each step. */
const advance = (handles: WorkflowHandle[], days: number, stepDays = 10) => skipDays(h.env, handles, days, stepDays);

const child = (assignmentId: string) => h.env.client.workflow.getHandle(supplementaryAssignmentWorkflowId(assignmentId));

async function takeInAndAccept(handle: WorkflowHandle, overrides: Partial<TakeInRequest> = {}) {
  const taken = await handle.executeUpdate(takeInRequestUpdate, { args: [await request(overrides)] });
  const accepted = await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: taken.id, decision: 'accept', route: 'deMinimis', reason: 'Past binnen de geest van de hoofdopdracht', by: panel }] });
  await waitUntilIdle([handle, child(taken.id)]);
  return accepted;
}

test('one intake: a request through the contract line and one that reached the provider outside it (side-steering), each vetted by the joint panel', async () => {
  const { input, handle } = await startContract();
  const first = await handle.executeUpdate(takeInRequestUpdate, { args: [await request()] });
  expect(first).toMatchObject({ id: `${input.contractId}-sa-1`, status: 'vetting', sideSteering: false, goal: 'Minder schooluitval' });
  const sideSteered = await handle.executeUpdate(takeInRequestUpdate, {
    args: [await request({ title: 'Taalcafé', source: { kind: 'nationalProgramme', name: 'Kansrijke Start' }, requestedBy: 'Programmabureau', by: providerContact })],
  });
  expect(sideSteered.sideSteering).toBe(true);
  await waitUntilIdle([handle]);

  const vetting = await h.db.prisma.task.findMany({ where: { contractId: input.contractId, kind: 'supplementaryVetting' }, orderBy: { id: 'asc' } });
  expect(vetting.map((t) => [t.role, t.organisation, t.status])).toEqual([
    ['jointPanel', ZAANSTAD, 'open'],
    ['jointPanel', ZAANSTAD, 'open'],
  ]);
  expect(h.mail.messages().filter((m) => m.to.includes('gremium@zaanstad.example')).length).toBe(2);
  const rows = await h.db.prisma.supplementaryAssignment.findMany({ where: { contractId: input.contractId }, orderBy: { id: 'asc' } });
  expect(rows.map((r) => [r.status, r.sideSteering, r.sourceKind])).toEqual([
    ['vetting', false, 'municipalDepartment'],
    ['vetting', true, 'nationalProgramme'],
  ]);

  // Only the panel vets; the provider takes nothing in on the commissioner's behalf.
  const asManager = await refusal(handle, () => handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: first.id, decision: 'reject', reason: 'Nee', by: contractManager }] }));
  expect(asManager.type).toBe('Forbidden');
  const rejected = await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: sideSteered.id, decision: 'reject', reason: 'Hoort bij het onderwijsbudget, niet bij de wijkteams', by: panel }] });
  expect(rejected.status).toBe('rejected');
  const twice = await refusal(handle, () => handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: sideSteered.id, decision: 'reject', reason: 'Nogmaals', by: panel }] }));
  expect(twice.type).toBe('Conflict');
  await waitUntilIdle([handle]);
  const done = await h.db.prisma.task.findUnique({ where: { id: `${sideSteered.id}:vetting` } });
  expect(done).toMatchObject({ status: 'done', outcome: 'rejected', completedByRole: 'jointPanel' });
});

test('art. 2.163b: an accepted request counts towards the de minimis total; beyond it the panel is refused naming the budget; the provider declining releases the count', async () => {
  const preventie = { id: 'preventie', nature: 'Uitbreiding inzet preventie', maxPercentOfInitial: 15, conditions: 'Bij een stijging van het aantal meldingen met meer dan 20%' };
  const { handle } = await startContract({}, { changeOptions: [preventie] });
  const accepted = await takeInAndAccept(handle);
  expect(accepted).toMatchObject({ status: 'awaitingConfirmation', vetting: { route: 'deMinimis', ground: { basis: 'deMinimis', article: 'Aw 2012 art. 2.163b' } } });
  expect((await handle.query(contractStateQuery)).changeTotals?.byGround.deMinimis).toBe(euro(40_000));
  // A written change of the contract like any other: the midterm evidence reads it.
  const amended = await h.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: 'contract.amended' } });
  expect(amended.map((e) => e.data)).toEqual([expect.objectContaining({ kind: 'supplementaryAssignment', theme: 'Preventie jeugd', source: 'municipalDepartment', assignmentId: accepted.id })]);

  // EUR 32 million lot: de minimis reaches EUR 750,000 (the threshold binds before 10%).
  const large = await handle.executeUpdate(takeInRequestUpdate, { args: [await request({ title: 'Grote uitbreiding', budgetCents: euro(720_000) })] });
  const beyond = await refusal(handle, () => handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: large.id, decision: 'accept', route: 'deMinimis', reason: 'Past', by: panel }] }));
  expect(beyond.type).toBe('InvalidArgument');
  expect(beyond.details).toEqual([{ field: 'budgetCents' }]);
  expect(beyond.message).toContain('2.163b');
  // Art. 2.163c: within the contract's change option (15% of the initial value) it is lawful whatever its size.
  const withinOption = await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: large.id, decision: 'accept', route: 'changeOption', changeOptionId: 'preventie', reason: 'Meer meldingen', by: panel }] });
  expect(withinOption.vetting?.ground).toMatchObject({ basis: 'changeOption', changeOptionId: 'preventie' });
  const separate = await handle.executeUpdate(takeInRequestUpdate, { args: [await request({ title: 'Nieuw jongerenwerk' })] });
  const left = await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: separate.id, decision: 'accept', route: 'separateContract', separateContract: 'grant', reason: 'Geen wijkteamtaak: subsidie', by: panel }] });
  expect(left).toMatchObject({ status: 'leftContract', vetting: { separateContract: 'grant' } });

  // The provider is asked to confirm; it declines, and the change no longer counts.
  const confirmation = await h.db.prisma.task.findUnique({ where: { id: `${accepted.id}:confirmation` } });
  expect(confirmation).toMatchObject({ role: 'contractContact', organisation: 'DOCK', status: 'open' });
  await child(accepted.id).executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: false, note: 'Geen capaciteit', by: providerContact }] });
  await waitUntilIdle([handle, child(accepted.id)]);
  const state = await handle.query(contractStateQuery);
  expect(state.changeTotals?.byGround).toMatchObject({ deMinimis: 0, changeOption: euro(720_000) });
  const portfolio = await handle.query(supplementaryPortfolioQuery);
  expect(portfolio.assignments.map((a) => [a.id, a.status])).toEqual([
    [accepted.id, 'declined'],
    [large.id, 'awaitingConfirmation'],
    [separate.id, 'leftContract'],
  ]);
  expect((await h.db.prisma.supplementaryAssignment.findUnique({ where: { id: accepted.id } }))?.status).toBe('declined');
});

test('its own term: confirmed, active on its start, its own reports, the end decision before it ends; a renewal goes back through the intake', async () => {
  const { handle } = await startContract();
  const start = await today();
  const from = addDaysTo(start, 30);
  const to = addDaysTo(from, 179);
  const accepted = await takeInAndAccept(handle, { period: { from, to }, reporting: { regime: 'own', everyMonths: 3 } });
  const term = child(accepted.id);
  await term.executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: true, by: providerContact }] });
  await advance([handle, term], 31);
  expect((await term.query(supplementaryAssignmentQuery)).assignment.status).toBe('active');
  expect((await handle.query(supplementaryPortfolioQuery)).assignments[0]!.status).toBe('active');

  // The end decision is due 60 days before the end and opens 30 days before that; the first report is due 3 months in.
  await advance([handle, term], 95);
  const tasks = (await term.query(supplementaryAssignmentQuery)).tasks;
  expect(tasks.filter((t) => t.status === 'open').map((t) => t.kind).sort()).toEqual(['supplementaryEndDecision', 'supplementaryReport']);
  const report = tasks.find((t) => t.kind === 'supplementaryReport')!;
  await term.executeUpdate(completeTaskUpdate, { args: [{ taskId: report.id, outcome: 'ingediend', by: providerContact }] });
  const wrongRole = await refusal(term, () => term.executeUpdate(decideAssignmentEndUpdate, { args: [{ decision: 'end', rationale: 'Klaar', by: providerContact }] }));
  expect(wrongRole.type).toBe('Forbidden');
  const renewalFrom = addDaysTo(to, 1);
  await term.executeUpdate(decideAssignmentEndUpdate, {
    args: [{ decision: 'renew', rationale: 'Werkt goed; nog een jaar', renewal: { period: { from: renewalFrom, to: addDaysTo(renewalFrom, 364) }, budgetCents: euro(45_000) }, by: contractManager }],
  });
  await waitUntilIdle([handle, term]);
  const renewal = (await handle.query(supplementaryPortfolioQuery)).assignments[1]!;
  expect(renewal).toMatchObject({ renewalOf: accepted.id, status: 'vetting', budgetCents: euro(45_000), period: { from: renewalFrom } });
  expect(await h.db.prisma.task.findUnique({ where: { id: `${renewal.id}:vetting` } })).toMatchObject({ status: 'open', role: 'jointPanel' });

  // After its end: ended, and the final report (due 30 days after the end) still to come.
  await advance([handle, term], 90);
  const ended = await term.query(supplementaryAssignmentQuery);
  expect(ended.assignment.status).toBe('ended');
  const finalReport = ended.tasks.find((t) => t.kind === 'supplementaryReport' && t.status === 'open')!;
  expect(finalReport.dueDate).toBe(addDaysTo(to, 30));
  await term.executeUpdate(completeTaskUpdate, { args: [{ taskId: finalReport.id, outcome: 'eindrapportage ingediend', by: providerContact }] });
  expect((await term.result()).assignment.status).toBe('ended');
  await waitUntilIdle([handle]);
  expect((await handle.query(supplementaryPortfolioQuery)).assignments[0]).toMatchObject({ status: 'ended', endDecision: { decision: 'renew', renewedAs: renewal.id } });
});

test('bundling at the budget task: small budgets grouped by theme and goal, earmarked, reporting merged; added-up caps wait for written consent (VNG art. 1.5.8); the flexible amount decided in the budget task', async () => {
  const { input, handle } = await startContract();
  const own = { reporting: { regime: 'own' as const, everyMonths: 6 } };
  const a = await takeInAndAccept(handle, { title: 'Huiswerkbegeleiding', budgetCents: euro(12_000), ...own });
  const b = await takeInAndAccept(handle, { title: 'Schoolmaatschappelijk werk', budgetCents: euro(18_000), goal: 'minder  schooluitval', ...own });
  const c = await takeInAndAccept(handle, { title: 'Buurtsportcoach', theme: 'Bewegen', goal: 'Meer bewegen', budgetCents: euro(9_000), spendingCapCents: euro(9_000) });
  const d = await takeInAndAccept(handle, { title: 'Beweegmaatje', theme: 'Bewegen', goal: 'Meer bewegen', budgetCents: euro(7_000), spendingCapCents: euro(7_000) });
  const big = await takeInAndAccept(handle, { title: 'Groot project', budgetCents: euro(80_000) });
  for (const assignment of [a, b, c, d, big]) await child(assignment.id).executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: true, by: providerContact }] });

  // The bundling moment for budget year Y is due on 1 March of Y-1 (before the spring note) and opens 30 days before.
  const nextYear = Number((await today()).slice(0, 4)) + 1;
  const budgetYear = nextYear + 1;
  const dueDate = `${nextYear}-03-01`;
  const handles = [handle, ...[a, b, c, d, big].map((x) => child(x.id))];
  const opens = addDaysTo(dueDate, -30);
  const days = Math.ceil((Date.parse(opens) - (await h.env.currentTimeMs())) / DAY) + 1;
  await advance(handles, days, 15);
  const pending = (await handle.query(supplementaryPortfolioQuery)).pendingBundling;
  expect(pending.map((p) => [p.year, p.dueDate])).toEqual([[budgetYear, dueDate]]);
  expect(pending[0]!.proposals.map((p) => [p.theme, p.assignmentIds, p.budgetCents, p.combinesSpendingCaps])).toEqual([
    ['Bewegen', [c.id, d.id], euro(16_000), true],
    ['Preventie jeugd', [a.id, b.id], euro(30_000), false],
  ]);
  expect(await h.db.prisma.task.findUnique({ where: { id: pending[0]!.taskId } })).toMatchObject({ role: 'manager', status: 'open' });

  // Bundling groups small budgets only.
  const tooBig = await refusal(handle, () => handle.executeUpdate(approveBundlingUpdate, { args: [{ year: budgetYear, bundles: [{ theme: 'Preventie jeugd', goal: 'Minder schooluitval', assignmentIds: [a.id, big.id] }], by: manager }] }));
  expect(tooBig.details).toEqual([{ field: 'bundles.0.assignmentIds.1' }]);
  const bundles = await handle.executeUpdate(approveBundlingUpdate, {
    args: [{ year: budgetYear, bundles: pending[0]!.proposals.map(({ theme, goal, assignmentIds }) => ({ theme, goal, assignmentIds })), by: manager }],
  });
  expect(bundles.map((x) => [x.theme, x.status])).toEqual([
    ['Bewegen', 'awaitingConsent'],
    ['Preventie jeugd', 'earmarked'],
  ]);
  await waitUntilIdle(handles);
  // The earmarked bundle's assignments report in its one regime; the provider is told.
  expect((await child(a.id).query(supplementaryAssignmentQuery)).assignment).toMatchObject({ regime: 'bundle', bundleId: bundles[1]!.id });
  expect(h.mail.messages().some((m) => m.to.includes('contract@dock.example') && m.subject.includes('gebundeld: Preventie jeugd'))).toBe(true);

  // Adding caps up: the college (or its mandate holder) consents in writing; after a European procedure only when it is no substantial change.
  const consentTask = await h.db.prisma.task.findUnique({ where: { id: `${bundles[0]!.id}:consent` } });
  expect(consentTask).toMatchObject({ role: 'college', organisation: ZAANSTAD, status: 'open' });
  const byProvider = await refusal(handle, () => handle.executeUpdate(consentToCombinedCapsUpdate, { args: [{ bundleId: bundles[0]!.id, consent: true, documentReference: 'brief 2027-001', by: providerContact }] }));
  expect(byProvider.type).toBe('Forbidden');
  const unconfirmed = await refusal(handle, () => handle.executeUpdate(consentToCombinedCapsUpdate, { args: [{ bundleId: bundles[0]!.id, consent: true, documentReference: 'brief 2027-001', by: college }] }));
  expect(unconfirmed.details).toEqual([{ field: 'noSubstantialChange' }]);
  const consented = await handle.executeUpdate(consentToCombinedCapsUpdate, { args: [{ bundleId: bundles[0]!.id, consent: true, noSubstantialChange: true, documentReference: 'brief 2027-001', by: college }] });
  expect(consented).toMatchObject({ status: 'earmarked', consent: { consent: true, documentReference: 'brief 2027-001' } });
  await waitUntilIdle(handles);
  expect(h.mail.messages().some((m) => m.to.includes('contract@dock.example') && m.subject.startsWith('Toestemming: bestedingsruimtes optellen'))).toBe(true);
  const consentEvent = await h.db.prisma.event.findFirst({ where: { workflowId: handle.workflowId, type: 'supplementary.combinedCapsConsent' } });
  expect(consentEvent?.data).toMatchObject({ written: true, article: 'VNG contractstandaard Wmo art. 1.5.8' });

  // The flexible amount for the budget year, decided in the budget task of that year.
  const budgetTask = await h.db.prisma.task.findFirst({ where: { contractId: input.contractId, kind: 'budgetCycle', status: 'open', title: { contains: String(budgetYear) } } });
  expect(budgetTask?.dueDate).toEqual(new Date(`${dueDate}T00:00:00Z`));
  const year = await handle.executeUpdate(decideFlexibleAmountUpdate, { args: [{ year: budgetYear, amountCents: euro(150_000), by: manager }] });
  expect(year.flexibleAmount).toMatchObject({ amountCents: euro(150_000) });
  await waitUntilIdle([handle]);
  expect(await h.db.prisma.task.findUnique({ where: { id: budgetTask!.id } })).toMatchObject({ status: 'done' });
  const bundleRows = await h.db.prisma.supplementaryBundle.findMany({ where: { contractId: input.contractId }, orderBy: { theme: 'asc' } });
  expect(bundleRows.map((r) => [r.theme, r.status])).toEqual([
    ['Bewegen', 'earmarked'],
    ['Preventie jeugd', 'earmarked'],
  ]);
});

test('VNG art. 1.5.7: spending reaching 70% of the cap tells the provider, plans the consultation within 2 weeks and the decision within 2 weeks after', async () => {
  const { handle } = await startContract();
  const now = await today();
  const year = Number(now.slice(0, 4)) + 1;
  const noCap = await refusal(handle, () => handle.executeUpdate(recordSpendingUpdate, { args: [{ year, amountCents: euro(10), description: 'Factuur', reference: 'F-0', by: contractManager }] }));
  expect(noCap.type).toBe('Conflict');
  await handle.executeUpdate(setSpendingCapUpdate, { args: [{ year, capCents: euro(100_000), by: contractManager }] });
  const first = await handle.executeUpdate(recordSpendingUpdate, { args: [{ year, amountCents: euro(60_000), description: 'Declaraties Q1', reference: 'F-1', by: contractManager }] });
  expect(first.capAlert).toBeUndefined();
  const again = await refusal(handle, () => handle.executeUpdate(recordSpendingUpdate, { args: [{ year, amountCents: euro(60_000), description: 'Declaraties Q1', reference: 'F-1', by: contractManager }] }));
  expect(again.type).toBe('Conflict');
  const second = await handle.executeUpdate(recordSpendingUpdate, { args: [{ year, amountCents: euro(10_000), description: 'Declaraties Q2', reference: 'F-2', by: contractManager }] });
  expect(second.capAlert).toEqual({ reachedOn: now, percent: 70, consultationDue: addDaysTo(now, 14), decisionDue: addDaysTo(now, 28) });
  await waitUntilIdle([handle]);
  const tasks = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId, kind: { in: ['spendingCapConsultation', 'spendingCapDecision'] } }, orderBy: { dueDate: 'asc' } });
  expect(tasks.map((t) => [t.kind, t.role, toIsoDate(t.dueDate)])).toEqual([
    ['spendingCapConsultation', 'contractManager', addDaysTo(now, 14)],
    ['spendingCapDecision', 'manager', addDaysTo(now, 28)],
  ]);
  expect(h.mail.messages().filter((m) => m.to.includes('contract@dock.example') && m.subject.includes('70% bereikt')).length).toBe(1);
});

test('promotion is proposed at the midterm review, not before, and the next tender takes the assignment over', async () => {
  const { handle } = await startContract({}, { midtermReviewAfterMonths: 2 });
  const accepted = await takeInAndAccept(handle, { budgetCents: euro(36_500) });
  const early = await refusal(handle, () => handle.executeUpdate(proposePromotionUpdate, { args: [{ assignmentId: accepted.id, rationale: 'Hoort bij de kern', by: contractManager }] }));
  expect(early.type).toBe('Conflict');
  const before = await handle.query(nextTenderDraftQuery);
  await advance([handle, child(accepted.id)], 75, 15);
  const promoted = await handle.executeUpdate(proposePromotionUpdate, { args: [{ assignmentId: accepted.id, rationale: 'Hoort bij de kern van het wijkteamwerk', by: contractManager }] });
  expect(promoted.promotion).toMatchObject({ occasion: 'midtermReview' });
  // The midterm evidence lists the supplementary assignment portfolio.
  const review = await h.env.client.workflow.getHandle(midtermReviewWorkflowId(accepted.contractId)).query(midtermReviewQuery);
  expect(review.evidence).toMatchObject({ supplementaryAssignments: 1, supplementaryAssignmentCents: euro(36_500) });
  const draft = await handle.query(nextTenderDraftQuery);
  expect(draft.includedAssignments).toEqual([expect.objectContaining({ fromAssignment: accepted.id, title: 'Schoolmaatschappelijk werk', yearlyValueCents: euro(36_500) })]);
  // Its yearly value for every year of the next term.
  expect(draft.estimatedValueCents).toBe(before.estimatedValueCents + euro(36_500) * 8);
  await waitUntilIdle([handle, child(accepted.id)]);
  expect((await child(accepted.id).query(supplementaryAssignmentQuery)).assignment.promotion).toMatchObject({ occasion: 'midtermReview' });
});

test('promotion at renewal by the end decision; the contract ending early cancels its running assignments and their open tasks', async () => {
  const { handle } = await startContract({}, { earlyTermination: { option: 'commissioner', commissionerNoticeMonths: 1 } });
  const from = addDaysTo(await today(), 30);
  const short = await takeInAndAccept(handle, { title: 'Pilot mantelzorgcafé', period: { from, to: addDaysTo(from, 70) } });
  const waiting = await takeInAndAccept(handle, { title: 'Voorlichting', period: { from, to: addDaysTo(from, 200) } });
  await child(short.id).executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: true, by: providerContact }] });
  await advance([handle, child(short.id), child(waiting.id)], 31);

  // The end decision (due 60 days before the end, not before the start) is open once the assignment runs.
  const promoted = await child(short.id).executeUpdate(decideAssignmentEndUpdate, { args: [{ decision: 'promote', rationale: 'Hoort voortaan bij de hoofdopdracht', by: contractManager }] });
  expect(promoted.assignment.promotion).toMatchObject({ occasion: 'renewal' });
  await waitUntilIdle([handle, child(short.id)]);
  expect((await handle.query(nextTenderDraftQuery)).includedAssignments?.map((a) => a.fromAssignment)).toEqual([short.id]);

  const endDate = addDaysTo(await today(), 32);
  await handle.executeUpdate(endContractEarlyUpdate, { args: [{ endDate, reason: 'Nieuwe inrichting van het sociaal domein', by: college }] });
  // The cancelled assignments close after their contract: the test server then leaks a time-skipping lock (test/helpers/orphan-locks.ts).
  const orphans = new OrphanWatch(h.env);
  for (const assignment of [short, waiting]) orphans.watch(child(assignment.id));
  for (let day = 0; day < 35; day += 5) {
    await waitUntilIdle([handle, child(short.id), child(waiting.id)]);
    await skipReleasingLocks(h.env, 5 * DAY, orphans);
  }
  await waitUntilIdle([handle, child(short.id), child(waiting.id)]);
  await waitUntilClosed([child(short.id), child(waiting.id)]);
  for (const assignment of [short, waiting]) {
    const term = await child(assignment.id).describe();
    expect(term.status.name).toBe('COMPLETED');
    const state = await child(assignment.id).query(supplementaryAssignmentQuery);
    expect(state.assignment.status).toBe('cancelled');
    expect(state.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect((await h.db.prisma.supplementaryAssignment.findUnique({ where: { id: assignment.id } }))?.status).toBe('cancelled');
  }
  const closed = await h.db.prisma.event.findFirst({ where: { workflowId: handle.workflowId, type: 'contract.childrenClosed' } });
  expect((closed?.data as { cancelled: string[] }).cancelled).toEqual(expect.arrayContaining([supplementaryAssignmentWorkflowId(short.id), supplementaryAssignmentWorkflowId(waiting.id)]));
});
