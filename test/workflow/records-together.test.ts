/**
 * Records of one moment written together (workflows/accountability-cycle, `patched('accountability-records-together')`):
 * a cycle records its start with its report task's opening, and the outcome with the conversation's
 * completion, each in one local activity; a reminder's, an escalation's and the invitation's record are
 * written by the mail's own activity once the mail is out. A cycle started on the release before keeps
 * writing them apart when the current code takes it over, and the history both releases wrote replays.
 */
import { randomUUID } from 'node:crypto';
import type { History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { toIsoDate } from '../../domain/dates';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { RECORDS_TOGETHER_PATCH, type accountabilityCycleWorkflow } from '../../workflows/accountability-cycle/accountability-cycle';
import { accountabilityWorkflowId, completeAccountabilityTaskUpdate, recordAccountabilityOutcomeUpdate } from '../../workflows/accountability-cycle/accountability-definitions';
import { contractContact, contractManager, quarterCycleInput } from '../fixtures/accountability';
import { type CycleHandle, waitForCycle } from '../helpers/accountability-driver';
import { activityTasks, localActivities, patchMarkerAt } from '../helpers/history-markers';
import { stopWorker, useReleasedWorkers } from '../helpers/released-workers';
import { type Harness, quietLogger, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { waitUntilIdle } from '../helpers/tender-driver';

const DAY = 24 * 60 * 60 * 1000;

/** The last release that writes a cycle's records one after another. */
const BEFORE_RECORDS_TOGETHER = '948c952';

const startWorker = useReleasedWorkers();
const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

/** A cycle of the quarter that ended yesterday, on `taskQueue`. */
async function startCycle(taskQueue: string): Promise<CycleHandle> {
  const input = quarterCycleInput(toIsoDate(new Date(await h.env.currentTimeMs())));
  return h.env.client.workflow.start<typeof accountabilityCycleWorkflow>('accountabilityCycleWorkflow', {
    taskQueue,
    workflowId: accountabilityWorkflowId(input.contractId, input.period.index),
    args: [input],
  });
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

/** What PostgreSQL holds of the cycle: each event once, both tasks done. */
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
  const old = await startWorker(h, taskQueue, BEFORE_RECORDS_TOGETHER);
  const handle = await startCycle(taskQueue);
  await waitForCycle(handle, (v) => v.tasks.length > 0);
  await waitUntilIdle([handle]);
  await stopWorker(old);

  await startWorker(h, taskQueue);
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
  const current = await bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger });
  await Worker.runReplayHistory({ workflowBundle: current }, history, handle.workflowId);
});
