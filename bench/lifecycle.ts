/**
 * Benchmark 1 of the contract term issue: one whole lifecycle on Temporal's time-skipping test
 * server, with a real database and the mail capture, next to a baseline workflow that does the same
 * count of timers and no-op activities over the same simulated time (target: wall time ratio < 1.25, the scale issue's).
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/lifecycle.ts
 *
 * The lifecycle: tender launch, every step completed by its owner, award, standstill, final award
 * (three contract term workflows start), signing and onboarding. The contract of lot Noord is then
 * lived through its term in steps of BENCH_STEP_DAYS (45) simulated days, as the contract term test
 * does (test/workflow/contract-term.test.ts, liveThrough): midterm review 'continue', every task
 * completed, end decision 'extend' by 24 months once and then 'end'. Every accountability cycle is
 * completed: the provider delivers the report when the cycle has started, the contract manager
 * records the outcome (no follow-ups) at the next step. The two other contracts are terminated right
 * after the hand-off: they would run the same term unattended, so they are not counted.
 *
 * Counted: the tender run, every run of the driven contract's continue-as-new chain (followed through
 * WorkflowExecutionContinuedAsNew.newExecutionRunId in each run's history) and its child workflows
 * (midterm review, accountability cycles). The baseline runs on a fresh time-skipping server with its
 * own bundle (bench/workflows/baseline.ts), worker and task queue, driven by the same step loop.
 * The driver finds its work in the task table, as the people's pages do, and learns which workflows
 * closed from its idle wait's descriptions (a query or a describe per workflow and step cost 2 to 4 s of
 * a run). BENCH_ROUNDS (5) rounds of a regie run and its baseline, interleaved; the figure is the median
 * ratio (single rounds of the same code vary by up to 0.2 on one 2-core machine; three-round medians of
 * it from 1.22 to 1.26). Each round also runs the baseline
 * receiving the regie run's Updates (each awaiting one of its no-op activities): Temporal's own cost of
 * the people's actions, printed as a second ratio.
 * Printed besides the totals: where the wall time went (skipping simulated time, waiting for the
 * workflows to be idle, the driver's own calls), each activity type's real time (activity tasks from the
 * history; every activity in the worker, local ones with their wait, by bench/activity-timing.ts), and each workflow
 * task's by the local activities it ran and whether it took an Update. The driver
 * releases the time-skipping locks the test server leaks (OrphanWatch) and counts them.
 * Without DATABASE_URL the database is an embedded PGlite. A benchmark, not a test.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { tsToMs } from '@temporalio/common/lib/time';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { addDaysTo, toIsoDate } from '../domain/dates';
import { tenderLaunchSchema } from '../domain/schemas/tender-launch';
import {
  accountabilityWorkflowId,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from '../workflows/accountability-cycle/accountability-definitions';
import { contractWorkflowId, decideTermEndUpdate } from '../workflows/contract-term/contract-definitions';
import { midtermReviewWorkflowId, recordMidtermDecisionUpdate } from '../workflows/midterm-review/midterm-definitions';
import { MIDTERM_TASK_KINDS } from '../workflows/midterm-review/midterm-review';
import { launchRecordedUpdate, registerAwardUpdate, tenderWorkflowId } from '../workflows/tender/tender-definitions';
import type { tenderPreparationWorkflow } from '../workflows/tender/tender-preparation';
import { awardedLots, manager, procurementOfficer, zaanstadLaunch } from '../test/fixtures/zaanstad';
import { quietLogger, startTestServices, startWorkerOn, type Harness } from '../test/helpers/regie-worker';
import { OrphanWatch, skipReleasingLocks, stalledSkips } from '../test/helpers/orphan-locks';
import { createTimeSkippingEnv } from '../test/helpers/temporal';
import { completeTermTask } from '../test/helpers/contract-driver';
import { completeOpenTasks, completeStepsUntil, openTasks, waitForTimeline, waitUntilIdle as waitUntilIdleUntimed } from '../test/helpers/tender-driver';
import { actUpdate, type timersAndActivitiesWorkflow } from './workflows/baseline';
import { createNoopActivities } from './workflows/noop-activities';
import { activityTiming, type ActivityTiming } from './activity-timing';

Runtime.install({ logger: new DefaultLogger('WARN') });

const DAY = 24 * 60 * 60 * 1000;
const STEP_DAYS = positiveInt('BENCH_STEP_DAYS', 45);
const ROUNDS = positiveInt('BENCH_ROUNDS', 5);
/** BENCH_REGIE_ONLY=1: the regie runs alone, to compare two versions of regie with each other (no ratio). */
const REGIE_ONLY = process.env.BENCH_REGIE_ONLY === '1';
/** The scale issue's target (the contract term issue asked for < 2). */
const RATIO_TARGET = 1.25;
const DRIVEN_LOT = 'noord';
const contractManager = { role: 'contractManager', organisation: 'Gemeente Zaanstad', name: 'C. Manager' } as const;

