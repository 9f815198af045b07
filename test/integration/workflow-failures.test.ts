/**
 * Failures inside workflows, on a real Temporal dev server with the real worker, database and SMTP:
 * a notification the mail server refuses for good is recorded (notification.failed, the managers'
 * overview) and the workflow goes on; a contract whose row does not exist still becomes active, the
 * failure recorded (record.failed, GET /overview/failures); the same Update sent twice at once is
 * accepted once.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { buildApi } from '../../api/server';
import { type HttpError, toHttpError } from '../../api/errors';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { createMailer } from '../../mail/transport';
import { createRegieWorker } from '../../worker/create-worker';
import type { accountabilityCycleWorkflow } from '../../workflows/accountability-cycle/accountability-cycle';
import {
  accountabilityCycleQuery,
  accountabilityWorkflowId,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from '../../workflows/accountability-cycle/accountability-definitions';
import { contractStateQuery, contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import type { contractTermWorkflow } from '../../workflows/contract-term/contract-term';
import { cancelTenderUpdate, launchRecordedUpdate, tenderWorkflowId } from '../../workflows/tender/tender-definitions';
import type { tenderPreparationWorkflow } from '../../workflows/tender/tender-preparation';
import { tenderLaunchSchema } from '../../domain/schemas/tender-launch';
import { commissioner, contractContact, contractManager, quarterCycleInput } from '../fixtures/accountability';
import { contractRow, zaanstadContract } from '../fixtures/contract';
import { manager, zaanstadLaunch } from '../fixtures/zaanstad';
import { apiTokenFor } from '../helpers/principals';
import { startTestServices, type TestServices } from '../helpers/regie-worker';
import { startRefusingSmtp } from '../helpers/refusing-smtp';
import { createDevServerEnv } from '../helpers/temporal';


let services: TestServices;
let env: TestWorkflowEnvironment;
let smtp: Awaited<ReturnType<typeof startRefusingSmtp>>;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `failures-${randomUUID()}`;

beforeAll(async () => {
  services = await startTestServices();
  env = await createDevServerEnv();
  // Mailboxes at refused.example do not exist: the server answers 550 (permanent); others are accepted.
  smtp = await startRefusingSmtp({ recipient: { matches: (address) => address.endsWith('@refused.example'), responseCode: 550 } });
  worker = await createRegieWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { prisma: services.db.prisma, mailer: createMailer({ smtpUrl: smtp.url }) },
    workflowBundle: services.bundle,
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await smtp?.stop();
  await services?.close();
});

async function startCycle(contactEmail: string) {
  const started = toIsoDate(new Date());
  const input = quarterCycleInput(started, contactEmail);
  const { contractId } = input;
  // The contract the cycle belongs to, as its final award records it: whose managers see its failures.
  await services.db.prisma.contract.create({ data: { ...contractRow({ ...zaanstadContract(started), contractId }), status: 'active' } });
  const handle = await env.client.workflow.start<typeof accountabilityCycleWorkflow>('accountabilityCycleWorkflow', {
    taskQueue,
    workflowId: accountabilityWorkflowId(contractId, 1),
    args: [input],
  });
  return { handle, input };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await delay(100);
  }
}

/** The API token of a manager (and contract manager) of `organisation`: the overviews are theirs. */
function managerOf(organisation: string) {
  return apiTokenFor(services.db.prisma, organisation, ['contractManager', 'manager']);
}

/**
 * Sends two Updates at once; returns what each gave: its result, or the HTTP answer the API gives for
 * its refusal (api/errors.ts). The second is refused by the validator while the workflow runs, or,
 * when the first closed the workflow before it arrived, by the server (the workflow has completed):
 * both are a 409 to the person who sent it twice.
 */
async function twice<T>(send: () => Promise<T>): Promise<{ accepted: T[]; refused: HttpError[] }> {
  const outcomes = await Promise.allSettled([send(), send()]);
  const accepted = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<T>> => o.status === 'fulfilled').map((o) => o.value);
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => toHttpError(o.reason));
  return { accepted, refused };
}

test('a notification refused for good (550, no such mailbox) is recorded as notification.failed, shown to managers, and the cycle goes on', async () => {
  const { handle } = await startCycle('contract@refused.example');
  const events = await eventually(
    () => services.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: 'notification.failed' } }),
    (rows) => rows.length === 1,
  );
  expect(events).toHaveLength(1);
  const view = await handle.query(accountabilityCycleQuery);
  const report = view.tasks.find((t) => t.kind === 'accountabilityReport')!;
  expect(report).toMatchObject({ status: 'open' });
  expect(events[0]!.data).toMatchObject({ taskId: report.id, kind: 'task-assigned', recipients: ['contract@refused.example'] });
  expect((events[0]!.data as { error: string }).error).toMatch(/550|refused|rejected/i);
  expect(await services.db.prisma.notification.findMany({ where: { workflowId: handle.workflowId } })).toMatchObject([{ status: 'undeliverable', taskId: report.id }]);

  // The managers see it.
  const api = await buildApi({ prisma: services.db.prisma, temporal: env.client, taskQueue }, { logger: false });
  try {
    const overview = await api.inject({ method: 'GET', url: '/overview/failed-notifications', headers: await managerOf(commissioner) });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ workflowId: handle.workflowId, kind: 'task-assigned', recipients: ['contract@refused.example'], task: expect.objectContaining({ id: report.id }) })]),
    );
  } finally {
    await api.close();
  }

  // The cycle goes on: the report is delivered, the conversation planned and its invitation sent.
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: 'Rapportage geleverd' }] });
  const next = await eventually(() => handle.query(accountabilityCycleQuery), (v) => v.phase === 'conversation' && v.conversation !== undefined);
  expect(next.phase).toBe('conversation');
});

