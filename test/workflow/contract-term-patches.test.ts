/**
 * A contract runs for eight years while the code changes: a run started on an old workflow bundle
 * (test/workflow/bundles/) continues as new under the current code, and nothing from the past is
 * opened. Covers `patched('yearly-budget-cycle')` (the patch that reached into the past),
 * `patched('municipal-year')` (the agenda version decided once and carried) and
 * `patched('supplementary-intake')` (supplementary assignments from a contract's first request on).
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { computeContractSchedule } from '../../domain/contract-schedule';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { Stakeholder } from '../../domain/schemas/actor';
import { DEFAULT_SUPPLEMENTARY_SETTINGS } from '../../domain/supplementary/settings';
import { type ContractTermCarry, type ContractTermInput, contractStateQuery, contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { supplementaryPortfolioQuery, takeInRequestUpdate } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { useReleasedWorkers } from '../helpers/released-workers';
import { type Harness, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;
/** Before the yearly budget cycle existed: the lifecycle without it. */
const BEFORE_BUDGET_CYCLE = '701c396';
/** The yearly budget cycle, asked anew in every run (the bug). */
const BUDGET_CYCLE_ASKED_PER_RUN = 'a97bb75';
/** The municipal year and the role directory: the code right before supplementary assignments. */
const BEFORE_SUPPLEMENTARY = 'ed1b7be';

const startWorkerOn = useReleasedWorkers();
const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

/** A worker on its own task queue running the workflow code of a released commit. */
async function oldWorker(commit: string): Promise<string> {
  const taskQueue = `old-${commit}-${randomUUID()}`;
  await startWorkerOn(h, taskQueue, commit, { cached: true });
  return taskQueue;
}

async function today(): Promise<string> {
  return toIsoDate(new Date(await h.env.currentTimeMs()));
}