const waitUntilIdle = (handles: WorkflowHandle[]) => timed('idleMs', () => waitUntilIdleUntimed(handles));

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type IEvent = NonNullable<History['events']>[number];

interface RunCount {
  workflowType: string;
  workflowId: string;
  runId: string;
  events: number;
  timers: number;
  timersFired: number;
  activities: number;
  activityRetries: number;
  /** Real milliseconds per activity type, Started to Completed (time is locked while an activity runs). */
  activityMs: Map<string, number[]>;
  /** Real milliseconds per workflow task, Started to Completed, by kind (workflowTaskKind). */
  workflowTaskMs: Map<string, number[]>;
  /** The last failure before each retried attempt. */
  retryCauses: string[];
}

function countRun(workflowId: string, runId: string, events: IEvent[]): RunCount {
  const locals = localActivities(events);
  return {
    workflowType: events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?',
    workflowId,
    runId,
    events: events.length,
    timers: events.filter((e) => e.timerStartedEventAttributes).length,
    timersFired: events.filter((e) => e.timerFiredEventAttributes).length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length + locals.length,
    activityRetries: events.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).length + locals.filter((la) => la.attempt > 1).length,
    retryCauses: events.flatMap((e) => ((e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1 ? [e.activityTaskStartedEventAttributes?.lastFailure?.message ?? '?'] : [])),
    ...durations(events),
    workflowTaskMs: workflowTaskDurations(events),
  };
}

/**
 * Each workflow task's real time, Started to Completed (the server holds time while a task runs), by
 * whether it took an Update and by the local activities it ran: their markers come with the task's
 * other commands, after its WorkflowTaskCompleted and before the next WorkflowTaskScheduled.
 */
function workflowTaskDurations(events: IEvent[]): Map<string, number[]> {
  const byKind = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (!e.workflowTaskCompletedEventAttributes) return;
    const started = events[i - 1];
    if (!started?.workflowTaskStartedEventAttributes || !started.eventTime || !e.eventTime) return;
    const next = events.findIndex((x, j) => j > i && x.workflowTaskScheduledEventAttributes);
    const locals = localActivities(events.slice(i + 1, next === -1 ? undefined : next)).length;
    const kind = workflowTaskKind(Boolean(events[i + 1]?.workflowExecutionUpdateAcceptedEventAttributes), locals);
    const list = byKind.get(kind) ?? [];
    list.push(tsToMs(e.eventTime) - tsToMs(started.eventTime));
    byKind.set(kind, list);
  });
  return byKind;
}

const workflowTaskKind = (update: boolean, locals: number) => `${update ? 'taking an Update' : 'other'}, ${locals} local ${locals === 1 ? 'activity' : 'activities'}`;

interface LocalActivityRun {
  type: string;
  attempt: number;
}

/**
 * The local activities of a run (the records, workflows/shared/activities.ts): each is a
 * `core_local_activity` marker, whose `data` detail is the SDK core's JSON of the activity's type and
 * attempt. Its times mix the workflow's (skipped) clock and the worker's, so they give no duration.
 */
