/**
 * The eight-year contract term on Temporal's time-skipping test server, with a real database and
 * SMTP server: every cadence at its simulated date, the midterm review, the end decision with an
 * extension granted or refused, an early end, and continue-as-new once per contract year.
 */
import { addDaysTo, addMonthsTo, notificationMoment, toIsoDate } from '../../domain/dates';
import { termSchedule } from '../../domain/term-schedule';
import {
  type ContractTermInput,
  contractStateQuery,
  contractTimelineQuery,
  contractWorkflowId,
  decideTermEndUpdate,
  endContractEarlyUpdate,
  amendContractUpdate,
} from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { accountabilityWorkflowId } from '../../workflows/accountability-cycle/accountability-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { manager } from '../fixtures/zaanstad';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { refusal } from '../helpers/update-refusal';
import { waitUntilIdle } from '../helpers/tender-driver';
import { liveThroughTerm, type LiveThroughOptions } from '../helpers/contract-driver';

const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

async function startContract(terms: Partial<ContractTermInput['terms']> = {}) {
  const today = toIsoDate(new Date(await h.env.currentTimeMs()));
  const input = zaanstadContract(addDaysTo(today, 10), terms);
  const workflowId = contractWorkflowId(input.contractId);
  // New contracts plan agenda version 3 (the municipal year).
  const schedule = termSchedule(input, 0, 3);
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId, args: [input] });
  return { input, handle, schedule };
}

type Decide = LiveThroughOptions['decide'];

/** Lives through the term as its people would (test/helpers/contract-driver.ts). */
function liveThrough(contract: Awaited<ReturnType<typeof startContract>>, decide: Decide, stepDays = 45): Promise<void> {
  return liveThroughTerm(h, contract, { decide, stepDays });
}

async function eventsOf(workflowId: string, type: string) {
  return h.db.prisma.event.findMany({ where: { workflowId, type }, orderBy: { occurredAt: 'asc' } });
}

function expectAround(actual: Date, expected: Date): void {
  expect(Math.abs(actual.getTime() - expected.getTime())).toBeLessThan(60_000);
}

test('a full eight-year term: every cycle at its date, midterm review, yearly reviews, end decision, continue-as-new per year', async () => {
  const contract = await startContract();
  const { handle, schedule, input } = contract;
  await liveThrough(contract, async (hd, task) => {
    await hd.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, decision: 'end', reason: 'Nieuwe aanbesteding per einde looptijd' }] });
    expect(task.kind).toBe('endDecision');
  });

  const result = await handle.result();
  expect(result).toMatchObject({ status: 'ended', startDate: input.startDate, endDate: schedule.endDate });
  expect(addMonthsTo(input.startDate, 96)).toBe(addDaysTo(schedule.endDate, 1));
  expect(result.budget).toMatchObject({ integratedBudgetCents: input.valueCents, indexation: { rule: 'caoWageIndex', reference: 'cao Sociaal Werk' } });
  // Indexation per calendar year: provisional before the year, settled after it (the last year's settlement falls after the term).
  const years = result.budget!.indexationYears!;
  expect(years.map((y) => y.year)).toEqual(schedule.municipalYearTasks.filter((t) => t.kind === 'indexationProvisional').map((t) => t.year));
  expect(years).toHaveLength(8); // a term from December 2026 runs in eight later calendar years
  expect(years[0]).toMatchObject({ provisional: { percent: 3.1 }, settled: { percent: 3.45 }, settlementPercentagePoints: 0.35 });
  expect(years.at(-1)!.settled).toBeUndefined();

  // 32 quarterly cycles, each started the morning after its period ended.
  const cycles = await eventsOf(handle.workflowId, 'contract.accountabilityCycleStarted');
  expect(cycles).toHaveLength(32);
  cycles.forEach((event, i) => expectAround(event.occurredAt, notificationMoment(addDaysTo(schedule.accountabilityPeriods[i]!.to, 1))));

  const midterm = await eventsOf(handle.workflowId, 'contract.midtermReviewStarted');
  expect(midterm).toHaveLength(1);
  expectAround(midterm[0]!.occurredAt, notificationMoment(schedule.midtermReviewDate));
  expect((await eventsOf(handle.workflowId, 'contract.midtermReviewDecided'))[0]!.data).toMatchObject({ decision: 'continue' });

  const tasks = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId }, orderBy: { dueDate: 'asc' } });
  const dueOf = (kind: string) => tasks.filter((t) => t.kind === kind).map((t) => toIsoDate(t.dueDate));
  // The municipal year: budget before the spring note, indexation per calendar year; no anniversary reviews.
  const municipal = (kind: string) => schedule.municipalYearTasks.filter((t) => t.kind === kind).map((t) => t.dueDate);
  expect(dueOf('indexationReview')).toEqual([]);
  expect(dueOf('budgetCycle')).toEqual(municipal('budgetCycle'));
  expect(dueOf('indexationProvisional')).toEqual(municipal('indexationProvisional'));
  expect(dueOf('indexationSettlement')).toEqual(municipal('indexationSettlement'));
  // The budget for the first calendar year after the start was due before the start: asked at the start.
  expect(dueOf('budgetCycle')[0]).toBe(input.startDate <= `${input.startDate.slice(0, 4)}-03-01` ? `${input.startDate.slice(0, 4)}-03-01` : input.startDate);
  expect(dueOf('budgetCycle').slice(1).every((date) => date.endsWith('-03-01'))).toBe(true);
  // The college decides on extending before the next tender must start; the evaluation starts that tender.
  expect(dueOf('endDecision')).toEqual([schedule.endDecisionDue]);
  expect(dueOf('renewalEvaluation')).toEqual([schedule.nextTenderLaunch]);
  expect(schedule.endDecisionDue < schedule.nextTenderLaunch!).toBe(true);
  expect(tasks.find((t) => t.kind === 'endDecision')).toMatchObject({ role: 'college' });
  expect(await eventsOf(handle.workflowId, 'contract.councilInformed')).toEqual([expect.objectContaining({ data: expect.objectContaining({ decision: 'end', to: ['griffie@zaanstad.example'] }) })]);
  expect(tasks.every((t) => t.status === 'done')).toBe(true);

  // One run per contract year keeps every history small.
  expect(result.summary!.runs).toBeGreaterThanOrEqual(8);
  expect(result.summary!.largestRunHistoryLength).toBeLessThan(1_000);
  console.log(`full term: ${result.summary!.runs} runs, largest history ${result.summary!.largestRunHistoryLength} events`);
  expect(await h.db.prisma.contract.findUnique({ where: { id: input.contractId } })).toMatchObject({ status: 'ended' });
});

