/**
 * Records the histories of the contract workflows that test/workflow/replay.test.ts replays against
 * the current workflow code (see test/workflow/histories/README.md for when to record a new one).
 * The sibling of scripts/record-history.ts (the tender and the first contract term version).
 *
 * Each workflow runs on its own time-skipping test server, with a real database and SMTP capture:
 *
 * - contract-term: a two-year term on the lifecycle path (patched 'contract-term-lifecycle') and agenda
 *   version 3 (patched 'municipal-year'): awarded, active, quarterly accountability cycles (child
 *   workflows), the budget and indexation tasks of the municipal year (recordIndexationRate), the
 *   continue-as-new after the last item of contract year 1, the end decision, the renewal evaluation
 *   (completeTask), the midterm review (child workflow, decided 'continue') and the end of the term.
 *   Written as two files: `contract-term-<v>-year1.json`, the complete first run (ending with
 *   WorkflowExecutionContinuedAsNew), and `contract-term-<v>-midterm.json`, the second and last run
 *   (started with [input, carry]).
 * - accountability-cycle: one period: the report, the invitation, the outcome Update with two
 *   follow-ups, both completed, the summary (`accountability-cycle-<v>.json`).
 * - midterm-review: a revision within the Aw 2012 art. 2.163b limit (with the 80% warning),
 *   accepted by the provider and recorded as an amendment (`midterm-review-<v>.json`).
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx scripts/record-contract-histories.ts \
 *     contract-term=v3 accountability-cycle=v1 midterm-review=v2 [--force]
 *
 * Only the workflows named are recorded, each under its own version. Without DATABASE_URL an
 * embedded PGlite is used. Existing history files are never overwritten unless --force is given: a
 * released version's history stays as recorded.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { LATEST_AGENDA_VERSION } from '../domain/contract-agenda';
import { addDaysTo, addMonthsTo, toIsoDate } from '../domain/dates';
import { termSchedule } from '../domain/term-schedule';
import type { Kpi } from '../domain/schemas/tender-launch';
import { contractRow, zaanstadContract, zaanstadMidtermReview } from '../test/fixtures/contract';
import { manager } from '../test/fixtures/zaanstad';
import { type Harness, startTestServices } from '../test/helpers/regie-worker';
import { HISTORIES_DIR, today, withHarness, writeHistory } from './history-recording';
import { liveThroughTerm } from '../test/helpers/contract-driver';
import { waitUntilIdle } from '../test/helpers/tender-driver';
import type { accountabilityCycleWorkflow } from '../workflows/accountability-cycle/accountability-cycle';
import {
  type AccountabilityCycleInput,
  accountabilityCycleQuery,
  type AccountabilityCycleView,
  accountabilityWorkflowId,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from '../workflows/accountability-cycle/accountability-definitions';
import { contractStateQuery, contractWorkflowId, decideTermEndUpdate } from '../workflows/contract-term/contract-definitions';
import { CONTRACT_LIFECYCLE_PATCH, type contractTermWorkflow } from '../workflows/contract-term/contract-term';
import {
  midtermReviewQuery,
  type MidtermReviewView,
  midtermReviewWorkflowId,
  recordMidtermDecisionUpdate,
  respondToRevisionUpdate,
} from '../workflows/midterm-review/midterm-definitions';
import type { midtermReviewWorkflow } from '../workflows/midterm-review/midterm-review';

const DAY = 24 * 60 * 60 * 1000;
const commissioner = 'Gemeente Zaanstad';
const provider = 'DOCK';
const contractManager = { role: 'contractManager', organisation: commissioner, name: 'C. Manager' } as const;
const contractContact = { role: 'contractContact', organisation: provider, name: 'D. Contact' } as const;
const teamLead = { role: 'teamLead', organisation: provider } as const;
const euro = (amount: number) => Math.round(amount * 100);

Runtime.install({ logger: new DefaultLogger('WARN') });

type Kind = 'contract-term' | 'accountability-cycle' | 'midterm-review';
const KINDS: Kind[] = ['contract-term', 'accountability-cycle', 'midterm-review'];
/** The files each recording writes, by version. */
const FILES: Record<Kind, (version: string) => string[]> = {
  'contract-term': (v) => [`contract-term-${v}-year1.json`, `contract-term-${v}-midterm.json`],
  'accountability-cycle': (v) => [`accountability-cycle-${v}.json`],
  'midterm-review': (v) => [`midterm-review-${v}.json`],
};

