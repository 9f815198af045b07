/**
 * Two workers on one task queue, as docker-compose runs them (`deploy.replicas`): the production
 * topology with the API (api/main.ts) and two workers (worker/main.ts) as separate processes, a Temporal
 * dev server, a PostgreSQL server of this test's own and SMTP capture on loopback. Tenders launched
 * through the API and contract terms (started as final award starts them) are moved on by both workers;
 * one is killed with SIGKILL while that work is in flight and the other finishes it: every tender reaches
 * its next phase, every contract records its indexation rate, no workflow is lost, and every mail arrives
 * once (once more only after a claim of the killed worker expired: README, "Failures").
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { termSchedule } from '../../domain/term-schedule';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { type ApiAnswer, eventually, expectEachMailOnce, type ProductionTopology, startProductionTopology } from '../helpers/production-topology';
import { defaultWorkerIdentity, handedOver, workRecord } from '../helpers/worker-identities';

const TENDERS = 20;
const CONTRACTS = 10;
const LAUNCHES_AT_ONCE = 5;
const TASK_QUEUE = 'two-workers';

let topology: ProductionTopology;

beforeAll(async () => {
  topology = await startProductionTopology({ taskQueue: TASK_QUEUE, workers: 2 });
}, 240_000);

afterAll(async () => {
  await topology?.close();
});

const call: ProductionTopology['call'] = (method, path, body) => topology.call(method, path, body);

/**
 * What a client does: post, and on 503/504 (the workflow's worker died under the Update; README,
 * "Failures") post again while it is still to be done. `done` is the success status; a 409 only answers
 * a retry whose earlier attempt went through after all.
 */
async function postUntilDone(path: string, body: unknown, done: number): Promise<number[]> {
  const statuses: number[] = [];
  for (;;) {
    const response = await call('POST', path, body);
    statuses.push(response.status);
    if (response.status === done || response.status === 409) return statuses;
    if (response.status !== 503 && response.status !== 504) throw new Error(`${path}: unexpected ${response.status}: ${JSON.stringify(response.body)}`);
    await delay(1_000);
  }
}

/** A process's resident memory in MB (Linux /proc; '?' elsewhere), for the sizing figures in the log. */
async function rssMb(pid: number): Promise<string> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? `${Math.round(Number(kb) / 1024)} MB` : '?';
}

function expectDone(statuses: number[], done: number): void {
  expect(statuses.every((s) => [done, 409, 503, 504].includes(s))).toBe(true);
  expect(statuses.at(-1) === done || (statuses.at(-1) === 409 && statuses.length > 1)).toBe(true);
}