test('an extension granted moves the end and adds cycles; a second decision ends it; refusals name the rule', async () => {
  const contract = await startContract({ termYears: 4, midtermReviewAfterMonths: 24, accountabilityCadence: 'yearly' });
  const { handle, schedule } = contract;
  const extendedEnd = addDaysTo(addMonthsTo(contract.input.startDate, 72), -1);
  let decisions = 0;
  await liveThrough(contract, async (hd) => {
    decisions++;
    if (decisions === 1) {
      const tooLong = await refusal(hd, () => hd.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, decision: 'extend', months: 36, reason: 'x' }] }));
      expect(tooLong).toMatchObject({ type: 'InvalidArgument' });
      const extended = await hd.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, decision: 'extend', months: 24, reason: 'Goede resultaten; verlengingsoptie 1' }] });
      expect(extended.endDate).toBe(extendedEnd);
    } else {
      await hd.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, decision: 'end', reason: 'Nieuwe aanbesteding' }] });
    }
  }, 60);
  const result = await handle.result();
  expect(decisions).toBe(2);
  expect(result).toMatchObject({ status: 'ended', endDate: extendedEnd });
  expect(result.summary!.extensions).toEqual([expect.objectContaining({ months: 24 })]);
  expect(await eventsOf(handle.workflowId, 'contract.accountabilityCycleStarted')).toHaveLength(6); // 4 + 2 extended years
  const endDecisions = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId, kind: 'endDecision' }, orderBy: { dueDate: 'asc' } });
  expect(endDecisions.map((t) => toIsoDate(t.dueDate))).toEqual([schedule.endDecisionDue, termSchedule(contract.input, 24, 3).endDecisionDue]);
  expect(await h.db.prisma.contract.findUnique({ where: { id: contract.input.contractId } })).toMatchObject({ status: 'ended', endDate: new Date(`${extendedEnd}T00:00:00Z`) });
});

