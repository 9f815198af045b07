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
 * Printed besides the totals: where the wall time went (skipping simulated time, waiting for the
 * workflows to be idle, the driver's own calls) and each activity type's real time. The driver
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
  accountabilityCycleQuery,
  accountabilityWorkflowId,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from '../workflows/accountability-cycle/accountability-definitions';
import { contractWorkflowId, decideTermEndUpdate } from '../workflows/contract-term/contract-definitions';
import { midtermReviewQuery, midtermReviewWorkflowId, recordMidtermDecisionUpdate } from '../workflows/midterm-review/midterm-definitions';
import { launchRecordedUpdate, registerAwardUpdate, tenderWorkflowId } from '../workflows/tender/tender-definitions';
import type { tenderPreparationWorkflow } from '../workflows/tender/tender-preparation';
import { awardedLots, manager, procurementOfficer, zaanstadLaunch } from '../test/fixtures/zaanstad';
import { quietLogger, startTestServices, startWorkerOn, type Harness } from '../test/helpers/regie-worker';
import { OrphanWatch, skipReleasingLocks, stalledSkips } from '../test/helpers/orphan-locks';
import { createTimeSkippingEnv } from '../test/helpers/temporal';
import { completeTermTask } from '../test/helpers/contract-driver';
import { completeOpenTasks, completeStepsUntil, openTasks, waitForTimeline, waitUntilIdle as waitUntilIdleUntimed } from '../test/helpers/tender-driver';
import type { timersAndActivitiesWorkflow } from './workflows/baseline';
import { createNoopActivities } from './workflows/noop-activities';

Runtime.install({ logger: new DefaultLogger('WARN') });

const DAY = 24 * 60 * 60 * 1000;
const STEP_DAYS = positiveInt('BENCH_STEP_DAYS', 45);
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
  /** The last failure before each retried attempt. */
  retryCauses: string[];
}

function countRun(workflowId: string, runId: string, events: IEvent[]): RunCount {
  return {
    workflowType: events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?',
    workflowId,
    runId,
    events: events.length,
    timers: events.filter((e) => e.timerStartedEventAttributes).length,
    timersFired: events.filter((e) => e.timerFiredEventAttributes).length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    activityRetries: events.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).length,
    retryCauses: events.flatMap((e) => ((e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1 ? [e.activityTaskStartedEventAttributes?.lastFailure?.message ?? '?'] : [])),
    ...durations(events),
  };
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
 * term test), until the term and all its children are closed. Returns the number of steps.
 */
