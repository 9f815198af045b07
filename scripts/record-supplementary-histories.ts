/**
 * Records the histories of supplementary assignments that test/workflow/replay.test.ts replays against
 * the current workflow code (see test/workflow/histories/README.md). A contract lives eight years while
 * the code changes: a contract that took a request in, and an assignment's own term, must keep
 * replaying. The sibling of scripts/record-contract-histories.ts.
 *
 * Each workflow runs on its own time-skipping test server, with a real database and SMTP capture:
 *
 * - contract-term: the contract term as the one intake (`contract-term-<v>-supplementary.json`), a
 *   partial history of its first run (still running: it replays just the same). Requests through the
 *   contract line and one the provider took in (side-steering); the joint panel accepts two (de minimis,
 *   Aw 2012 art. 2.163b), each starting its own term as a child, and rejects the side-steered one; a
 *   spending cap and spending to 70% of it (VNG art. 1.5.7: the alert, the consultation and decision
 *   tasks); then, time skipped to the bundling moment, the bundle of the two approved, the written
 *   consent to adding their caps up (art. 1.5.8) and the flexible amount decided in the budget task. The
 *   first request asks `patched('supplementary-intake')`, so the marker is in the history.
 * - supplementary-assignment: one assignment's own term from start to completion
 *   (`supplementary-assignment-<v>.json`): the provider's confirmation, active on its start, one own
 *   report completed, the end decision (end), ended, the final report completed.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx scripts/record-supplementary-histories.ts \
 *     contract-term=v4 supplementary-assignment=v1 [--force]
 *
 * Only the workflows named are recorded, each under its own version. Without DATABASE_URL an embedded
 * PGlite is used. Existing history files are never overwritten unless --force is given: a released
 * version's history stays as recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDaysTo } from '../domain/dates';
import type { TakeInRequest } from '../domain/schemas/supplementary';
import { contractRow, zaanstadContract } from '../test/fixtures/contract';
import { type Harness, startTestServices } from '../test/helpers/regie-worker';
import { HISTORIES_DIR, today, withHarness, writeHistory } from './history-recording';
import { waitUntilIdle } from '../test/helpers/tender-driver';
import { type ContractTermInput, contractWorkflowId } from '../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../workflows/contract-term/contract-term';
import { completeTaskUpdate } from '../workflows/shared/complete-task';
import { SUPPLEMENTARY_INTAKE_PATCH } from '../workflows/supplementary-assignment/portfolio';
import type { supplementaryAssignmentWorkflow } from '../workflows/supplementary-assignment/supplementary-assignment';
import {
  approveBundlingUpdate,
  confirmAssignmentUpdate,
  consentToCombinedCapsUpdate,
  decideAssignmentEndUpdate,
  decideFlexibleAmountUpdate,
  recordSpendingUpdate,
  setSpendingCapUpdate,
  supplementaryAssignmentQuery,
  type SupplementaryAssignmentState,
  supplementaryAssignmentWorkflowId,
  supplementaryPortfolioQuery,
  type SupplementaryPortfolioView,
  takeInRequestUpdate,
  vetRequestUpdate,
} from '../workflows/supplementary-assignment/supplementary-definitions';

const DAY = 24 * 60 * 60 * 1000;
const ZAANSTAD = 'Gemeente Zaanstad';
const contractManager = { role: 'contractManager', organisation: ZAANSTAD, name: 'C. Manager' } as const;
const manager = { role: 'manager', organisation: ZAANSTAD, name: 'M. Manager' } as const;
const college = { role: 'college', organisation: ZAANSTAD, name: 'Wethouder Zorg (mandaat college)' } as const;
const panel = { role: 'jointPanel', organisation: ZAANSTAD, name: 'Gremium aanvullende opdrachten' } as const;
const providerContact = { role: 'contractContact', organisation: 'DOCK', name: 'D. Contact' } as const;
const euro = (amount: number) => Math.round(amount * 100);

Runtime.install({ logger: new DefaultLogger('WARN') });

type Kind = 'contract-term' | 'supplementary-assignment';
const KINDS: Kind[] = ['contract-term', 'supplementary-assignment'];
/** The file each recording writes, by version. */
const FILES: Record<Kind, (version: string) => string> = {
  'contract-term': (v) => `contract-term-${v}-supplementary.json`,
  'supplementary-assignment': (v) => `supplementary-assignment-${v}.json`,
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
  if (versions.size === 0) throw new Error('Name what to record, e.g. contract-term=v4 supplementary-assignment=v1');
  return { versions, force };
}

