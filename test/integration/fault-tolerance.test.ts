/**
 * The production topology under faults: the API (api/main.ts) and the worker (worker/main.ts) as separate
 * processes, a Temporal dev server, a PostgreSQL server of this test's own, and SMTP capture on loopback.
 * Tenders are moved on while the worker is killed with SIGKILL, and PostgreSQL is stopped for a while
 * under a new worker: every tender reaches its next phase, every mail arrives exactly once, and the API
 * answers 503 with Retry-After (never 500) while PostgreSQL is down.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { zaanstadLaunch } from '../fixtures/zaanstad';
import { eventually, expectEachMailOnce, type ProductionTopology, startProductionTopology } from '../helpers/production-topology';

const TENDERS = 4;

let topology: ProductionTopology;

beforeAll(async () => {
  topology = await startProductionTopology({ taskQueue: 'fault-tolerance', workers: 1 });
}, 240_000);

afterAll(async () => {
  await topology?.close();
});

const call: ProductionTopology['call'] = (method, path, body) => topology.call(method, path, body);

/** The launch as a client posts it: who launches comes from the token. */
function launchBody(contractStart: string) {
  const { launchedBy: _launchedBy, ...launch } = zaanstadLaunch(contractStart);
  return launch;
}

/** What a client does: complete the task, and on 503/504 look again and retry while it is still open. */
async function completeUntilDone(taskId: string): Promise<number[]> {
  const statuses: number[] = [];
  for (;;) {
    const response = await call('POST', `/tasks/${encodeURIComponent(taskId)}/complete`, { outcome: 'Evaluatie vastgesteld' });
    statuses.push(response.status);
    if (response.status === 200 || response.status === 409) return statuses;
    if (response.status !== 503 && response.status !== 504) throw new Error(`Unexpected ${response.status}: ${JSON.stringify(response.body)}`);
    await delay(1_000);
  }
}

test('worker killed with SIGKILL and PostgreSQL stopped while tenders move on: each reaches its next phase, each mail arrives once (again only when the worker died between hand-off and record)', async () => {
  const { prisma, postgres, api, workers } = topology;
  const contractStart = addDaysTo(toIsoDate(new Date()), 450);
  const launched = await Promise.all(
    Array.from({ length: TENDERS }, (_, i) => call('POST', '/tenders', { ...launchBody(contractStart), title: `Sociale Wijkteams Zaanstad 2027, storingstest ${i + 1}` })),
  );
  expect(launched.map((r) => r.status)).toEqual(Array(TENDERS).fill(201));
  const tenders = launched.map((r) => ({ id: r.body.id as string, workflowId: r.body.workflowId as string }));
  const firstTasks = await eventually(
    'the first task of every tender',
    () => prisma.task.findMany({ where: { tenderId: { in: tenders.map((t) => t.id) }, status: 'open' } }),
    (rows) => rows.length === TENDERS,
  );

  // The tenders move on: every first task is completed at once, and the worker is killed while that work is in flight.
  const completions = firstTasks.map((task) => completeUntilDone(task.id));
  await delay(300);
  await workers[0]!.kill('SIGKILL');

  // A new worker; then PostgreSQL stops under it while its activities run and retry.
  await topology.startWorker();
  await postgres.stop();
  for (const path of ['/tenders', `/tenders/${tenders[0]!.id}`, '/overview/overdue', '/tasks?organisation=Gemeente%20Zaanstad']) {
    const down = await call('GET', path);
    expect({ path, status: down.status, retryAfter: down.retryAfter }).toEqual({ path, status: 503, retryAfter: '5' });
  }
  await delay(8_000);
  await postgres.start();

  // Every completion went through in the end (no 500 on the way), and every tender is in its next phase.
  // A 409 ("task is done") only answers a retry: the earlier attempt timed out (504) but went through.
  for (const statuses of await Promise.all(completions)) {
    expect(statuses.every((s) => [200, 409, 503, 504].includes(s))).toBe(true);
    expect(statuses.at(-1) === 200 || (statuses.at(-1) === 409 && statuses.length > 1)).toBe(true);
  }
  for (const tender of tenders) {
    await eventually(
      `the next task of ${tender.id}`,
      () => prisma.task.findMany({ where: { tenderId: tender.id }, orderBy: { openedAt: 'asc' } }),
      (rows) => rows.length === 2 && rows[0]!.status === 'done' && rows[1]!.status === 'open' && rows[1]!.kind === 'providerInput',
    );
    const detail = await eventually(`GET /tenders/${tender.id}`, () => call('GET', `/tenders/${tender.id}`), (r) => r.status === 200);
    expect(detail.body.timeline.phase).not.toBe('currentContractEvaluation');
  }

  // Every notification was sent, and each arrived once (once more only after a claim of the killed worker).
  const { notifications, sentTwice } = await expectEachMailOnce(topology, tenders.map((t) => t.workflowId), 2 * TENDERS);
  console.log(`fault test: ${notifications.length} notifications, ${sentTwice} sent again after the killed worker's claim expired`);
  for (const tender of tenders) {
    const kinds = notifications.filter((n) => n.workflowId === tender.workflowId).map((n) => n.kind);
    expect(kinds.filter((k) => k === 'task-assigned')).toHaveLength(2); // the first task and the next
  }
  expect(api.output()).not.toMatch(/"statusCode":500|request failed/);
}, 600_000);