async function liveThrough(h: Harness, contractId: string, provider: string): Promise<number> {
  const client = h.env.client;
  const contract = client.workflow.getHandle(contractWorkflowId(contractId));
  const midterm = client.workflow.getHandle(midtermReviewWorkflowId(contractId));
  const closedCycles = new Set<number>();
  const orphans = new OrphanWatch(h.env);
  // The contract term is a child of the tender, which closed long before the term ends.
  orphans.watch(contract);
  let midtermClosed = false;
  let decisions = 0;
  for (let step = 0; step < 400; step++) {
    const contractRunning = await isRunning(contract);
    const busy: WorkflowHandle[] = contractRunning ? [contract] : [];

    const review = midtermClosed ? undefined : await midterm.query(midtermReviewQuery).catch(() => undefined);
    if (review?.phase === 'decision') {
      await midterm.executeUpdate(recordMidtermDecisionUpdate, { args: [{ by: contractManager, decision: 'continue', rationale: 'Resultaten op koers; opdracht blijft ongewijzigd' }] });
    }
    if (review) {
      if (await isRunning(midterm)) {
        busy.push(midterm);
        orphans.watch(midterm);
      } else {
        midtermClosed = true;
        await orphans.release();
      }
    }

    const open = await h.db.prisma.task.findMany({ where: { workflowId: contract.workflowId, status: 'open' }, orderBy: { dueDate: 'asc' } });
    for (const task of open) {
      if (task.kind === 'endDecision') {
        decisions++;
        const decision = decisions === 1
          ? ({ decision: 'extend', months: 24, reason: 'Goede resultaten; verlengingsoptie 1' } as const)
          : ({ decision: 'end', reason: 'Nieuwe aanbesteding per einde looptijd' } as const);
        await contract.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, ...decision }] });
      } else {
        await completeTermTask(contract, task);
      }
    }

    const started = await h.db.prisma.event.count({ where: { workflowId: contract.workflowId, type: 'contract.accountabilityCycleStarted' } });
    for (let index = 1; index <= started; index++) {
      if (closedCycles.has(index)) continue;
      const cycle = client.workflow.getHandle(accountabilityWorkflowId(contractId, index));
      if (!(await isRunning(cycle))) {
        closedCycles.add(index);
        await orphans.release();
        continue;
      }
      busy.push(cycle);
      orphans.watch(cycle);
      const view = await cycle.query(accountabilityCycleQuery);
      const report = view.tasks.find((t) => t.kind === 'accountabilityReport' && t.status === 'open');
      if (view.phase === 'report' && report) {
        await cycle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: { role: 'contractContact', organisation: provider, name: 'D. Contact' }, outcome: `Rapportage periode ${index} aangeleverd` }] });
      } else if (view.phase === 'conversation' && !view.outcome) {
        await cycle.executeUpdate(recordAccountabilityOutcomeUpdate, {
          args: [{
            by: contractManager,
            figures: [{ kpi: 'Bereik', value: 400 + index }],
            narratives: [{ kpi: 'Ervaren regie', text: 'Inwoners vertellen dat ze zelf de regie houden sinds de wijkteams vaste gezichten hebben.' }],
            story: `Gesprek over periode ${index}: bereik op koers.`,
            agreements: [],
          }],
        });
      }
    }

    if (busy.length === 0) return step;
    await waitUntilIdle(busy);
    await skip(h.env, STEP_DAYS * DAY, orphans);
  }
  throw new Error('the term did not end');
}

/** The baseline workflow on its own time-skipping server, driven by the same step loop. */
async function runBaseline(env: TestWorkflowEnvironment, args: { timers: number; activities: number; totalMs: number }) {
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
      args: [args],
    });
    let steps = 0;
    for (; steps < 1000 && (await isRunning(handle)); steps++) {
      await waitUntilIdle([handle]);
      await skip(env, STEP_DAYS * DAY);
    }
    const done = await handle.result();
    const wallMs = performance.now() - t0;
    const simulatedMs = (await env.currentTimeMs()) - simulatedStart;
    const runs = await countTree(env.client, handle.workflowId, handle.firstExecutionRunId, new Set());
    const counts = { runs: runs.length, events: sum(runs, 'events'), timers: sum(runs, 'timers'), activities: sum(runs, 'activities'), activityRetries: sum(runs, 'activityRetries') };
    return { wallMs, steps, simulatedMs, activitiesDone: done, counts, phases: { ...phases } };
  } finally {
    worker.shutdown();
    await running;
  }
}

