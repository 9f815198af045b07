/** Drives a tender workflow the way its users would: through its Updates, as the owner of each task. */
import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { IsoDate } from '../../domain/dates';
import type { TenderPhase } from '../../domain/glossary';
import type { SupervisedTaskView } from '../../workflows/shared/task-supervision';
import {
  completeTaskUpdate,
  type TaskView,
  type TenderTimeline,
  tenderTimelineQuery,
} from '../../workflows/tender/tender-definitions';

export type TenderHandle = WorkflowHandle;

export function openTasks(timeline: TenderTimeline): TaskView[] {
  return timeline.milestones.flatMap((m) => m.tasks).filter((t) => t.status === 'open');
}

/** Polls the timeline query until `predicate` holds (workflow progress after an Update is asynchronous). */
export async function waitForTimeline(handle: TenderHandle, predicate: (t: TenderTimeline) => boolean, timeoutMs = 30_000): Promise<TenderTimeline> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const timeline = await handle.query(tenderTimelineQuery);
    if (predicate(timeline)) return timeline;
    if (Date.now() > deadline) throw new Error(`Timed out in phase ${timeline.phase}: ${JSON.stringify(openTasks(timeline).map((t) => t.id))}`);
    await delay(100);
  }
}

export function waitForPhase(handle: TenderHandle, phase: TenderPhase): Promise<TenderTimeline> {
  return waitForTimeline(handle, (t) => t.phase === phase && (phase === 'standstill' || openTasks(t).length > 0 || t.status !== 'active'));
}

/** Completes every open task as its owner role. */
export async function completeOpenTasks(handle: TenderHandle, outcome = 'Afgerond'): Promise<SupervisedTaskView[]> {
  const timeline = await handle.query(tenderTimelineQuery);
  const done: SupervisedTaskView[] = [];
  for (const task of openTasks(timeline)) {
    done.push(await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, by: { role: task.role, organisation: task.organisation }, outcome }] }));
  }
  return done;
}

export interface StepOptions {
  /**
   * A submission deadline closes on its date, not earlier (the workflow refuses to complete it
   * before): called with that date before the step is completed, to let time reach it.
   */
  waitUntil?: (date: IsoDate) => Promise<void>;
}

/** Completes one step after another until the tender reaches `phase`. */
export async function completeStepsUntil(handle: TenderHandle, phase: TenderPhase, options: StepOptions = {}): Promise<TenderTimeline> {
  for (;;) {
    const timeline = await waitForTimeline(handle, (t) => openTasks(t).length > 0 || t.status !== 'active');
    if (timeline.phase === phase) return timeline;
    if (timeline.phase === 'submissionDeadline' && options.waitUntil) {
      await options.waitUntil(timeline.milestones.find((m) => m.key === 'submissionDeadline')!.dueDate);
    }
    await completeOpenTasks(handle);
    await waitForTimeline(handle, (t) => t.phase !== timeline.phase || t.status !== 'active');
  }
}

/**
 * Waits until the workflows have no activity in flight. Skip time only then: the time-skipping
 * server also skips an activity's start-to-close timeout while it runs, and the retry of a
 * notification that may still be in flight is held off by its claim (at most once). Returns the last
 * descriptions (in the order of `handles`), which also tell which workflows have closed.
 */
export async function waitUntilIdle(handles: WorkflowHandle[], timeoutMs = 30_000): Promise<WorkflowExecutionDescription[]> {
  const deadline = Date.now() + timeoutMs;
  let descriptions: WorkflowExecutionDescription[] = [];
  // Idle on three polls in a row: an activity may be scheduled by the workflow task after the one just done.
  for (let idlePolls = 0; idlePolls < 3; ) {
    descriptions = await Promise.all(handles.map((handle) => handle.describe()));
    const busy = descriptions.filter(
      (d) => d.status.name === 'RUNNING' && ((d.raw.pendingActivities?.length ?? 0) > 0 || d.raw.pendingWorkflowTask != null),
    );
    idlePolls = busy.length === 0 ? idlePolls + 1 : 0;
    if (busy.length > 0 && Date.now() > deadline) throw new Error(`Activities still in flight in ${busy.map((d) => d.workflowId).join(', ')}`);
    await delay(50);
  }
  return descriptions;
}

/**
 * Waits until the workflows have closed, without skipping time. After a cancel request, "idle" is
 * not enough: between the requester's workflow task and the request reaching the target, neither
 * has work pending, and under load three idle polls can fall in that gap.
 */
export async function waitUntilClosed(handles: WorkflowHandle[], timeoutMs = 30_000): Promise<WorkflowExecutionDescription[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const descriptions = await Promise.all(handles.map((handle) => handle.describe()));
    const open = descriptions.filter((d) => d.status.name === 'RUNNING');
    if (open.length === 0) return descriptions;
    if (Date.now() > deadline) throw new Error(`Still running after ${timeoutMs} ms: ${open.map((d) => d.workflowId).join(', ')}`);
    await delay(50);
  }
}

/** Skips simulated time on a time-skipping server in steps of `stepDays`, letting the workflows settle before each step and after the last. */
export async function skipDays(env: Pick<TestWorkflowEnvironment, 'sleep'>, handles: WorkflowHandle[], days: number, stepDays = 15): Promise<void> {
  for (let done = 0; done < days; done += stepDays) {
    await waitUntilIdle(handles);
    await env.sleep(Math.min(stepDays, days - done) * 24 * 60 * 60 * 1000);
  }
  await waitUntilIdle(handles);
}