function localActivities(events: IEvent[]): LocalActivityRun[] {
  return events.flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : undefined;
    if (!data) return [];
    const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string; attempt: number };
    return [{ type: parsed.activity_type, attempt: parsed.attempt }];
  });
}

function durations(events: IEvent[]): Pick<RunCount, 'activityMs'> {
  const at = (e: IEvent | undefined) => tsToMs(e?.eventTime);
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const activityMs = new Map<string, number[]>();
  for (const e of events) {
    const done = e.activityTaskCompletedEventAttributes;
    if (done) {
      const scheduled = byId.get(Number(done.scheduledEventId));
      const type = scheduled?.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
      const list = activityMs.get(type) ?? [];
      list.push(at(e) - at(byId.get(Number(done.startedEventId))));
      activityMs.set(type, list);
    }
  }
  return { activityMs };
}

/**
 * Every run of `workflowId` from `runId` on (its continue-as-new chain), and recursively the child
 * workflows each run started, except those in `skip`. Reads histories only, so it works on the
 * time-skipping server as on any other.
 */
async function countTree(client: Client, workflowId: string, runId: string, skip: Set<string>): Promise<RunCount[]> {
  const counts: RunCount[] = [];
  for (let current: string | undefined = runId; current; ) {
    const history: History = await client.workflow.getHandle(workflowId, current).fetchHistory();
    const events: IEvent[] = history.events ?? [];
    counts.push(countRun(workflowId, current, events));
    for (const event of events) {
      const child = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
      if (child?.workflowId && child.runId && !skip.has(child.workflowId)) counts.push(...(await countTree(client, child.workflowId, child.runId, skip)));
    }
    current = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return counts;
}

function sum(counts: RunCount[], key: 'events' | 'timers' | 'timersFired' | 'activities' | 'activityRetries'): number {
  return counts.reduce((total, c) => total + c[key], 0);
}

/** Where the driven run's wall time goes: skipping simulated time, waiting for idle, the rest (driver actions). */
const phases = { skipMs: 0, idleMs: 0, skips: 0, idleWaits: 0 };
async function timed<T>(key: 'skipMs' | 'idleMs', work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    phases[key] += performance.now() - t0;
    if (key === 'skipMs') phases.skips++;
    else phases.idleWaits++;
  }
}
async function skip(env: TestWorkflowEnvironment, ms: number, orphans?: OrphanWatch): Promise<void> {
  return timed('skipMs', () => skipReleasingLocks(env, ms, orphans));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The driver's calls to Temporal per kind (executeUpdate, and each Update by name; query, describe, …): count and wall time, concurrent calls each counted. */
const driverCalls = new Map<string, { count: number; ms: number }>();
const TIMED = Symbol('timed');
const updateName = (definition: unknown) => (typeof definition === 'string' ? definition : ((definition as { name?: string })?.name ?? '?'));
const TIMED_METHODS = ['executeUpdate', 'query', 'describe', 'signal', 'terminate'] as const;
function timedHandle<H extends WorkflowHandle>(handle: H): H {
  const marked = handle as H & { [TIMED]?: true };
  if (marked[TIMED]) return handle;
  for (const method of TIMED_METHODS) {
    const original = (handle[method] as (...args: unknown[]) => Promise<unknown>).bind(handle);
    (handle as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await original(...args);
      } finally {
        for (const kind of [method, ...(method === 'executeUpdate' ? [`  ${updateName(args[0])}`] : [])]) {
          const entry = driverCalls.get(kind) ?? { count: 0, ms: 0 };
          entry.count++;
          entry.ms += performance.now() - t0;
          driverCalls.set(kind, entry);
        }
      }
    };
  }
  marked[TIMED] = true;
  return handle;
}
/** Every handle the client gives out times its calls (bench/lifecycle.ts prints them per kind). */
function timeDriverCalls(client: Client): void {
  const { workflow } = client;
  const getHandle = workflow.getHandle.bind(workflow);
  const start = workflow.start.bind(workflow);
  workflow.getHandle = ((...args: Parameters<typeof getHandle>) => timedHandle(getHandle(...args))) as typeof workflow.getHandle;
  workflow.start = (async (...args: Parameters<typeof start>) => timedHandle(await start(...args))) as typeof workflow.start;
}