let started = Date.now();
const step = (what: string) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s  ${what}`);

async function main(): Promise<void> {
  const { versions, force } = parseArgs(process.argv.slice(2));
  const existing = [...versions].map(([kind, v]) => FILES[kind](v)).filter((file) => fs.existsSync(path.join(HISTORIES_DIR, file)));
  if (existing.length > 0 && !force) {
    throw new Error(`${existing.join(', ')} already recorded: a released history is kept as is. Record a new version or pass --force.`);
  }

  started = Date.now();
  const services = await startTestServices();
  try {
    const recorders: Record<Kind, (h: Harness) => Promise<History>> = {
      'contract-term': recordContractIntake,
      'supplementary-assignment': recordAssignmentTerm,
    };
    for (const [kind, version] of versions) {
      console.log(`${kind} ${version}`);
      const history = await withHarness(services, recorders[kind]);
      writeHistory(FILES[kind](version), history);
    }
  } finally {
    await services.close();
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** A contract under the light regime for social services, with the joint panel that vets requests. */
async function startContract(h: Harness): Promise<{ input: ContractTermInput; handle: WorkflowHandle<typeof contractTermWorkflow> }> {
  const base = zaanstadContract(addDaysTo(await today(h), 10));
  const input: ContractTermInput = {
    ...base,
    procurementForm: 'socialServicesLightRegime',
    stakeholders: [...base.stakeholders, { role: 'jointPanel', organisation: ZAANSTAD, email: 'gremium@zaanstad.example' }],
  };
  await h.db.prisma.contract.create({ data: contractRow(input) });
  const handle = await h.env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: h.taskQueue, workflowId: contractWorkflowId(input.contractId), args: [input] });
  await waitUntilIdle([handle]);
  step(`started ${handle.workflowId} on ${input.startDate}`);
  return { input, handle };
}

async function request(h: Harness, fields: Partial<TakeInRequest>): Promise<TakeInRequest> {
  const from = addDaysTo(await today(h), 30);
  return {
    title: 'Schoolmaatschappelijk werk',
    theme: 'Preventie jeugd',
    goal: 'Minder schooluitval',
    budgetCents: euro(18_000),
    period: { from, to: addDaysTo(from, 364) },
    reporting: { regime: 'foldedIntoContract' },
    source: { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' },
    requestedBy: 'J. de Vries (leerplicht)',
    outsideContractLine: false,
    by: contractManager,
    ...fields,
  };
}

const assignmentTerm = (h: Harness, assignmentId: string) => h.env.client.workflow.getHandle<typeof supplementaryAssignmentWorkflow>(supplementaryAssignmentWorkflowId(assignmentId));

/** Skips simulated time in steps, letting the workflows settle before each step. */
async function advance(h: Harness, handles: WorkflowHandle[], days: number, stepDays = 10): Promise<void> {
  for (let done = 0; done < days; done += stepDays) {
    await waitUntilIdle(handles);
    await h.env.sleep(Math.min(stepDays, days - done) * DAY);
  }
  await waitUntilIdle(handles);
}

/**
 * The contract term as the intake, up to its first bundling moment (the first run, still running):
 * every Update of the intake and the budget work on it but the promotion (which waits for the midterm).
 */
async function recordContractIntake(h: Harness): Promise<History> {
  const { input, handle } = await startContract(h);
  const year = Number((await today(h)).slice(0, 4)) + 1;

  // Two small requests through the contract line, same theme and goal, each with its own spending cap.
  const huiswerk = await handle.executeUpdate(takeInRequestUpdate, { args: [await request(h, { title: 'Huiswerkbegeleiding', budgetCents: euro(12_000), spendingCapCents: euro(12_000) })] });
  const school = await handle.executeUpdate(takeInRequestUpdate, { args: [await request(h, { goal: 'minder  schooluitval', spendingCapCents: euro(18_000) })] });
  // One the provider took in: side-steering.
  const taalcafe = await handle.executeUpdate(takeInRequestUpdate, {
    args: [await request(h, { title: 'Taalcafé', theme: 'Taal', goal: 'Taalvaardigheid ouders', budgetCents: euro(8_000), source: { kind: 'nationalProgramme', name: 'Kansrijke Start' }, requestedBy: 'Programmabureau', by: providerContact })],
  });
  if (!taalcafe.sideSteering || huiswerk.sideSteering) throw new Error(`Expected only the provider's request flagged as side-steering: ${JSON.stringify([huiswerk, taalcafe])}`);
  step(`3 requests taken in (${taalcafe.id} side-steering)`);

  for (const accepted of [huiswerk, school]) {
    const vetted = await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: accepted.id, decision: 'accept', route: 'deMinimis', reason: 'Past binnen de geest van de hoofdopdracht', by: panel }] });
    if (vetted.status !== 'awaitingConfirmation') throw new Error(`Expected ${accepted.id} accepted within the contract: ${vetted.status}`);
  }
  const rejected = await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: taalcafe.id, decision: 'reject', reason: 'Hoort bij het programma Kansrijke Start, niet bij de wijkteams', by: panel }] });
  if (rejected.status !== 'rejected') throw new Error(`Expected ${taalcafe.id} rejected: ${rejected.status}`);
  const terms = [huiswerk, school].map((a) => assignmentTerm(h, a.id));
  await waitUntilIdle([handle, ...terms]);
  for (const term of terms) await term.executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: true, by: providerContact }] });
  const handles: WorkflowHandle[] = [handle, ...terms];
  await waitUntilIdle(handles);
  step('two accepted (de minimis) and confirmed by the provider, one rejected');

  // VNG art. 1.5.7: at 70% of the cap the provider is told, consultation and decision are planned.
  await handle.executeUpdate(setSpendingCapUpdate, { args: [{ year, capCents: euro(100_000), by: contractManager }] });
  await handle.executeUpdate(recordSpendingUpdate, { args: [{ year, amountCents: euro(60_000), description: 'Declaraties Q1', reference: 'F-1', by: contractManager }] });
  const spent = await handle.executeUpdate(recordSpendingUpdate, { args: [{ year, amountCents: euro(10_000), description: 'Declaraties Q2', reference: 'F-2', by: contractManager }] });
  if (spent.capAlert?.percent !== 70) throw new Error(`Expected the 70% alert: ${JSON.stringify(spent)}`);
  await waitUntilIdle(handles);
  step(`spending cap ${year} set, 70% reached`);

  // The bundling moment: skipped to in steps, until it opens.
  let portfolio: SupplementaryPortfolioView = await handle.query(supplementaryPortfolioQuery);
  for (let days = 0; portfolio.pendingBundling.length === 0; days += 15) {
    if (days > 400) throw new Error('No bundling moment opened within 400 days');
    await advance(h, handles, 15, 15);
    portfolio = await handle.query(supplementaryPortfolioQuery);
  }
  const pending = portfolio.pendingBundling[0]!;
  if (pending.proposals.length !== 1 || !pending.proposals[0]!.combinesSpendingCaps) throw new Error(`Expected one bundle proposal adding caps up: ${JSON.stringify(pending)}`);
  step(`bundling moment for budget year ${pending.year} opened on ${await today(h)}, due ${pending.dueDate}`);

  const [bundle] = await handle.executeUpdate(approveBundlingUpdate, {
    args: [{ year: pending.year, bundles: pending.proposals.map(({ theme, goal, assignmentIds }) => ({ theme, goal, assignmentIds })), by: manager }],
  });
  if (bundle?.status !== 'awaitingConsent') throw new Error(`Expected the bundle to wait for written consent: ${JSON.stringify(bundle)}`);
  await waitUntilIdle(handles);
  const consented = await handle.executeUpdate(consentToCombinedCapsUpdate, { args: [{ bundleId: bundle.id, consent: true, noSubstantialChange: true, documentReference: 'brief 2027-001', by: college }] });
  if (consented.status !== 'earmarked') throw new Error(`Expected the bundle earmarked: ${consented.status}`);
  await waitUntilIdle(handles);
  step(`bundle ${bundle.id} approved, caps added up with written consent`);

  const flexible = await handle.executeUpdate(decideFlexibleAmountUpdate, { args: [{ year: pending.year, amountCents: euro(150_000), by: manager }] });
  await waitUntilIdle(handles);
  const budgetTask = await h.db.prisma.task.findFirst({ where: { contractId: input.contractId, kind: 'budgetCycle', title: { contains: String(pending.year) } } });
  if (budgetTask?.status !== 'done') throw new Error(`Expected the budget task of ${pending.year} done by the flexible amount: ${JSON.stringify(budgetTask)}`);
  step(`flexible amount ${pending.year} decided (${flexible.flexibleAmount?.amountCents} cents), budget task done`);

  const history = await handle.fetchHistory();
  if ((await handle.describe()).status.name !== 'RUNNING') throw new Error('Expected the first run still running (a partial history)');
  expectHistory('contract term', history, {
    patches: [SUPPLEMENTARY_INTAKE_PATCH],
    childStarts: ['supplementaryAssignmentWorkflow'],
    updates: ['takeInSupplementaryRequest', 'vetSupplementaryRequest', 'setSpendingCap', 'recordSpending', 'approveSupplementaryBundling', 'consentToCombinedSpendingCaps', 'decideFlexibleAmount'],
  });
  return history;
}

