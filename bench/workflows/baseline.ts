/**
 * Baseline workflows of the benchmarks (bundled on their own, run on their own task queue):
 * `timersAndActivitiesWorkflow` does the same count of timers and no-op activities as a measured
 * regie run, over the same simulated time; `noopWorkflow` just returns; `sleepingWorkflow` sleeps 30 days.
 */
import { allHandlersFinished, condition, continueAsNew, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { NoopActivities } from './noop-activities';

// The same options as the regie activities (workflows/shared/activities.ts).
const { noop } = proxyActivities<NoopActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * One person's action as an Update that awaits one no-op activity: what completing a task costs
 * Temporal (regie's Update handlers record the change with one activity before they answer).
 */
export const actUpdate = defineUpdate<number>('act');

export interface TimersAndActivities {
  timers: number;
  /** Activities of the workflow itself, besides those of the Updates (one each). */
  activities: number;
  /** Simulated time the timers span together (ms): each timer lasts totalMs / timers. */
  totalMs: number;
  /** Carried over continue-as-new: timers and activities already done, and the Updates' activities. */
  from?: { timers: number; activities: number; updates?: number };
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * `timers` timers one after the other, the activities spread evenly between them, and every `act`
 * Update the driver sends. Continues as new once per simulated year, as the contract term does (and
 * because the test server ends a run after ten years). Returns all activities done.
 */
export async function timersAndActivitiesWorkflow(args: TimersAndActivities): Promise<number> {
  const { timers, activities, totalMs } = args;
  const timerMs = Math.max(1, Math.floor(totalMs / Math.max(1, timers)));
  const first = args.from?.timers ?? 0;
  let done = args.from?.activities ?? 0;
  let updates = args.from?.updates ?? 0;
  setHandler(actUpdate, async () => {
    await noop();
    return ++updates;
  });
  for (let i = first; i < Math.max(timers, 1); i++) {
    if ((i - first) * timerMs >= YEAR_MS) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof timersAndActivitiesWorkflow>({ ...args, from: { timers: i, activities: done, updates } });
    }
    if (i < timers) await sleep(timerMs);
    // After timer i, the activities up to its share of the total.
    const upTo = timers > 0 ? Math.round((activities * (i + 1)) / timers) : activities;
    for (; done < upTo; done++) await noop();
  }
  await condition(allHandlersFinished);
  return done + updates;
}

export async function noopWorkflow(): Promise<void> {
  // Returns at once: its first workflow task completes it.
}

/** Sleeps 30 days: the least a workflow can keep in the worker's cache (the heap benchmark's baseline). */
export async function sleepingWorkflow(): Promise<void> {
  await sleep(30 * 24 * 60 * 60 * 1000);
}