test('an early end cuts the agenda: no cycles after the new end date', async () => {
  // VNG art. 1.3.4 option 2: the municipality may end early with 6 months' notice (contract-change-and-end.test.ts covers the options).
  const contract = await startContract({ accountabilityCadence: 'halfYearly', earlyTermination: { option: 'commissioner', commissionerNoticeMonths: 6 } });
  const { handle, schedule, input } = contract;
  const earlyEnd = addDaysTo(addMonthsTo(input.startDate, 18), -1); // after three half-year periods
  const past = await refusal(handle, () => handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: manager, endDate: addDaysTo(input.startDate, -30), reason: 'x' }] }));
  expect(past.type).toBe('InvalidArgument');
  const state = await handle.executeUpdate(endContractEarlyUpdate, { args: [{ by: manager, endDate: earlyEnd, reason: 'Opdrachtnemer failliet' }] });
  expect(state.endDate).toBe(earlyEnd);
  expect((await handle.query(contractTimelineQuery)).filter((i) => i.kind === 'termEnd')).toEqual([expect.objectContaining({ date: earlyEnd })]);
  // Waiting for the result lets time pass to the end. Not liveThrough's sleeps: at the end the contract
  // cancels the cycles still running (patched('contract-end-per-clause')), and the Java test server
  // stops skipping time once a child started by an earlier run (before continue-as-new) closes
  // (temporalio/sdk-java#1540); the real server drops that notice.
  const result = await handle.result();
  expect(result).toMatchObject({ status: 'ended', endDate: earlyEnd });
  expect(await h.db.prisma.task.count({ where: { workflowId: handle.workflowId, kind: 'endDecision' } })).toBe(0);
  expect(await eventsOf(handle.workflowId, 'contract.accountabilityCycleStarted')).toHaveLength(3);
  const [closed] = await eventsOf(handle.workflowId, 'contract.childrenClosed');
  expect((closed?.data as { cancelled: string[] }).cancelled).toEqual([1, 2].map((i) => accountabilityWorkflowId(input.contractId, i)));
  expect(schedule.endDate > earlyEnd).toBe(true);
  expect((await handle.query(contractStateQuery)).status).toBe('ended');
});

test('amendments are checked against Aw 2012 art. 2.163b when they name no other ground: a warning near the limit, refused beyond it', async () => {
  const { handle, input } = await startContract();
  await waitUntilIdle([handle]);
  // Initial value €32,000,000: 10% is €3,200,000, so the EU threshold of €750,000 binds.
  const effectiveDate = addDaysTo(toIsoDate(new Date(await h.env.currentTimeMs())), 60);
  const amend = (valueChangeCents: number) =>
    handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, description: `Uitbreiding inzet ${valueChangeCents}`, valueChangeCents, effectiveDate }] });

  const first = await amend(400_000_00);
  expect(first).toMatchObject({ allowed: true, cumulativeChangeCents: 400_000_00, limitCents: 750_000_00, ground: { basis: 'deMinimis' } });
  expect(first.warning).toBeUndefined();
  const second = await amend(250_000_00);
  expect(second).toMatchObject({ allowed: true, cumulativeChangeCents: 650_000_00 });
  expect(second.warning).toBeDefined(); // from 80% of the limit
  // A supplementary assignment (aanvullende opdracht) is a written amendment too, and counts towards the same ground.
  const supplementary = await handle.executeUpdate(amendContractUpdate, {
    args: [{ by: manager, kind: 'supplementaryAssignment', theme: 'Preventie jeugd', source: 'nationalProgramme', description: 'Kansrijke Start Krommenie', valueChangeCents: 50_000_00, effectiveDate }],
  });
  expect(supplementary).toMatchObject({ allowed: true, cumulativeChangeCents: 700_000_00 });
  const badKind = await refusal(handle, () => handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, kind: 'bundle' as 'revision', description: 'x', valueChangeCents: 1, effectiveDate }] }));
  expect(badKind).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'kind' }] });

  const refused = await refusal(handle, () => amend(150_000_00));
  expect(refused).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'valueChangeCents' }] });
  expect(refused.message).toContain('art. 2.163a');
  const tooLate = await refusal(handle, () => handle.executeUpdate(amendContractUpdate, { args: [{ by: manager, description: 'x', valueChangeCents: 1, effectiveDate: addDaysTo(effectiveDate, 200) }] }));
  expect(tooLate).toMatchObject({ type: 'InvalidArgument', details: [{ field: 'effectiveDate' }] });

  const amended = await eventsOf(handle.workflowId, 'contract.amended');
  expect(amended.map((e) => (e.data as { valueChangeCents: number }).valueChangeCents)).toEqual([400_000_00, 250_000_00, 50_000_00]);
  // Without a kind an amendment is recorded as a revision; theme and source only come with a supplementary assignment.
  expect(amended.map((e) => (e.data as { kind: string }).kind)).toEqual(['revision', 'revision', 'supplementaryAssignment']);
  expect(amended[0]!.data).not.toHaveProperty('theme');
  expect(amended[2]!.data).toMatchObject({ kind: 'supplementaryAssignment', theme: 'Preventie jeugd', source: 'nationalProgramme', description: 'Kansrijke Start Krommenie', valueChangeCents: 50_000_00, ground: { basis: 'deMinimis', article: 'Aw 2012 art. 2.163b' } });
  expect(input.valueCents).toBe(32_000_000_00);
  await handle.terminate('test done');
});