test("a contract whose row does not exist still becomes active: record.failed is recorded and shown to its commissioner's managers only", async () => {
  // As if the tender's recordContract never ran: no contract row (contractRow of test/fixtures/contract.ts not created).
  const input = zaanstadContract(toIsoDate(new Date()));
  const handle = await env.client.workflow.start<typeof contractTermWorkflow>('contractTermWorkflow', {
    taskQueue,
    workflowId: contractWorkflowId(input.contractId),
    args: [input],
  });
  const failures = await eventually(
    () => services.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: 'record.failed' } }),
    (rows) => rows.length === 1,
  );
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatchObject({ contractId: input.contractId });
  expect(failures[0]!.data).toMatchObject({
    activity: 'recordContractStatus',
    recordId: input.contractId,
    error: expect.stringMatching(/^recordContractStatus: /),
    event: { type: 'contract.active', data: expect.objectContaining({ startDate: input.startDate }) },
  });

  // The term goes on: active, running (not failed), its row still missing.
  expect((await handle.query(contractStateQuery)).status).toBe('active');
  expect((await handle.describe()).status.name).toBe('RUNNING');
  expect(await services.db.prisma.contract.findUnique({ where: { id: input.contractId } })).toBeNull();

  // The managers see it.
  const api = await buildApi({ prisma: services.db.prisma, temporal: env.client, taskQueue }, { logger: false });
  try {
    const overview = await api.inject({ method: 'GET', url: `/overview/failures?type=record.failed&contractId=${encodeURIComponent(input.contractId)}`, headers: await managerOf(commissioner) });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().failures).toEqual([
      expect.objectContaining({
        id: failures[0]!.id,
        type: 'record.failed',
        workflowId: handle.workflowId,
        contract: { id: input.contractId, lotId: null, lotTitle: null, commissioner: null, provider: null },
        error: expect.stringMatching(/^recordContractStatus: /),
        details: expect.objectContaining({ activity: 'recordContractStatus', recordId: input.contractId }),
      }),
    ]);
    // Its row is gone, so the failure names its owners: another municipality's manager does not see it.
    const elsewhere = await api.inject({ method: 'GET', url: `/overview/failures?type=record.failed&contractId=${encodeURIComponent(input.contractId)}`, headers: await managerOf('Gemeente Wormerland') });
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().failures).toEqual([]);
  } finally {
    await api.close();
    await handle.terminate('test done');
  }
});

test('a tender whose row has gone is still cancelled: every recordTenderState is recorded as record.failed', async () => {
  const tenderId = randomUUID();
  const launch = tenderLaunchSchema.parse(zaanstadLaunch(addDaysTo(toIsoDate(new Date()), 450)));
  const handle = await env.client.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
    taskQueue,
    workflowId: tenderWorkflowId(tenderId),
    args: [{ tenderId, launch }],
  });
  await handle.executeUpdate(launchRecordedUpdate);
  await eventually(() => services.db.prisma.task.count({ where: { tenderId } }), (count) => count > 0);
  await services.db.prisma.tender.delete({ where: { id: tenderId } });

  const timeline = await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Raad kiest voor subsidie' }] });
  expect(timeline).toMatchObject({ status: 'cancelled', phase: 'cancelled' });
  expect((await handle.result()).status).toBe('cancelled');
  const failures = await services.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: 'record.failed' }, orderBy: { occurredAt: 'asc' } });
  expect(failures.length).toBeGreaterThanOrEqual(1);
  expect(failures.map((f) => f.data)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ activity: 'recordTenderState', recordId: tenderId, event: expect.objectContaining({ type: 'tender.cancelled', data: { reason: 'Raad kiest voor subsidie' } }) }),
    ]),
  );

  const api = await buildApi({ prisma: services.db.prisma, temporal: env.client, taskQueue }, { logger: false });
  try {
    const overview = await api.inject({ method: 'GET', url: `/overview/failures?tenderId=${tenderId}`, headers: await managerOf(commissioner) });
    expect(overview.json().failures.map((f: { id: string }) => f.id).sort()).toEqual(failures.map((f) => f.id).sort());
  } finally {
    await api.close();
  }
});

test('the same Update sent twice at once is accepted once and refused once (state changes before the first await)', async () => {
  const { handle } = await startCycle('contract@dock.example');
  const report = (await eventually(() => handle.query(accountabilityCycleQuery), (v) => v.tasks.length > 0)).tasks[0]!;

  const completions = await twice(() =>
    handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: 'Rapportage geleverd' }] }),
  );
  expect(completions.accepted).toHaveLength(1);
  expect(completions.refused.map((r) => r.statusCode)).toEqual([409]);
  expect(await services.db.prisma.event.count({ where: { workflowId: handle.workflowId, type: 'task.completed' } })).toBe(1);

  await eventually(() => handle.query(accountabilityCycleQuery), (v) => v.phase === 'conversation' && v.conversation !== undefined);
  const outcome = { by: contractManager, figures: [{ kpi: 'Bereik', value: 412 }], narratives: [], story: 'Het bereik steeg door de inloop in het buurthuis.', agreements: [] };
  const outcomes = await twice(() => handle.executeUpdate(recordAccountabilityOutcomeUpdate, { args: [outcome] }));
  expect(outcomes.accepted).toHaveLength(1);
  expect(outcomes.refused.map((r) => r.statusCode)).toEqual([409]);
  const recorded = await services.db.prisma.event.findMany({ where: { workflowId: handle.workflowId }, select: { type: true } });
  expect(recorded.filter((e) => e.type === 'task.completed')).toHaveLength(2); // the report and the conversation, each once
});