/** One assignment's own term, start to completion, as a child of its contract. */
async function recordAssignmentTerm(h: Harness): Promise<History> {
  const { handle } = await startContract(h);
  const from = addDaysTo(await today(h), 30);
  const to = addDaysTo(from, 179);
  const taken = await handle.executeUpdate(takeInRequestUpdate, { args: [await request(h, { period: { from, to }, budgetCents: euro(40_000), reporting: { regime: 'own', everyMonths: 3 } })] });
  await handle.executeUpdate(vetRequestUpdate, { args: [{ assignmentId: taken.id, decision: 'accept', route: 'deMinimis', reason: 'Past binnen de geest van de hoofdopdracht', by: panel }] });
  const term = assignmentTerm(h, taken.id);
  const handles: WorkflowHandle[] = [handle, term];
  await waitUntilIdle(handles);
  step(`started ${term.workflowId} from ${from} to ${to}`);
  const view = async (predicate: (v: SupplementaryAssignmentState) => boolean, what: string) => {
    const state = await term.query(supplementaryAssignmentQuery);
    if (!predicate(state)) throw new Error(`Expected ${what}: ${JSON.stringify(state)}`);
    return state;
  };

  await term.executeUpdate(confirmAssignmentUpdate, { args: [{ confirm: true, note: 'Akkoord, start per de afgesproken datum', by: providerContact }] });
  await advance(h, handles, 31);
  await view((s) => s.assignment.status === 'active', 'the assignment active on its start');
  step('confirmed by the provider, active');

  // The first own report (due 3 months in) and the end decision (due 60 days before the end) are open.
  await advance(h, handles, 95);
  const open = await view((s) => ['supplementaryEndDecision', 'supplementaryReport'].every((kind) => s.tasks.some((t) => t.kind === kind && t.status === 'open')), 'its report and end decision open');
  const report = open.tasks.find((t) => t.kind === 'supplementaryReport' && t.status === 'open')!;
  await term.executeUpdate(completeTaskUpdate, { args: [{ taskId: report.id, outcome: 'ingediend', by: providerContact }] });
  await term.executeUpdate(decideAssignmentEndUpdate, { args: [{ decision: 'end', rationale: 'Het doel is bereikt; de school neemt het werk over', by: contractManager }] });
  await waitUntilIdle(handles);
  step(`report due ${report.dueDate} completed, end decided: end`);

  await advance(h, handles, 90);
  const ended = await view((s) => s.assignment.status === 'ended' && s.tasks.some((t) => t.kind === 'supplementaryReport' && t.status === 'open'), 'ended with the final report open');
  const finalReport = ended.tasks.find((t) => t.kind === 'supplementaryReport' && t.status === 'open')!;
  await term.executeUpdate(completeTaskUpdate, { args: [{ taskId: finalReport.id, outcome: 'eindrapportage ingediend', by: providerContact }] });
  const result = await term.result();
  if (result.assignment.status !== 'ended' || result.tasks.some((t) => t.status === 'open')) throw new Error(`Expected an ended term with nothing open: ${JSON.stringify(result)}`);
  step(`ended on ${to}, final report due ${finalReport.dueDate} completed, term completed`);

  const history = await term.fetchHistory();
  expectHistory('assignment term', history, {
    patches: [],
    childStarts: [],
    updates: ['confirmSupplementaryAssignment', 'completeTask', 'decideSupplementaryAssignmentEnd'],
    endsWith: 'workflowExecutionCompletedEventAttributes',
  });
  return history;
}