async function isRunning(handle: WorkflowHandle): Promise<boolean> {
  return (await handle.describe()).status.name === 'RUNNING';
}

/** Tender launch to onboarding done; returns the tender's run id and its three contract workflow ids. */
async function runTender(h: Harness) {
  const client = h.env.client;
  const tenderId = randomUUID();
  const today = toIsoDate(new Date(await h.env.currentTimeMs()));
  const launch = tenderLaunchSchema.parse(zaanstadLaunch(addDaysTo(today, 450)));
  const handle = await client.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: tenderWorkflowId(tenderId),
    args: [{ tenderId, launch }],
  });
  await handle.executeUpdate(launchRecordedUpdate);
  // The submission deadline closes on its date (Aw 2012 art. 2.71): time reaches it before the step is completed.
  const waitUntil = async (date: string) => {
    await waitUntilIdle([handle]);
    const ms = Date.parse(`${date}T01:00:00Z`) - (await h.env.currentTimeMs());
    if (ms > 0) await skip(h.env, ms);
  };
  await completeStepsUntil(handle, 'awardDecision', { waitUntil });
  const award = await handle.executeUpdate(registerAwardUpdate, { args: [{ by: procurementOfficer, lots: awardedLots }] });
  await waitForTimeline(handle, (t) => t.phase === 'standstill');
  await waitUntilIdle([handle]);
  await skip(h.env, Date.parse(award.standstillEndsAt) - (await h.env.currentTimeMs()) + DAY);
  await waitForTimeline(handle, (t) => t.phase === 'finalAward' && openTasks(t).length === 1);
  await completeOpenTasks(handle, 'Definitief gegund');
  await waitForTimeline(handle, (t) => t.phase === 'signing' && openTasks(t).length === 3);
  await completeOpenTasks(handle, 'Getekend');
  const { contracts } = await waitForTimeline(handle, (t) => t.phase === 'onboarding' && openTasks(t).length === 3);
  await completeOpenTasks(handle, 'Teams overgedragen');
  // Not handle.result(): it unlocks time skipping while it waits, and the contracts' start timers would fire.
  await waitForTimeline(handle, (t) => t.status !== 'active');
  await waitUntilIdle([handle, ...contracts.map((c) => client.workflow.getHandle(c.workflowId))]);
  const status = (await handle.describe()).status.name;
  if (status !== 'COMPLETED') throw new Error(`tender ${status}`);
  return { handle, runId: handle.firstExecutionRunId, contracts };
}

/**
 * The driven contract through its term, in steps of simulated time (as liveThrough in the contract
 * term test), until the term and all its children are closed. Returns the number of steps. The driver
 * finds its work as the people's pages do, in the task table (one read of the contract's open tasks a
 * step), and learns which workflows closed from the idle wait's descriptions, not from a query or a
 * describe of each workflow.
 */
