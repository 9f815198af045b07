/**
 * Records the workflow histories that test/workflow/replay.test.ts replays against the current
 * workflow code (see test/workflow/histories/README.md for when to record a new one).
 *
 * One representative tender runs on the time-skipping test server with a real database and SMTP
 * capture: launch, reminders and escalation of the first step, every step completed, a deadline
 * shift, award, an objection registered and rejected during the standstill, final award (which
 * starts the contract term workflows), signing and onboarding, to completion; then one contract term
 * past its start date. The tender history and the (still running, so partial) history of that
 * contract term workflow are written as JSON in the format of `temporal workflow show --output json`.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx scripts/record-history.ts [v2] [--force] [--tender-only]
 *
 * Without DATABASE_URL an embedded PGlite is used. Existing history files are never overwritten
 * unless --force is given: a released version's history stays as recorded. --tender-only records
 * only the tender (a new tender version while the contract term keeps its own).
 *
 * The contract workflows on their lifecycle path (a term over its continue-as-new with midterm
 * review and end decision, an accountability cycle, a midterm review) are recorded by
 * scripts/record-contract-histories.ts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDaysTo, daysBetween, toIsoDate } from '../domain/dates';
import { tenderLaunchSchema } from '../domain/schemas/tender-launch';
import { awardedLots, manager, procurementOfficer, zaanstadLaunch } from '../test/fixtures/zaanstad';
import { startTestServices, startWorkerOn } from '../test/helpers/regie-worker';
import { createTimeSkippingEnv } from '../test/helpers/temporal';
import { completeOpenTasks, completeStepsUntil, openTasks, waitForTimeline, waitUntilIdle } from '../test/helpers/tender-driver';
import { contractStateQuery, contractWorkflowId } from '../workflows/contract-term/contract-definitions';
import type { tenderPreparationWorkflow } from '../workflows/tender/tender-preparation';
import {
  launchRecordedUpdate,
  type TenderTimeline,
  registerAwardUpdate,
  registerObjectionUpdate,
  resolveObjectionUpdate,
  shiftDeadlineUpdate,
  tenderWorkflowId,
} from '../workflows/tender/tender-definitions';

const DAY = 24 * 60 * 60 * 1000;
const HISTORIES_DIR = path.join(__dirname, '../test/workflow/histories');
const bidder = { role: 'director', organisation: 'Wijkkracht BV' } as const;

Runtime.install({ logger: new DefaultLogger('WARN') });

function parseArgs(argv: string[]): { version: string; force: boolean; tenderOnly: boolean } {
  const force = argv.includes('--force');
  const tenderOnly = argv.includes('--tender-only');
  const positional = argv.filter((a) => !a.startsWith('--'));
  const version = positional[0] ?? 'v1';
  if (!/^v\d+$/.test(version)) throw new Error(`Version must look like v1, v2, ...: got ${version}`);
  return { version, force, tenderOnly };
}

async function main(): Promise<void> {
  const { version, force, tenderOnly } = parseArgs(process.argv.slice(2));
  const targets = {
    tender: path.join(HISTORIES_DIR, `tender-preparation-${version}.json`),
    ...(tenderOnly ? {} : { contract: path.join(HISTORIES_DIR, `contract-term-${version}.json`) }),
  };
  const existing = Object.values(targets).filter((file) => fs.existsSync(file));
  if (existing.length > 0 && !force) {
    throw new Error(`${existing.map((f) => path.relative(process.cwd(), f)).join(', ')} already recorded: a released history is kept as is. Record a new version (e.g. v2) or pass --force.`);
  }

  const started = Date.now();
  const services = await startTestServices();
  const h = await startWorkerOn(await createTimeSkippingEnv(), services);
  try {
    const tenderId = randomUUID();
    const launchDate = toIsoDate(new Date(await h.env.currentTimeMs()));
    const launch = tenderLaunchSchema.parse(zaanstadLaunch(addDaysTo(launchDate, 450)));
    const handle: WorkflowHandle<typeof tenderPreparationWorkflow> = await h.env.client.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: tenderWorkflowId(tenderId),
      args: [{ tenderId, launch }],
    });
    const step = (what: string) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s  ${what}`);
    step(`started ${handle.workflowId}`);

    const recordContractTerm = async (timeline: TenderTimeline) => {
      const contract = timeline.contracts[0]!;
      if (contract.workflowId !== contractWorkflowId(contract.contractId)) throw new Error(`Unexpected contract workflow id ${contract.workflowId}`);
      const contractHandle = h.env.client.workflow.getHandle(contract.workflowId);
      const startsInDays = daysBetween(toIsoDate(new Date(await h.env.currentTimeMs())), timeline.contractStart);
      await h.env.sleep((Math.max(0, startsInDays) + 1) * DAY);
      await waitFor(async () => (await contractHandle.query(contractStateQuery)).status === 'active', `${contract.workflowId} to become active`);
      step(`contract ${contract.lotId} active from ${timeline.contractStart}`);
      return contractHandle.fetchHistory();
    };

    const launched = await handle.executeUpdate(launchRecordedUpdate);
    step('launch recorded');

    // Two days past the first step's due date: its two reminders and its escalation.
    const first = launched.milestones[0]!;
    await h.env.sleep((daysBetween(launchDate, first.dueDate) + 2) * DAY);
    const alerts = await h.db.prisma.event.count({ where: { workflowId: handle.workflowId, type: { in: ['task.reminderSent', 'task.escalated'] } } });
    if (alerts !== 3) throw new Error(`Expected two reminders and an escalation, found ${alerts} alerts`);
    step('reminders and escalation sent');

    // The submission deadline closes on its date: time reaches it before the step is completed.
    const waitUntil = async (date: string) => {
      const days = daysBetween(toIsoDate(new Date(await h.env.currentTimeMs())), date);
      await waitUntilIdle([handle]);
      if (days > 0) await h.env.sleep(days * DAY);
    };
    let timeline = await completeStepsUntil(handle, 'awardDecision', { waitUntil });
    step('every preparation step completed');

    // Shift the open award decision two weeks: its reminders are re-planned.
    const awardDue = timeline.milestones.find((m) => m.key === 'awardDecision')!.dueDate;
    await handle.executeUpdate(shiftDeadlineUpdate, {
      args: [{ stepKey: 'awardDecision', newDueDate: addDaysTo(awardDue, 14), reason: 'Beoordelingscommissie heeft meer tijd nodig', by: procurementOfficer }],
    });
    step('award decision deadline shifted');

    await handle.executeUpdate(registerAwardUpdate, { args: [{ by: procurementOfficer, lots: awardedLots }] });
    await waitForTimeline(handle, (t) => t.phase === 'standstill');
    step('award registered, standstill running');

    const objection = await handle.executeUpdate(registerObjectionUpdate, { args: [{ by: bidder, lotId: 'zuid', reason: 'Beoordeling kwaliteit perceel Zuid onjuist' }] });
    await h.env.sleep(30 * DAY);
    await handle.executeUpdate(resolveObjectionUpdate, { args: [{ objectionId: objection.id, by: manager, outcome: 'rejected', note: 'Voorzieningenrechter wijst vordering af' }] });
    await waitForTimeline(handle, (t) => t.phase === 'finalAward' && openTasks(t).length === 1);
    step('objection registered and rejected');

    await completeOpenTasks(handle, 'Definitief gegund');
    timeline = await waitForTimeline(handle, (t) => t.phase === 'signing' && openTasks(t).length === 3);
    step(`final award: ${timeline.contracts.length} contract term workflows started`);

    await completeOpenTasks(handle, 'Getekend');
    await waitForTimeline(handle, (t) => t.phase === 'onboarding' && openTasks(t).length === 3);
    await completeOpenTasks(handle, 'Teams overgedragen');
    const result = await handle.result();
    if (result.status !== 'completed') throw new Error(`Tender ended ${result.status}`);
    step('signed, onboarded, tender completed');

    const histories = [{ file: targets.tender, history: await handle.fetchHistory() }];
    // One contract term past its start date: active, waiting for its end (a partial history).
    if (targets.contract) histories.push({ file: targets.contract, history: await recordContractTerm(timeline) });
    fs.mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const { file, history } of histories) {
      fs.writeFileSync(file, `${historyToJSON(history)}\n`);
      const bytes = fs.statSync(file).size;
      console.log(`wrote ${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events, ${(bytes / 1024).toFixed(0)} KiB`);
    }
  } finally {
    await h.close();
    await services.close();
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function waitFor(predicate: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await delay(100);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