function expectHistory(
  name: string,
  history: History,
  expected: { patches: string[]; childStarts: string[]; updates: string[]; endsWith?: 'workflowExecutionCompletedEventAttributes' },
): void {
  const events = history.events ?? [];
  const problems: string[] = [];
  // The SDK records its own internal patches too: look for ours by id.
  const patches = events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => defaultPayloadConverter.fromPayload<{ id: string }>(m!.details!['patch-data']!.payloads![0]!).id);
  for (const patch of expected.patches) if (!patches.includes(patch)) problems.push(`no ${patch} patch marker`);
  const childTypes = events.map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name).filter(Boolean);
  for (const type of expected.childStarts) if (!childTypes.includes(type)) problems.push(`no ${type} started`);
  const updates = events.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter(Boolean);
  for (const update of expected.updates) if (!updates.includes(update)) problems.push(`no ${update} Update accepted`);
  if (expected.endsWith && !events.at(-1)?.[expected.endsWith]) problems.push(`does not end with ${expected.endsWith}`);
  if (problems.length > 0) throw new Error(`The ${name} history misses what it should cover: ${problems.join('; ')}`);
  step(`${name}: ${events.length} events, ${childTypes.length} child workflows started, Updates ${[...new Set(updates)].join(', ')}, patches ${patches.join(', ') || 'none'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