test('two workers share the tenders and contract terms; one killed with SIGKILL mid-flight, the other moves every one on and each mail arrives once', async () => {
  const { prisma, temporal, api, workers } = topology;
  const [killed, survivor] = workers.map((w) => defaultWorkerIdentity(w.child.pid!)) as [string, string];
  expect(killed).not.toBe(survivor);
  const idleRss = await Promise.all(workers.map((w) => rssMb(w.child.pid!)));

  // Contract terms as final award starts them (its row first), starting today: each becomes active at once.
  const contracts = Array.from({ length: CONTRACTS }, () => zaanstadContract(toIsoDate(new Date())));
  await prisma.contract.createMany({ data: contracts.map(contractRow) });
  const contractStart = addDaysTo(toIsoDate(new Date()), 450);
  const { launchedBy: _launchedBy, ...launch } = zaanstadLaunch(contractStart);
  // A launch answers once the workflow has recorded it: a few at a time, as people launch them.
  const launched: ApiAnswer[] = [];
  for (let i = 0; i < TENDERS; i += LAUNCHES_AT_ONCE) {
    const batch = Array.from({ length: Math.min(LAUNCHES_AT_ONCE, TENDERS - i) }, (_, j) => call('POST', '/tenders', { ...launch, title: `Sociale Wijkteams Zaanstad 2027, twee workers ${i + j + 1}` }));
    launched.push(...(await Promise.all(batch)));
  }
  expect(launched.map((r) => r.status)).toEqual(Array(TENDERS).fill(201));
  await Promise.all(
    contracts.map((input) =>
      temporal.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', { taskQueue: TASK_QUEUE, workflowId: contractWorkflowId(input.contractId), args: [input] }),
    ),
  );
  const tenders = launched.map((r) => ({ id: r.body.id as string, workflowId: r.body.workflowId as string }));
  const workflowIds = [...tenders.map((t) => t.workflowId), ...contracts.map((c) => contractWorkflowId(c.contractId))];
  const firstTasks = await eventually(
    'the first task of every tender',
    () => prisma.task.findMany({ where: { tenderId: { in: tenders.map((t) => t.id) }, status: 'open' } }),
    (rows) => rows.length === TENDERS,
  );
  await eventually(
    'every contract active',
    () => prisma.contract.count({ where: { id: { in: contracts.map((c) => c.contractId) }, status: 'active' } }),
    (count) => count === CONTRACTS,
  );

  // Everything moves on at once: each tender's first task completed, each contract's first provisional
  // indexation rate recorded (Updates, answered by whichever worker runs the workflow). The first
  // worker is killed as soon as the first of that work is done, with the rest still in flight.
  const rate = (input: (typeof contracts)[number]) => ({
    year: termSchedule(input, 0, 3).municipalYearTasks.find((t) => t.kind === 'indexationProvisional')!.year,
    stage: 'provisional',
    percent: 3.1,
    basis: '70% OVA + 30% CPI',
  });
  const completions = firstTasks.map((task) => postUntilDone(`/tasks/${encodeURIComponent(task.id)}/complete`, { outcome: 'Evaluatie vastgesteld' }, 200));
  const rates = contracts.map((input) => postUntilDone(`/contracts/${input.contractId}/indexation-rates`, rate(input), 201));
  await eventually('the first task done', () => prisma.task.count({ where: { id: { in: firstTasks.map((t) => t.id) }, status: 'done' } }), (done) => done > 0, 60_000);
  await workers[0]!.kill('SIGKILL');
  const movedOnAtKill = await prisma.task.count({ where: { tenderId: { in: tenders.map((t) => t.id) }, kind: 'providerInput' } });
  const ratesAtKill = await prisma.event.count({ where: { contractId: { in: contracts.map((c) => c.contractId) }, type: 'contract.indexationRateRecorded' } });
  const killedAt = Date.now();

  // Every Update went through in the end (no 500 on the way), and every tender is in its next phase.
  for (const statuses of await Promise.all(completions)) expectDone(statuses, 200);
  for (const statuses of await Promise.all(rates)) expectDone(statuses, 201);
  for (const tender of tenders) {
    await eventually(
      `the next task of ${tender.id}`,
      () => prisma.task.findMany({ where: { tenderId: tender.id }, orderBy: { openedAt: 'asc' } }),
      (rows) => rows.length === 2 && rows[0]!.status === 'done' && rows[1]!.status === 'open' && rows[1]!.kind === 'providerInput',
    );
    const detail = await eventually(`GET /tenders/${tender.id}`, () => call('GET', `/tenders/${tender.id}`), (r) => r.status === 200);
    expect(detail.body.timeline.phase).not.toBe('currentContractEvaluation');
  }
  for (const input of contracts) {
    const recorded = await prisma.event.findMany({ where: { contractId: input.contractId, type: 'contract.indexationRateRecorded' } });
    expect(recorded).toHaveLength(1);
  }
  // Work was still in flight when the worker died: not every tender had moved on, or not every rate was recorded.
  expect(movedOnAtKill < TENDERS || ratesAtKill < CONTRACTS).toBe(true);

  // No workflow lost: each still runs, none failed a workflow task. Both workers did work (workflow
  // tasks and activities) before one died, and the survivor took over workflows the killed one ran.
  const records = await Promise.all(workflowIds.map((id) => workRecord(temporal.client, id)));
  const descriptions = await Promise.all(workflowIds.map((id) => temporal.client.workflow.getHandle(id).describe()));
  expect(descriptions.filter((d) => d.status.name !== 'RUNNING').map((d) => `${d.workflowId}: ${d.status.name}`)).toEqual([]);
  expect(records.filter((r) => r.failedWorkflowTasks > 0).map((r) => r.workflowId)).toEqual([]);
  const share = (identity: string) => ({
    workflowTasks: records.reduce((n, r) => n + r.workflowTasks.filter((i) => i === identity).length, 0),
    activities: records.reduce((n, r) => n + r.activities.filter((i) => i === identity).length, 0),
  });
  const [killedShare, survivorShare] = [share(killed), share(survivor)];
  for (const s of [killedShare, survivorShare]) {
    expect(s.workflowTasks).toBeGreaterThan(0);
    expect(s.activities).toBeGreaterThan(0);
  }
  const takenOver = records.filter((r) => handedOver(r, killed, survivor));
  expect(takenOver.length).toBeGreaterThan(0);
  // Nobody else worked on the queue.
  expect(records.flatMap((r) => [...r.workflowTasks, ...r.activities]).filter((i) => i !== killed && i !== survivor)).toEqual([]);

  // Every notification was sent, and each arrived once (once more only after a claim of the killed worker).
  // Each tender's second mail first: one the killed worker had taken is sent again only after its
  // start-to-close timeout (1 minute), and until then the contracts' mails alone can make the count.
  for (const tender of tenders) {
    await eventually(
      `the mail of ${tender.id}'s next task`,
      () => prisma.notification.count({ where: { workflowId: tender.workflowId, kind: 'task-assigned', status: 'sent' } }),
      (sent) => sent === 2,
    );
  }
  const { notifications, sentTwice } = await expectEachMailOnce(topology, workflowIds, 2 * TENDERS);
  for (const tender of tenders) {
    const kinds = notifications.filter((n) => n.workflowId === tender.workflowId).map((n) => n.kind);
    expect(kinds.filter((k) => k === 'task-assigned')).toHaveLength(2); // the first task and the next
  }
  expect(api.output()).not.toMatch(/"statusCode":500|request failed/);
  console.log(
    `two workers: idle RSS ${idleRss.join(' and ')}, the survivor's now ${await rssMb(workers[1]!.child.pid!)}; killed ${killed} (${killedShare.workflowTasks} workflow tasks, ${killedShare.activities} activities), ` +
      `survivor ${survivor} (${survivorShare.workflowTasks} workflow tasks, ${survivorShare.activities} activities); ` +
      `at the kill ${movedOnAtKill}/${TENDERS} tenders moved on and ${ratesAtKill}/${CONTRACTS} rates recorded; ${takenOver.length} workflows taken over; ` +
      `${notifications.length} notifications, ${sentTwice} sent again after the killed worker's claim expired; ` +
      `all done ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
  );
}, 600_000);