/** A yearly-cadence contract starting in ten days: its first run ends 30 days before contract year 2. */
async function startOn(taskQueue: string, moreStakeholders: Stakeholder[] = []): Promise<{ input: ContractTermInput; handle: WorkflowHandle }> {
  const base = zaanstadContract(addDaysTo(await today(), 10), { accountabilityCadence: 'yearly' });
  const input = { ...base, stakeholders: [...base.stakeholders, ...moreStakeholders] };
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start('contractTermWorkflow', { taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  return { input, handle };
}

/** Skips time until the current run (the first, at the start) has continued as new; returns the next run's arguments. */
async function secondRunArgs(handle: WorkflowHandle): Promise<[ContractTermInput, ContractTermCarry]> {
  const first = h.env.client.workflow.getHandle(handle.workflowId, (await handle.describe()).runId);
  for (let step = 0; step < 40; step++) {
    if ((await first.describe()).status.name === 'CONTINUED_AS_NEW') break;
    await waitUntilIdle([first]);
    await h.env.sleep(15 * DAY);
  }
  expect((await first.describe()).status.name).toBe('CONTINUED_AS_NEW');
  const history = await h.env.client.workflow.getHandle(handle.workflowId).fetchHistory();
  const payloads = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  return payloads.map((p) => defaultPayloadConverter.fromPayload(p)) as [ContractTermInput, ContractTermCarry];
}

/** Ends the run on the old queue and goes on with the same input and carry on `taskQueue`. */
async function continueOn(handle: WorkflowHandle, args: [ContractTermInput, ContractTermCarry], taskQueue: string): Promise<WorkflowHandle> {
  await waitUntilIdle([handle]);
  await handle.terminate('continued under another workflow bundle');
  const next = await h.env.client.workflow.start('contractTermWorkflow', { taskQueue, workflowId: handle.workflowId, args });
  await next.query(contractStateQuery);
  await waitUntilIdle([next]);
  return next;
}

/** Tasks this contract opened after `since` whose due date had already passed when they were opened. */
async function openedOverdue(contractId: string, since: Date) {
  const tasks = await h.db.prisma.task.findMany({ where: { contractId, openedAt: { gte: since } } });
  return tasks.filter((t) => toIsoDate(t.dueDate) < toIsoDate(t.openedAt)).map((t) => `${t.kind} due ${toIsoDate(t.dueDate)}`);
}

test("a contract from before the budget cycle, continued as new by the code that asked patched('yearly-budget-cycle') per run, opened past budget tasks", async () => {
  // The bug this file guards against, shown on the released code: the carry of a contract without a
  // budget cycle, run by the code that asked the patch anew in every run.
  const { input, handle } = await startOn(await oldWorker(BEFORE_BUDGET_CYCLE));
  const args = await secondRunArgs(handle);
  expect(args[1].agendaVersion).toBeUndefined();
  const since = new Date(await h.env.currentTimeMs());
  await continueOn(handle, args, await oldWorker(BUDGET_CYCLE_ASKED_PER_RUN));
  expect(await openedOverdue(input.contractId, since)).toEqual([expect.stringMatching(/^budgetCycle due /)]);
});

test("the same contract continued as new under this code opens nothing from the past: it keeps what it started with (patched('municipal-year'))", async () => {
  const { input, handle } = await startOn(await oldWorker(BEFORE_BUDGET_CYCLE));
  const args = await secondRunArgs(handle);
  const since = new Date(await h.env.currentTimeMs());
  const next = await continueOn(handle, args, h.taskQueue);
  expect(await openedOverdue(input.contractId, since)).toEqual([]);

  // A year on: the indexation review of contract year 3 opened at its time, still no budget task.
  await h.env.sleep(380 * DAY);
  await waitUntilIdle([next]);
  const tasks = await h.db.prisma.task.findMany({ where: { workflowId: next.workflowId }, orderBy: { dueDate: 'asc' } });
  expect(tasks.map((t) => t.kind)).toEqual(['indexationReview', 'indexationReview']);
  expect(await openedOverdue(input.contractId, since)).toEqual([]);
});

test('a contract started with the budget cycle, continued as new under this code, keeps its budget cycle and opens nothing from the past', async () => {
  const { input, handle } = await startOn(await oldWorker(BUDGET_CYCLE_ASKED_PER_RUN));
  const args = await secondRunArgs(handle);
  expect(args[1].done.some((key) => key.startsWith('budgetCycle:'))).toBe(true);
  const since = new Date(await h.env.currentTimeMs());
  const next = await continueOn(handle, args, h.taskQueue);
  await h.env.sleep(380 * DAY);
  await waitUntilIdle([next]);
  expect(await openedOverdue(input.contractId, since)).toEqual([]);
  const budget = await h.db.prisma.task.findMany({ where: { contractId: input.contractId, kind: 'budgetCycle' }, orderBy: { dueDate: 'asc' } });
  // One from the first run (old code), one from the next run, each 60 days before a contract year.
  const anniversaries = computeContractSchedule({ startDate: input.startDate }).yearlyReviewDates;
  expect(budget.map((t) => toIsoDate(t.dueDate))).toEqual(anniversaries.slice(0, 2).map((date) => addDaysTo(date, -60)));
});

test("a new contract decides its agenda once: version 3 is carried across continue-as-new (patched('municipal-year'))", async () => {
  const { handle } = await startOn(h.taskQueue);
  const args = await secondRunArgs(handle);
  expect(args[1].agendaVersion).toBe(3);
});

/** The first day on or after `date` that falls on `monthDay` (MM-DD). */
function firstOnOrAfter(date: string, monthDay: string): string {
  const sameYear = `${date.slice(0, 4)}-${monthDay}`;
  return sameYear >= date ? sameYear : `${Number(date.slice(0, 4)) + 1}-${monthDay}`;
}

/** Skips simulated time to the start (00:00 UTC) of `date`, in steps, letting the workflows settle before each. */
async function skipTo(date: string, handles: WorkflowHandle[]): Promise<void> {
  const target = Date.parse(`${date}T00:00:00Z`);
  for (let now = await h.env.currentTimeMs(); now < target; now = await h.env.currentTimeMs()) {
    await waitUntilIdle(handles);
    await h.env.sleep(Math.min(15 * DAY, target - now));
  }
  await waitUntilIdle(handles);
}

async function bundlingTasks(contractId: string): Promise<string[]> {
  const tasks = await h.db.prisma.task.findMany({ where: { contractId, kind: 'supplementaryBundling' }, orderBy: { dueDate: 'asc' } });
  return tasks.map((t) => `due ${toIsoDate(t.dueDate)}`);
}

test("a contract from before supplementary assignments, continued as new under this code, plans bundling moments from its first request on, not from its start (patched('supplementary-intake'))", async () => {
  // A contract starting in December: its first contract year passes a bundling moment (1 March, the
  // budget task's day) long before it takes any request in.
  const now = await today();
  if (now.slice(5) < '12-01') await skipTo(`${now.slice(0, 4)}-12-01`, []);
  const jointPanel: Stakeholder = { role: 'jointPanel', organisation: 'Gemeente Zaanstad', email: 'gremium@zaanstad.example' };
  const { input, handle } = await startOn(await oldWorker(BEFORE_SUPPLEMENTARY), [jointPanel]);
  const args = await secondRunArgs(handle);
  expect(args[1].agendaVersion).toBe(3);
  expect(args[1].supplementary).toBeUndefined();
  const since = new Date(await h.env.currentTimeMs());
  const next = await continueOn(handle, args, h.taskQueue);
  expect(await openedOverdue(input.contractId, since)).toEqual([]);
  expect(await bundlingTasks(input.contractId)).toEqual([]);

  // The first request, in the contract's second run: the portfolio starts today, nothing pending.
  const requestedOn = await today();
  const monthDay = DEFAULT_SUPPLEMENTARY_SETTINGS.bundlingMonthDay;
  expect(firstOnOrAfter(input.startDate, monthDay) < requestedOn).toBe(true);
  const from = addDaysTo(requestedOn, 30);
  const taken = await next.executeUpdate(takeInRequestUpdate, {
    args: [{
      title: 'Schoolmaatschappelijk werk',
      theme: 'Preventie jeugd',
      goal: 'Minder schooluitval',
      budgetCents: 4_000_000,
      period: { from, to: addDaysTo(from, 364) },
      reporting: { regime: 'foldedIntoContract' },
      source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' },
      requestedBy: 'J. de Vries (leerplicht)',
      outsideContractLine: false,
      by: { role: 'contractManager', organisation: 'Gemeente Zaanstad', name: 'C. Manager' },
    }],
  });
  expect(taken).toMatchObject({ id: `${input.contractId}-sa-1`, status: 'vetting' });
  await waitUntilIdle([next]);
  expect((await next.query(supplementaryPortfolioQuery)).pendingBundling).toEqual([]);
  expect(h.mail.messages().some((m) => m.to.includes(jointPanel.email))).toBe(true);

  // The first moment after the request (due on the next 1 March, opened 30 days before): nothing until
  // then, then exactly one bundling task, not one for the moment the contract passed before.
  const dueDate = firstOnOrAfter(requestedOn, monthDay);
  const opens = addDaysTo(dueDate, -30);
  await skipTo(addDaysTo(opens, -1), [next]);
  expect((await next.query(supplementaryPortfolioQuery)).pendingBundling).toEqual([]);
  expect(await bundlingTasks(input.contractId)).toEqual([]);
  await skipTo(addDaysTo(opens, 1), [next]);
  const pending = (await next.query(supplementaryPortfolioQuery)).pendingBundling;
  expect(pending.map((p) => [p.year, p.dueDate])).toEqual([[Number(dueDate.slice(0, 4)) + 1, dueDate]]);
  expect(await bundlingTasks(input.contractId)).toEqual([`due ${dueDate}`]);
  expect(await openedOverdue(input.contractId, since)).toEqual([]);

  // The next continue-as-new carries the decision: the portfolio, started on the day of the request.
  const [, carry] = await secondRunArgs(next);
  expect(carry.supplementary).toMatchObject({ startedOn: requestedOn, assignments: [expect.objectContaining({ id: taken.id, status: 'vetting' })], pendingBundling: [expect.objectContaining({ dueDate })] });
  await waitUntilIdle([h.env.client.workflow.getHandle(next.workflowId)]);
  expect(await bundlingTasks(input.contractId)).toEqual([`due ${dueDate}`]);
  expect(await openedOverdue(input.contractId, since)).toEqual([]);
});