async function main(): Promise<void> {
  console.log(`lifecycle benchmark (npx tsx bench/lifecycle.ts): tender, award, term of lot ${DRIVEN_LOT} with one 24-month extension, steps of ${STEP_DAYS} days`);
  console.log(`database: ${process.env.DATABASE_URL ? 'a fresh database on DATABASE_URL\'s server' : 'embedded PGlite'}; accountability cycles: every one completed (report delivered, outcome recorded)`);
  const services = await startTestServices();
  let regie: { wallMs: number; steps: number; simulatedMs: number; counts: RunCount[]; phases: typeof phases };
  try {
    const h = await startWorkerOn(await createTimeSkippingEnv(), services);
    try {
      const client = h.env.client;
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
      console.log(`tender done in ${seconds(tenderMs)} wall; term driven in ${steps} steps; ${(simulatedMs / DAY / 365.25).toFixed(1)} simulated years`);
      const counts = await countTree(client, tender.handle.workflowId, tender.runId, new Set(others.map((o) => o.workflowId)));
      regie = { wallMs, steps, simulatedMs, counts, phases: { ...phases } };
      Object.assign(phases, { skipMs: 0, idleMs: 0, skips: 0, idleWaits: 0 });
      const result = await client.workflow.getHandle(driven.workflowId).result();
      console.log(`contract ${driven.contractId}: ${result.status} ${result.startDate} – ${result.endDate}, ${result.summary?.accountabilityCyclesStarted} cycles, ${result.summary?.runs} runs, largest run history ${result.summary?.largestRunHistoryLength} events`);
    } finally {
      await h.close();
    }
  } finally {
    await services.close();
  }

  console.log('\nhistories counted (regie run):');
  const types = [...new Set(regie.counts.map((c) => c.workflowType))];
  for (const type of types) {
    const own = regie.counts.filter((c) => c.workflowType === type);
    console.log(`  ${type.padEnd(28)} ${String(new Set(own.map((c) => c.workflowId)).size).padStart(3)} workflows ${String(own.length).padStart(3)} runs  ${String(sum(own, 'events')).padStart(6)} events  ${String(sum(own, 'timers')).padStart(5)} timers (${sum(own, 'timersFired')} fired)  ${String(sum(own, 'activities')).padStart(4)} activities`);
  }
  const timers = sum(regie.counts, 'timers');
  const activities = sum(regie.counts, 'activities');
  const events = sum(regie.counts, 'events');
  const all = new Map<string, number[]>();
  for (const run of regie.counts) for (const [type, list] of run.activityMs) all.set(type, [...(all.get(type) ?? []), ...list]);
  const total = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const sorted = [...all].sort((a, b) => total(b[1]) - total(a[1]));
  for (const [type, list] of sorted) console.log(`  activity ${type.padEnd(30)} ${String(list.length).padStart(5)} × mean ${(total(list) / list.length).toFixed(1)} ms = ${seconds(total(list))}`);
  for (const cause of new Set(regie.counts.flatMap((c) => c.retryCauses))) console.log(`  retried after: ${cause.slice(0, 300)}`);
  console.log(`  activity retries: ${sum(regie.counts, 'activityRetries')}; time skipping locks released by the driver: ${OrphanWatch.released} after a child outlived its parent's run, ${stalledSkips.count} after a stalled skip`);

  console.log(`\nbaseline: one workflow (continuing as new once per simulated year), ${timers} timers of ${(regie.simulatedMs / timers / DAY).toFixed(2)} days one after the other, ${activities} no-op activities spread between them`);
  const env = await createTimeSkippingEnv();
  let baseline: Awaited<ReturnType<typeof runBaseline>>;
  try {
    baseline = await runBaseline(env, { timers, activities, totalMs: regie.simulatedMs });
  } finally {
    await env.teardown();
  }
  console.log(`baseline driven in ${baseline.steps} steps, ${baseline.counts.runs} runs (continue-as-new per simulated year), ${(baseline.simulatedMs / DAY / 365.25).toFixed(1)} simulated years; ${baseline.counts.timers} timers, ${baseline.counts.activities} activities (${baseline.counts.activityRetries} retries)`);

  const ratio = regie.wallMs / baseline.wallMs;
  console.log('');
  console.log(`lifecycle wall time: ${seconds(regie.wallMs)}   baseline: ${seconds(baseline.wallMs)} (timers + no-op activities)`);
  const split = (run: { wallMs: number; phases: typeof phases }) =>
    `skipping time ${seconds(run.phases.skipMs)} (${run.phases.skips}), waiting for idle ${seconds(run.phases.idleMs)} (${run.phases.idleWaits}), driver actions ${seconds(run.wallMs - run.phases.skipMs - run.phases.idleMs)}`;
  console.log(`lifecycle wall time split: ${split(regie)}`);
  console.log(`baseline wall time split:  ${split(baseline)}`);
  console.log(`lifecycle history events: ${events}   baseline: ${baseline.counts.events}`);
  console.log(`lifecycle timers: ${timers}   baseline: ${baseline.counts.timers}`);
  console.log(`lifecycle activities: ${activities}   baseline: ${baseline.counts.activities}`);
  console.log(`lifecycle wall time ratio regie/baseline: ${ratio.toFixed(2)}   baseline: < ${RATIO_TARGET}   ${ratio < RATIO_TARGET ? 'OK' : 'ABOVE TARGET'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