function parseArgs(argv: string[]): { versions: Map<Kind, string>; force: boolean } {
  const force = argv.includes('--force');
  const versions = new Map<Kind, string>();
  for (const arg of argv.filter((a) => !a.startsWith('--'))) {
    const [kind, version] = arg.split('=') as [Kind, string | undefined];
    if (!KINDS.includes(kind) || !version) throw new Error(`Expected <workflow>=<version> with workflow one of ${KINDS.join(', ')}: got ${arg}`);
    if (!/^v\d+$/.test(version)) throw new Error(`Version must look like v1, v2, ...: got ${version}`);
    versions.set(kind, version);
  }
  if (versions.size === 0) throw new Error(`Name what to record, e.g. ${KINDS.map((k) => `${k}=v1`).join(' ')}`);
  return { versions, force };
}

let started = Date.now();
const step = (what: string) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s  ${what}`);

async function main(): Promise<void> {
  const { versions, force } = parseArgs(process.argv.slice(2));
  const existing = [...versions].flatMap(([kind, v]) => FILES[kind](v)).filter((file) => fs.existsSync(path.join(HISTORIES_DIR, file)));
  if (existing.length > 0 && !force) {
    throw new Error(`${existing.join(', ')} already recorded: a released history is kept as is. Record a new version or pass --force.`);
  }

  started = Date.now();
  const services = await startTestServices();
  try {
    const recorders: Record<Kind, (h: Harness) => Promise<History[]>> = {
      'accountability-cycle': recordAccountabilityCycle,
      'midterm-review': recordMidtermReview,
      'contract-term': recordContractTerm,
    };
    for (const [kind, version] of versions) {
      console.log(`${kind} ${version}`);
      const histories = await withHarness(services, recorders[kind]);
      const files = FILES[kind](version);
      histories.forEach((history, i) => writeHistory(files[i]!, history));
    }
  } finally {
    await services.close();
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function recordAccountabilityCycle(h: Harness): Promise<History[]> {
  const kpis: Kpi[] = [
    { name: 'Bereik', definition: 'Aantal inwoners met een hulpvraag dat binnen 5 werkdagen is gesproken', measurable: true },
    { name: 'Ervaren regie', definition: 'Het verhaal van inwoners over hun eigen regie', measurable: false },
    { name: 'Doorlooptijd', definition: 'Dagen van melding tot plan', measurable: true },
  ];
  // A quarter that ended yesterday: the report is due in 29 days, the conversation 21 days later.
  const start = await today(h);
  const contractId = randomUUID();
  const reportDue = addDaysTo(start, 29);
  const input: AccountabilityCycleInput = {
    contractId,
    contractWorkflowId: contractWorkflowId(contractId),
    title: 'Sociale Wijkteams Zaanstad 2027, perceel Zaanstad Noord',
    commissioner,
    provider,
    period: { index: 3, from: addDaysTo(start, -91), to: addDaysTo(start, -1), reportDue, conversationDue: addDaysTo(reportDue, 21), contractYear: 1 },
    kpis,
    stakeholders: [
      { role: 'contractManager', organisation: commissioner, email: 'contractmanagement@zaanstad.example' },
      { role: 'manager', organisation: commissioner, email: 'manager-sociaal-domein@zaanstad.example' },
      { role: 'contractContact', organisation: provider, email: 'contract@dock.example' },
      { role: 'teamLead', organisation: provider, email: 'teamleiding@dock.example' },
    ],
    reminderDaysBefore: [14, 3],
  };
  const handle: WorkflowHandle<typeof accountabilityCycleWorkflow> = await h.env.client.workflow.start<typeof accountabilityCycleWorkflow>('accountabilityCycleWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: accountabilityWorkflowId(contractId, input.period.index),
    args: [input],
  });
  step(`started ${handle.workflowId}`);
  const cycle = (predicate: (v: AccountabilityCycleView) => boolean) => waitForView(() => handle.query(accountabilityCycleQuery), predicate);

  let view = await cycle((v) => v.tasks.some((t) => t.kind === 'accountabilityReport' && t.status === 'open'));
  const report = view.tasks.find((t) => t.kind === 'accountabilityReport')!;
  // The first reminder (14 days before the report is due), then the report comes in.
  await waitUntilIdle([handle]);
  await h.env.sleep(20 * DAY);
  await waitUntilIdle([handle]);
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: 'Rapportage Q3 aangeleverd' }] });
  view = await cycle((v) => v.phase === 'conversation' && v.conversation !== undefined);
  step(`report delivered, conversation planned on ${view.conversation!.date}, invitation sent`);

  const outcome = await handle.executeUpdate(recordAccountabilityOutcomeUpdate, {
    args: [{
      by: contractManager,
      figures: [{ kpi: 'Bereik', value: 412 }],
      narratives: [{ kpi: 'Ervaren regie', text: 'Inwoners in Krommenie vertellen dat ze zelf de regie houden sinds de wijkteams vaste gezichten hebben.' }],
      story: 'Het bereik steeg door de inloop in het buurthuis; de doorlooptijd is nog niet gemeten omdat het registratiesysteem wisselde.',
      agreements: ['DOCK levert vanaf volgend kwartaal de doorlooptijd uit het nieuwe systeem'],
      followUps: [
        { title: 'Doorlooptijd meten in het nieuwe systeem', ownerRole: 'teamLead', ownerOrganisation: provider, dueDate: addDaysTo(start, 60) },
        { title: 'Terugkoppeling aan de raad', ownerRole: 'contractManager', ownerOrganisation: commissioner, dueDate: addDaysTo(start, 90) },
      ],
    }],
  });
  step(`outcome recorded, ${outcome.followUps.length} follow-ups`);
  await waitUntilIdle([handle]);
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: outcome.followUps[0]!.taskId, by: teamLead, outcome: 'Meting staat' }] });
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: outcome.followUps[1]!.taskId, by: contractManager, outcome: 'Raadsinformatiebrief verstuurd' }] });
  const summary = await handle.result();
  if (summary.followUps.length !== 2 || !summary.report.onTime) throw new Error(`Unexpected summary ${JSON.stringify(summary)}`);
  step('follow-ups completed, cycle completed');
  return [await handle.fetchHistory()];
}

async function recordMidtermReview(h: Harness): Promise<History[]> {
  // A lot worth EUR 32 million, EUR 400,000 changed before: EUR 250,000 more is 86.67% of the EU threshold.
  const contractId = randomUUID();
  const reviewDate = await today(h);
  const input = zaanstadMidtermReview(contractId, reviewDate, { previousChangesCents: [euro(400_000)] });
  const handle: WorkflowHandle<typeof midtermReviewWorkflow> = await h.env.client.workflow.start<typeof midtermReviewWorkflow>('midtermReviewWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: midtermReviewWorkflowId(contractId),
    args: [input],
  });
  step(`started ${handle.workflowId}`);
  const review = (predicate: (v: MidtermReviewView) => boolean) => waitForView(() => handle.query(midtermReviewQuery), predicate);

  await review((v) => v.phase === 'decision');
  const decision = await handle.executeUpdate(recordMidtermDecisionUpdate, {
    args: [{
      by: contractManager,
      decision: 'revise',
      rationale: 'Meer inzet op preventie in Krommenie nodig (uitkomst evaluatie)',
      revision: { description: 'Addendum 1: extra preventieteam Krommenie', valueChangeCents: euro(250_000), effectiveDate: addMonthsTo(reviewDate, 6) },
    }],
  });
  if (!decision.assessment?.allowed || !decision.assessment.warning) throw new Error(`Expected an allowed revision with a warning: ${JSON.stringify(decision.assessment)}`);
  await review((v) => v.phase === 'providerResponse');
  step(`revision decided (${decision.assessment.percentOfLimit}% of the limit), provider asked to respond`);
  await handle.executeUpdate(respondToRevisionUpdate, { args: [{ by: { role: 'contractContact', organisation: provider, name: 'P. Contact' }, accept: true, note: 'Akkoord met addendum 1' }] });
  const result = await handle.result();
  if (!result.amendmentRecorded) throw new Error(`Expected the amendment recorded: ${JSON.stringify(result)}`);
  step('provider accepted, amendment recorded');
  return [await handle.fetchHistory()];
}

/**
 * A two-year term (quarterly cycles, midterm review after 15 months), lived through in steps of
 * simulated time as in test/workflow/contract-term.test.ts: open tasks are completed as they come,
 * the midterm review is decided 'continue' and the end decision is 'end'.
 */
async function recordContractTerm(h: Harness): Promise<History[]> {
  const input = zaanstadContract(addDaysTo(await today(h), 10), { termYears: 2, midtermReviewAfterMonths: 15, accountabilityCadence: 'quarterly' });
  const workflowId = contractWorkflowId(input.contractId);
  const schedule = termSchedule(input, 0, LATEST_AGENDA_VERSION);
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId, args: [input] });
  const firstRunId = handle.firstExecutionRunId;
  step(`started ${workflowId} from ${input.startDate} to ${schedule.endDate}`);

  const runs: string[] = [firstRunId];
  await liveThroughTerm(h, { handle, input }, {
    decide: async (hd) => {
      await hd.executeUpdate(decideTermEndUpdate, { args: [{ by: manager, decision: 'end', reason: 'Nieuwe aanbesteding per einde looptijd' }] });
    },
    onStep: (description) => {
      if (description.runId === runs.at(-1)) return;
      runs.push(description.runId);
      step(`continued as new: run ${runs.length}`);
    },
    onTask: (task) => step(`${task.kind} due ${toIsoDate(task.dueDate)} ${task.kind === 'endDecision' ? 'decided: end' : 'completed'}`),
  });
  const state = await handle.query(contractStateQuery);
  if (state.status !== 'ended' || runs.length !== 2) throw new Error(`Expected an ended term in two runs: ${state.status} in ${runs.length} runs`);
  step(`term ended on ${state.endDate}: ${state.summary?.accountabilityCyclesStarted} cycles, ${state.summary?.tasksCompleted} tasks completed`);

  const year1 = await h.env.client.workflow.getHandle(workflowId, firstRunId).fetchHistory();
  const last = await h.env.client.workflow.getHandle(workflowId, runs[1]).fetchHistory();
  // Agenda version 3: the budget and provisional indexation tasks of the municipal year in the first
  // run; the end decision (before the next tender must start), the renewal evaluation and the settled
  // rate carried over into the second, with the midterm review.
  expectHistory('year 1', year1, {
    lifecyclePatch: true,
    childStarts: ['accountabilityCycleWorkflow'],
    updates: ['completeTask', 'recordIndexationRate'],
    endsWith: 'workflowExecutionContinuedAsNewEventAttributes',
  });
  // A run after continue-as-new has its carry: it takes the lifecycle path without asking patched().
  expectHistory('year 2', last, {
    lifecyclePatch: false,
    childStarts: ['accountabilityCycleWorkflow', 'midtermReviewWorkflow'],
    updates: ['recordIndexationRate', 'decideTermEnd', 'completeTask'],
    endsWith: 'workflowExecutionCompletedEventAttributes',
  });
  return [year1, last];
}

function expectHistory(
  name: string,
  history: History,
  expected: { lifecyclePatch: boolean; childStarts: string[]; updates: string[]; endsWith: 'workflowExecutionContinuedAsNewEventAttributes' | 'workflowExecutionCompletedEventAttributes' },
): void {
  const events = history.events ?? [];
  const problems: string[] = [];
  // The SDK records its own internal patches too: look for the lifecycle patch by its id.
  const patches = events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => defaultPayloadConverter.fromPayload<{ id: string }>(m!.details!['patch-data']!.payloads![0]!).id);
  if (patches.includes(CONTRACT_LIFECYCLE_PATCH) !== expected.lifecyclePatch) problems.push(`the ${CONTRACT_LIFECYCLE_PATCH} patch marker is ${expected.lifecyclePatch ? 'missing' : 'present'}`);
  const childTypes = events.map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name).filter(Boolean);
  for (const type of expected.childStarts) if (!childTypes.includes(type)) problems.push(`no ${type} started`);
  if (expected.childStarts.includes('midtermReviewWorkflow') && !events.some((e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowType?.name === 'midtermReviewWorkflow')) {
    problems.push('no midterm review result');
  }
  const updates = events.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter(Boolean);
  for (const update of expected.updates) if (!updates.includes(update)) problems.push(`no ${update} Update accepted`);
  if (!events.at(-1)?.[expected.endsWith]) problems.push(`does not end with ${expected.endsWith}`);
  if (problems.length > 0) throw new Error(`The ${name} history misses what it should cover: ${problems.join('; ')}`);
  step(`${name}: ${events.length} events, ${childTypes.length} child workflows started, Updates ${[...new Set(updates)].join(', ')}, patches ${patches.join(', ') || 'none'}`);
}

async function waitForView<T>(query: () => Promise<T>, predicate: (view: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await query();
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${JSON.stringify(view)}`);
    await delay(100);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