async function liveThrough(h: Harness, contractId: string, provider: string): Promise<number> {
  const client = h.env.client;
  const contract = client.workflow.getHandle(contractWorkflowId(contractId));
  const midterm = client.workflow.getHandle(midtermReviewWorkflowId(contractId));
  const cycles = new Map<string, { index: number; handle: WorkflowHandle }>();
  const closed = new Set<string>();
  const orphans = new OrphanWatch(h.env);
  // The contract term is a child of the tender, which closed long before the term ends.
  orphans.watch(contract);
  let decisions = 0;
  for (let step = 0; step < 400; step++) {
    const started = await h.db.prisma.event.groupBy({
      by: ['type'],
      where: { workflowId: contract.workflowId, type: { in: ['contract.accountabilityCycleStarted', 'contract.midtermReviewStarted'] } },
      _count: { _all: true },
    });
    const startedCount = (type: string) => started.find((row) => row.type === type)?._count._all ?? 0;
    for (let index = cycles.size + 1; index <= startedCount('contract.accountabilityCycleStarted'); index++) {
      const handle = client.workflow.getHandle(accountabilityWorkflowId(contractId, index));
      cycles.set(handle.workflowId, { index, handle });
    }
    const children = [...(startedCount('contract.midtermReviewStarted') > 0 ? [midterm] : []), ...[...cycles.values()].map((c) => c.handle)];
    const busy = [contract, ...children].filter((handle) => !closed.has(handle.workflowId));
    for (const child of busy) if (child !== contract) orphans.watch(child);

    const open = await h.db.prisma.task.findMany({ where: { contractId, status: 'open' }, orderBy: { dueDate: 'asc' } });
    for (const task of open) {
      const cycle = cycles.get(task.workflowId);
      if (task.workflowId === contract.workflowId) {
        if (task.kind === 'endDecision') {
          decisions++;
          const decision = decisions === 1
            ? ({ decision: 'extend', months: 24, reason: 'Goede resultaten; verlengingsoptie 1' } as const)
            : ({ decision: 'end', reason: 'Nieuwe aanbesteding per einde looptijd' } as const);
          await contract.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, ...decision }] });
        } else {
          await completeTermTask(contract, task);
        }
      } else if (task.workflowId === midterm.workflowId && task.kind === MIDTERM_TASK_KINDS.reviewMeeting) {
        await midterm.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'continue', rationale: 'Resultaten op koers; opdracht blijft ongewijzigd' }] });
      } else if (cycle && task.kind === 'accountabilityReport') {
        await cycle.handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: task.id, by: { role: 'contractContact', organisation: provider, name: 'D. Contact' }, outcome: `Rapportage periode ${cycle.index} aangeleverd` }] });
      } else if (cycle && task.kind === 'accountabilityConversation') {
        await cycle.handle.executeUpdate(recordAccountabilityOutcomeUpdate, {
          args: [{
            by: contractManager,
            figures: [{ kpi: 'Bereik', value: 400 + cycle.index }],
            narratives: [{ kpi: 'Ervaren regie', text: 'Inwoners vertellen dat ze zelf de regie houden sinds de wijkteams vaste gezichten hebben.' }],
            story: `Gesprek over periode ${cycle.index}: bereik op koers.`,
            agreements: [],
          }],
        });
      }
    }

    if (busy.length === 0) return step;
    const descriptions = await waitUntilIdle(busy);
    for (const description of descriptions) {
      if (description.status.name === 'RUNNING' || closed.has(description.workflowId)) continue;
      closed.add(description.workflowId);
      if (description.workflowId !== contract.workflowId) await orphans.release();
    }
    if (busy.every((handle) => closed.has(handle.workflowId))) return step;
    await skip(h.env, STEP_DAYS * DAY, orphans);
  }
  throw new Error('the term did not end');
}

/**
 * The baseline workflow on its own time-skipping server, driven by the same step loop. With `updates`,
 * the driver also sends that many `act` Updates (each awaiting one no-op activity, taken from the
 * workflow's own activities), spread over `updateSteps` steps: the people's actions of the regie run.
 */
