/**
 * The records as local activities (workflows/shared/activities.ts, `patched('records-as-local-activities')`):
 * a workflow started on the release before them records through activity tasks; taken over by the
 * current code, it records in its worker from then on. Its Updates still answer only once their change
 * is in PostgreSQL, each row is written once, and the history the two releases wrote together replays
 * on the current code.
 */
import { randomUUID } from 'node:crypto';
import type { History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { addDaysTo, toIsoDate } from '../../domain/dates';
import { tenderLaunchSchema } from '../../domain/schemas/tender-launch';
import { workflowBundleOptions } from '../../worker/workflow-bundle';
import { LOCAL_RECORDS_PATCH } from '../../workflows/shared/activities';
import { cancelTenderUpdate, completeTaskUpdate, launchRecordedUpdate, tenderTimelineQuery, tenderWorkflowId } from '../../workflows/tender/tender-definitions';
import { manager, zaanstadLaunch } from '../fixtures/zaanstad';
import { type StartedWorker, stopWorker, useReleasedWorkers } from '../helpers/released-workers';
import { type Harness, quietLogger, useTimeSkippingWorker } from '../helpers/regie-worker';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { openTasks, waitUntilIdle } from '../helpers/tender-driver';
import { activityTasks, localActivities, markerData, patchMarkerAt } from '../helpers/history-markers';

/** The last release that records through activity tasks. */
const BEFORE_LOCAL_RECORDS = '4facfa3';

const startWorkerOn = useReleasedWorkers();
const currentHarness = useTimeSkippingWorker(createTimeSkippingEnv);
let h: Harness;
beforeEach(() => {
  h = currentHarness();
});

const startWorker = (taskQueue: string, commit?: string): Promise<StartedWorker> => startWorkerOn(h, taskQueue, commit);

test('a tender launched before local records records through activity tasks; the current code takes it over, records locally, answers its Updates after the write, and the joint history replays', async () => {
  const taskQueue = `local-records-${randomUUID()}`;
  const old = await startWorker(taskQueue, BEFORE_LOCAL_RECORDS);
  const tenderId = randomUUID();
  const launch = tenderLaunchSchema.parse(zaanstadLaunch(addDaysTo(toIsoDate(new Date(await h.env.currentTimeMs())), 450)));
  const handle = await h.env.client.workflow.start('tenderPreparationWorkflow', { taskQueue, workflowId: tenderWorkflowId(tenderId), args: [{ tenderId, launch }] });
  await handle.executeUpdate(launchRecordedUpdate);
  await waitUntilIdle([handle]);
  await stopWorker(old);

  await startWorker(taskQueue);
  const open = openTasks(await handle.query(tenderTimelineQuery));
  expect(open.length).toBeGreaterThan(0);
  for (const task of open) {
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, by: { role: task.role, organisation: task.organisation }, outcome: 'Afgerond' }] });
    // The Update answered: its record is already in PostgreSQL (read-your-writes, as before).
    expect(await h.db.prisma.task.findUnique({ where: { id: task.id } })).toMatchObject({ status: 'done' });
  }
  await waitUntilIdle([handle]);
  await handle.executeUpdate(cancelTenderUpdate, { args: [{ by: manager, reason: 'Test afgerond' }] });
  await handle.result();
  expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ status: 'cancelled' });

  const history: History = await handle.fetchHistory();
  const events = history.events ?? [];
  const switchedAt = patchMarkerAt(events, LOCAL_RECORDS_PATCH);
  expect(switchedAt).toBeGreaterThan(0);
  const [before, after] = [events.slice(0, switchedAt), events.slice(switchedAt)];
  // The old release: every record an activity task.
  expect(activityTasks(before)).toEqual(expect.arrayContaining(['recordTenderLaunched', 'recordTenderState', 'recordTask', 'sendNotification']));
  expect(localActivities(before)).toEqual([]);
  // The current code: records in the worker, mail still through an activity task.
  expect(activityTasks(after).filter((type) => type.startsWith('record'))).toEqual([]);
  expect(localActivities(after)).toEqual(expect.arrayContaining(['recordTask', 'recordTenderState']));
  expect(activityTasks(after)).toContain('sendNotification');

  // Each row once: one completion event per completed task, one row per task.
  const completions = await h.db.prisma.event.findMany({ where: { tenderId, type: 'task.completed' } });
  expect(completions.map((e) => (e.data as { taskId: string }).taskId).sort()).toEqual(open.map((t) => t.id).sort());

  const current = await bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger });
  await Worker.runReplayHistory({ workflowBundle: current }, history, tenderWorkflowId(tenderId));
});

test('a database down for longer than the worker retries in place (1 minute): the record waits on a timer in the history, then is written once', async () => {
  // The tender table gone stands for PostgreSQL refusing the write: every attempt fails and is retried.
  await h.db.prisma.$executeRawUnsafe('ALTER TABLE "tender" RENAME TO "tender_away"');
  const tenderId = randomUUID();
  const launch = tenderLaunchSchema.parse(zaanstadLaunch(addDaysTo(toIsoDate(new Date(await h.env.currentTimeMs())), 450)));
  const handle = await h.env.client.workflow.start('tenderPreparationWorkflow', { taskQueue: h.taskQueue, workflowId: tenderWorkflowId(tenderId), args: [{ tenderId, launch }] });

  // Attempts after 1, 2, 4, 8, 16 and 32 s run in the worker (63 s of real time); the next back-off (64 s) is
  // longer than localRetryThreshold, so the SDK records the failed attempt and sleeps on a timer.
  const backedOff = async () => {
    const events = (await handle.fetchHistory()).events ?? [];
    const failed = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').map((e) => markerData(e, 'data') as { activity_type: string; attempt: number; backoff: unknown });
    return failed.some((m) => m.activity_type === 'recordTenderLaunched' && m.backoff != null) && events.some((e) => e.timerStartedEventAttributes);
  };
  const deadline = Date.now() + 120_000;
  while (!(await backedOff())) {
    if (Date.now() > deadline) throw new Error('no back-off timer after 120 s');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  expect(await h.db.prisma.event.count({ where: { workflowId: handle.workflowId } })).toBe(0);

  // The database is back; the timer is skipped and the next attempt writes the launch, once.
  await h.db.prisma.$executeRawUnsafe('ALTER TABLE "tender_away" RENAME TO "tender"');
  await h.env.sleep(5 * 60 * 1000);
  const launched = await handle.executeUpdate(launchRecordedUpdate);
  expect(launched.phase).toBe('currentContractEvaluation');
  expect(await h.db.prisma.tender.findUnique({ where: { id: tenderId } })).toMatchObject({ status: 'active' });
  expect(await h.db.prisma.event.count({ where: { workflowId: handle.workflowId, type: 'tender.launched' } })).toBe(1);
}, 240_000);
