/**
 * Records of one moment written together (workflows/accountability-cycle, `patched('accountability-records-together')`):
 * a cycle records its start with its report task's opening, and the outcome with the conversation's
 * completion, each in one local activity; a reminder's, an escalation's and the invitation's record are
 * written by the mail's own activity once the mail is out. A cycle started on the release before keeps writing them
 * apart when the current code takes it over, and the history both releases wrote replays.
 */
import { randomUUID } from 'node:crypto';
import type { History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import type { AccountabilityPeriod } from '../../domain/contract-schedule';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { RECORDS_TOGETHER_PATCH, type accountabilityCycleWorkflow } from '../../workflows/accountability-cycle/accountability-cycle';
import {
  type AccountabilityCycleInput,
  accountabilityCycleQuery,
  type AccountabilityCycleView,
  accountabilityWorkflowId,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from '../../workflows/accountability-cycle/accountability-definitions';
import { contractWorkflowId } from '../../workflows/contract-term/contract-definitions';
import { activityTasks, localActivities, patchMarkerAt } from '../helpers/history-markers';
import { startReleasedWorker, type StartedWorker, stopWorker } from '../helpers/released-workers';
import { type Harness, quietLogger, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;

/** The last release that writes a cycle's records one after another. */
const BEFORE_RECORDS_TOGETHER = '948c952';

const commissioner = 'Gemeente Zaanstad';
const provider = 'DOCK';
const contractManager = { role: 'contractManager', organisation: commissioner, name: 'C. Manager' } as const;
const contractContact = { role: 'contractContact', organisation: provider, name: 'D. Contact' } as const;

const workers: StartedWorker[] = [];
// Registered before the harness's hooks, so these workers stop before its server does.
afterEach(async () => {
  for (const started of workers.splice(0)) await stopWorker(started);
});
const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

type CycleHandle = WorkflowHandle<typeof accountabilityCycleWorkflow>;

/** A quarter that ended yesterday, on `taskQueue`: the report due in 29 days, the conversation 21 days later. */
async function startCycle(taskQueue: string): Promise<CycleHandle> {
  const today = toIsoDate(new Date(await h.env.currentTimeMs()));
  const contractId = randomUUID();
  const reportDue = addDaysTo(today, 29);
  const period: AccountabilityPeriod = { index: 1, from: addDaysTo(today, -91), to: addDaysTo(today, -1), reportDue, conversationDue: addDaysTo(reportDue, 21), contractYear: 1 };
  const input: AccountabilityCycleInput = {
    contractId,
    contractWorkflowId: contractWorkflowId(contractId),
    title: 'Sociale Wijkteams Zaanstad 2027, perceel Zaanstad Noord',
    commissioner,
    provider,
    period,
    kpis: [{ name: 'Bereik', definition: 'Aantal inwoners met een hulpvraag dat binnen 5 werkdagen is gesproken', measurable: true }],
    stakeholders: [
      { role: 'contractManager', organisation: commissioner, email: 'contractmanagement@zaanstad.example' },
      { role: 'manager', organisation: commissioner, email: 'manager-sociaal-domein@zaanstad.example' },
      { role: 'contractContact', organisation: provider, email: 'contract@dock.example' },
    ],
    reminderDaysBefore: [14, 3],
  };
  return h.env.client.workflow.start<typeof accountabilityCycleWorkflow>('accountabilityCycleWorkflow', { taskQueue, workflowId: accountabilityWorkflowId(contractId, period.index), args: [input] });
}

async function waitForCycle(handle: CycleHandle, predicate: (v: AccountabilityCycleView) => boolean): Promise<AccountabilityCycleView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = await handle.query(accountabilityCycleQuery);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`Timed out in phase ${view.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The report delivered, the conversation planned, the outcome recorded (no follow-ups): the cycle closes. */
async function liveThrough(handle: CycleHandle): Promise<void> {
  const report = (await waitForCycle(handle, (v) => v.tasks.length > 0)).tasks[0]!;
  await handle.executeUpdate(completeAccountabilityTaskUpdate, { args: [{ taskId: report.id, by: contractContact, outcome: 'Rapportage aangeleverd' }] });
  await waitForCycle(handle, (v) => v.phase === 'conversation' && v.conversation !== undefined);
  await handle.executeUpdate(recordAccountabilityOutcomeUpdate, {
    args: [{ by: contractManager, figures: [{ kpi: 'Bereik', value: 412 }], narratives: [], story: 'Het bereik steeg door de inloop in het buurthuis.', agreements: [], followUps: [] }],
  });
  await handle.result();
}

/** What PostgreSQL holds of the cycle: each event type once, both tasks done. */
async function expectRecordedOnce(handle: CycleHandle): Promise<void> {
  const events = await h.db.prisma.event.findMany({ where: { workflowId: handle.workflowId }, select: { type: true } });
  expect(events.map((e) => e.type).sort()).toEqual(
    [
      'accountability.conversationPlanned',
      'accountability.cycleCompleted',
      'accountability.cycleStarted',
      'accountability.outcomeRecorded',
      'task.completed',
      'task.completed',
      'task.opened',
      'task.opened',
    ].sort(),
  );
  const tasks = await h.db.prisma.task.findMany({ where: { workflowId: handle.workflowId }, orderBy: { openedAt: 'asc' } });
  expect(tasks.map((t) => [t.kind, t.status])).toEqual([
    ['accountabilityReport', 'done'],
    ['accountabilityConversation', 'done'],
  ]);
}

async function replays(handle: CycleHandle, history: History): Promise<void> {
  const current = await bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger });
  await Worker.runReplayHistory({ workflowBundle: current }, history, handle.workflowId);
}

test("a cycle records its start with its report task, and the outcome with the conversation's completion, each in one write", async () => {
  const handle = await startCycle(h.taskQueue);
  await liveThrough(handle);
  await expectRecordedOnce(handle);

  const events = (await handle.fetchHistory()).events ?? [];
  expect(patchMarkerAt(events, RECORDS_TOGETHER_PATCH)).toBeGreaterThan(0);
  expect(localActivities(events)).toEqual([
    'recordTask', // the cycle started, its report task opened
    'recordTask', // the report delivered
    'recordTask', // the conversation opened (the invitation's activity records the conversation planned)
    'recordAccountabilityOutcome', // the outcome, the conversation completed
    'recordEvent', // the cycle completed
  ]);
});

test("a late report's reminders and escalation are recorded by their mails' activities, each once", async () => {
  const handle = await startCycle(h.taskQueue);
  await waitForCycle(handle, (v) => v.tasks.length > 0);
  await waitUntilIdle([handle]);
  await h.env.sleep((29 + 2) * DAY); // past the reminders (14 and 3 days before) and the first escalation (the morning after)
  await waitUntilIdle([handle]);

  const recorded = await h.db.prisma.event.findMany({ where: { workflowId: handle.workflowId, type: { in: ['task.reminderSent', 'task.escalated'] } }, orderBy: { occurredAt: 'asc' } });
  expect(recorded.map((e) => e.type)).toEqual(['task.reminderSent', 'task.reminderSent', 'task.escalated']);
  const report = await h.db.prisma.task.findFirstOrThrow({ where: { workflowId: handle.workflowId, kind: 'accountabilityReport' } });
  expect(report.escalatedAt?.getTime()).toBe(recorded[2]!.occurredAt.getTime());
  const sent = await h.db.prisma.notification.findMany({ where: { workflowId: handle.workflowId, kind: { in: ['reminder', 'escalation'] } } });
  expect(sent.map((n) => [n.kind, n.status]).sort()).toEqual([['escalation', 'sent'], ['reminder', 'sent'], ['reminder', 'sent']]);

  // The workflow wrote only the cycle's start; the alerts' records came with their mails.
  const events = (await handle.fetchHistory()).events ?? [];
  expect(localActivities(events)).toEqual(['recordTask']);
  expect(activityTasks(events)).toEqual(['sendNotification', 'sendNotification', 'sendNotification', 'sendNotification']);
  await handle.terminate('test done');
});

test('a cycle started on the release before keeps writing its records apart under the current code, and the joint history replays', async () => {
  const taskQueue = `records-together-${randomUUID()}`;
  const old = await startReleasedWorker(h, taskQueue, BEFORE_RECORDS_TOGETHER);
  workers.push(old);
  const handle = await startCycle(taskQueue);
  await waitForCycle(handle, (v) => v.tasks.length > 0);
  await waitUntilIdle([handle]);
  await stopWorker(old);

  workers.push(await startReleasedWorker(h, taskQueue));
  await liveThrough(handle);
  await expectRecordedOnce(handle);

  const history: History = await handle.fetchHistory();
  const events = history.events ?? [];
  expect(patchMarkerAt(events, RECORDS_TOGETHER_PATCH)).toBe(-1);
  expect(localActivities(events)).toEqual([
    'recordEvent', // the cycle started
    'recordTask', // its report task opened
    'recordTask', // the report delivered (current code from here on)
    'recordTask', // the conversation opened
    'recordEvent', // the conversation planned
    'recordAccountabilityOutcome', // the outcome
    'recordTask', // the conversation completed
    'recordEvent', // the cycle completed
  ]);
  await replays(handle, history);
});