async function runBaseline(env: TestWorkflowEnvironment, args: { timers: number; activities: number; totalMs: number }, { updates = 0, updateSteps = 1 }: { updates?: number; updateSteps?: number } = {}) {
  const taskQueue = `bench-baseline-${randomUUID()}`;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows/baseline'), logger: quietLogger });
  const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle, activities: createNoopActivities() });
  const running = worker.run();
  try {
    const t0 = performance.now();
    const simulatedStart = await env.currentTimeMs();
    const handle = await env.client.workflow.start<typeof timersAndActivitiesWorkflow>('timersAndActivitiesWorkflow', {
      taskQueue,
      workflowId: `bench-baseline-${randomUUID()}`,
      args: [{ ...args, activities: args.activities - updates }],
    });
    let steps = 0;
    let sent = 0;
    for (; steps < 1000 && (await isRunning(handle)); steps++) {
      await waitUntilIdle([handle]);
      for (const due = Math.min(updates, Math.round((updates * (steps + 1)) / updateSteps)); sent < due; sent++) await handle.executeUpdate(actUpdate);
      await skip(env, STEP_DAYS * DAY);
    }
    if (sent < updates) throw new Error(`the baseline ended after ${sent} of ${updates} Updates`);
    const done = await handle.result();
    const wallMs = performance.now() - t0;
    const simulatedMs = (await env.currentTimeMs()) - simulatedStart;
    const runs = await countTree(env.client, handle.workflowId, handle.firstExecutionRunId, new Set());
    const noopMs = runs.flatMap((run) => run.activityMs.get('noop') ?? []);
    const counts = { runs: runs.length, events: sum(runs, 'events'), timers: sum(runs, 'timers'), activities: sum(runs, 'activities'), activityRetries: sum(runs, 'activityRetries'), noopMeanMs: noopMs.reduce((a, b) => a + b, 0) / Math.max(1, noopMs.length) };
    return { wallMs, steps, simulatedMs, activitiesDone: done, counts, phases: { ...phases } };
  } finally {
    worker.shutdown();
    await running;
  }
}

interface RegieRun {
  wallMs: number;
  steps: number;
  simulatedMs: number;
  counts: RunCount[];
  phases: typeof phases;
  calls: Map<string, { count: number; ms: number }>;
  /** Each activity type's real time in the worker (bench/activity-timing.ts). */
  activityTimes: ActivityTiming['times'];
}

/** One regie lifecycle on fresh services (database, mail capture) and a fresh time-skipping server. */
async function runRegie(): Promise<RegieRun> {
  const services = await startTestServices();
  try {
    const timing = activityTiming();
    const h = await startWorkerOn(await createTimeSkippingEnv(), services, { interceptors: timing.interceptors });
    try {
      const client = h.env.client;
      resetTimings();
      timeDriverCalls(client);
      const t0 = performance.now();
      const simulatedStart = await h.env.currentTimeMs();
      const tender = await runTender(h);
      const tenderMs = performance.now() - t0;
      const driven = tender.contracts.find((c) => c.lotId === DRIVEN_LOT)!;
      const others = tender.contracts.filter((c) => c !== driven);
      // Idle (runTender waited): terminating a workflow with a workflow task in flight leaves the
      // test server's time skipping locked, and the next env.sleep would wait in real time.
      for (const other of others) await client.workflow.getHandle(other.workflowId).terminate('benchmark drives one contract');
      const steps = await liveThrough(h, driven.contractId, driven.provider);
      const wallMs = performance.now() - t0;
      const simulatedMs = (await h.env.currentTimeMs()) - simulatedStart;
      const run: RegieRun = { wallMs, steps, simulatedMs, counts: [], phases: { ...phases }, calls: new Map(driverCalls), activityTimes: timing.times };
      console.log(`  tender done in ${seconds(tenderMs)} wall; term driven in ${steps} steps; ${(simulatedMs / DAY / 365.25).toFixed(1)} simulated years`);
      run.counts = await countTree(client, tender.handle.workflowId, tender.runId, new Set(others.map((o) => o.workflowId)));
      const result = await client.workflow.getHandle(driven.workflowId).result();
      console.log(`  contract ${driven.contractId}: ${result.status} ${result.startDate} – ${result.endDate}, ${result.summary?.accountabilityCyclesStarted} cycles, ${result.summary?.runs} runs, largest run history ${result.summary?.largestRunHistoryLength} events`);
      return run;
    } finally {
      await h.close();
    }
  } finally {
    await services.close();
  }
}

function resetTimings(): void {
  Object.assign(phases, { skipMs: 0, idleMs: 0, skips: 0, idleWaits: 0 });
  driverCalls.clear();
}

/** The times of every run, per key (activity type, kind of workflow task). */
function mergedTimes(perRun: Map<string, number[]>[]): Map<string, number[]> {
  const merged = new Map<string, number[]>();
  for (const times of perRun) for (const [key, list] of times) merged.set(key, (merged.get(key) ?? []).concat(list));
  return merged;
}

/** What the regie run counted, per workflow type and per activity type. */
function printCounts(regie: RegieRun): void {
  console.log('\nhistories counted (regie run):');
  const types = [...new Set(regie.counts.map((c) => c.workflowType))];
  for (const type of types) {
    const own = regie.counts.filter((c) => c.workflowType === type);
    console.log(`  ${type.padEnd(28)} ${String(new Set(own.map((c) => c.workflowId)).size).padStart(3)} workflows ${String(own.length).padStart(3)} runs  ${String(sum(own, 'events')).padStart(6)} events  ${String(sum(own, 'timers')).padStart(5)} timers (${sum(own, 'timersFired')} fired)  ${String(sum(own, 'activities')).padStart(4)} activities`);
  }
  const all = mergedTimes(regie.counts.map((run) => run.activityMs));
  const total = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const sorted = [...all].sort((a, b) => total(b[1]) - total(a[1]));
  for (const [type, list] of sorted) console.log(`  activity ${type.padEnd(30)} ${String(list.length).padStart(5)} × mean ${(total(list) / list.length).toFixed(1)} ms = ${seconds(total(list))}`);
  const tasks = mergedTimes(regie.counts.map((run) => run.workflowTaskMs));
  for (const [kind, list] of [...tasks].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }))) {
    console.log(`  workflow task ${kind.padEnd(38)} ${String(list.length).padStart(5)} × mean ${(total(list) / list.length).toFixed(1)} ms = ${seconds(total(list))}`);
  }
  const mean = (list: number[]) => (list.length > 0 ? total(list) / list.length : 0);
  for (const [type, { local, ran, waited }] of [...regie.activityTimes].sort((a, b) => total(b[1].ran) - total(a[1].ran))) {
    const wait = local ? `, ${mean(waited).toFixed(1)} ms from scheduled to started` : '';
    console.log(`  in the worker: ${local ? 'local activity' : 'activity'} ${type.padEnd(28)} ${String(ran.length).padStart(5)} × ran ${mean(ran).toFixed(1)} ms${wait}`);
  }
  for (const cause of new Set(regie.counts.flatMap((c) => c.retryCauses))) console.log(`  retried after: ${cause.slice(0, 300)}`);
  console.log(`  activity retries: ${sum(regie.counts, 'activityRetries')}; time skipping locks released by the driver: ${OrphanWatch.released} after a child outlived its parent's run, ${stalledSkips.count} after a stalled skip`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

/**
 * ROUNDS rounds, each a regie run and then its baseline (the same timers and activities over the same
 * simulated time), interleaved so that a slower stretch of the machine weighs on both. The figure is the
 * median of the rounds' ratios; every round's is printed.
 */
async function main(): Promise<void> {
  console.log(`lifecycle benchmark (npx tsx bench/lifecycle.ts): tender, award, term of lot ${DRIVEN_LOT} with one 24-month extension, steps of ${STEP_DAYS} days, ${ROUNDS} rounds (BENCH_ROUNDS)`);
  console.log(`database: ${process.env.DATABASE_URL ? 'a fresh database on DATABASE_URL\'s server' : 'embedded PGlite'}; accountability cycles: every one completed (report delivered, outcome recorded)`);
  const ratios: number[] = [];
  const ratiosWithUpdates: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`\nround ${round}: regie`);
    const regie = await runRegie();
    if (round === 1) printCounts(regie);
    if (REGIE_ONLY) {
      console.log(`round ${round}: lifecycle wall time ${seconds(regie.wallMs)} (BENCH_REGIE_ONLY: no baseline)`);
      continue;
    }
    const timers = sum(regie.counts, 'timers');
    const activities = sum(regie.counts, 'activities');
    console.log(`round ${round}: baseline, one workflow (continuing as new once per simulated year), ${timers} timers of ${(regie.simulatedMs / timers / DAY).toFixed(2)} days one after the other, ${activities} no-op activities spread between them`);
    const baselineOn = async (options?: { updates: number; updateSteps: number }) => {
      resetTimings();
      const env = await createTimeSkippingEnv();
      try {
        return await runBaseline(env, { timers, activities, totalMs: regie.simulatedMs }, options);
      } finally {
        await env.teardown();
      }
    };
    const baseline = await baselineOn();
    const updates = regie.calls.get('executeUpdate')?.count ?? 0;
    console.log(`round ${round}: the same baseline receiving the regie run's ${updates} Updates, each awaiting one of its no-op activities`);
    const withUpdates = await baselineOn({ updates, updateSteps: regie.steps });
    for (const run of [baseline, withUpdates]) {
      console.log(`  baseline driven in ${run.steps} steps, ${run.counts.runs} runs, ${(run.simulatedMs / DAY / 365.25).toFixed(1)} simulated years; ${run.counts.timers} timers, ${run.counts.activities} activities (${run.counts.activityRetries} retries), each no-op activity Started to Completed ${run.counts.noopMeanMs.toFixed(1)} ms on average`);
    }
    const ratio = regie.wallMs / baseline.wallMs;
    ratios.push(ratio);
    const ratioWithUpdates = regie.wallMs / withUpdates.wallMs;
    ratiosWithUpdates.push(ratioWithUpdates);
    const split = (run: { wallMs: number; phases: typeof phases }) =>
      `skipping time ${seconds(run.phases.skipMs)} (${run.phases.skips}), waiting for idle ${seconds(run.phases.idleMs)} (${run.phases.idleWaits}), driver actions ${seconds(run.wallMs - run.phases.skipMs - run.phases.idleMs)}`;
    console.log(`round ${round}: lifecycle wall time ${seconds(regie.wallMs)}, baseline ${seconds(baseline.wallMs)}: ratio ${ratio.toFixed(2)}; baseline with the Updates ${seconds(withUpdates.wallMs)}: ratio ${ratioWithUpdates.toFixed(2)}`);
    console.log(`  lifecycle split: ${split(regie)}`);
    console.log(`  baseline split:  ${split(baseline)}`);
    console.log(`  baseline with the Updates split:  ${split(withUpdates)}`);
    console.log(`  lifecycle driver calls to Temporal (the idle waits' describes included): ${[...regie.calls].map(([kind, c]) => `${kind} ${c.count} × ${(c.ms / c.count).toFixed(1)} ms = ${seconds(c.ms)}`).join(', ')}`);
    console.log(`  history events ${sum(regie.counts, 'events')} against ${baseline.counts.events}; timers ${timers} against ${baseline.counts.timers}; activities ${activities} against ${baseline.counts.activities}`);
  }
  if (REGIE_ONLY) return;
  const ratio = median(ratios);
  console.log('');
  console.log(`lifecycle wall time ratio regie/baseline per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`lifecycle wall time ratio regie/baseline (median of ${ROUNDS}): ${ratio.toFixed(2)}   baseline: < ${RATIO_TARGET}   ${ratio < RATIO_TARGET ? 'OK' : 'ABOVE TARGET'}`);
  const withUpdates = median(ratiosWithUpdates);
  console.log(`lifecycle wall time ratio regie/baseline with the same Updates per round: ${ratiosWithUpdates.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`lifecycle wall time ratio regie/baseline with the same Updates (median of ${ROUNDS}): ${withUpdates.toFixed(2)}   baseline: < ${RATIO_TARGET}   ${withUpdates < RATIO_TARGET ? 'OK' : 'ABOVE TARGET'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
