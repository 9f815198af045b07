/**
 * Each activity's real time inside the worker, read by an activity interceptor: how long its function
 * ran, and, for a local activity, how long it waited from being scheduled (by the SDK core, on the
 * worker's clock) to the start of its function. An activity task's scheduled time is the server's,
 * which on the time-skipping server includes the skipped time, so only local activities get the wait.
 * For the lifecycle benchmark, where the history gives local activities no duration.
 */
import { performance } from 'node:perf_hooks';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';

export interface ActivityTiming {
  interceptors: { activity: ActivityInterceptorsFactory[] };
  /** Milliseconds per activity type: the function's run (`ran`) and, for local activities, the wait before it (`waited`). */
  times: Map<string, { local: boolean; ran: number[]; waited: number[] }>;
}

export function activityTiming(): ActivityTiming {
  const times: ActivityTiming['times'] = new Map();
  const factory: ActivityInterceptorsFactory = (ctx) => {
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input, next) {
        const { info } = ctx;
        const entry = times.get(info.activityType) ?? { local: info.isLocal, ran: [], waited: [] };
        times.set(info.activityType, entry);
        if (info.isLocal) entry.waited.push(Date.now() - info.currentAttemptScheduledTimestampMs);
        const started = performance.now();
        try {
          return await next(input);
        } finally {
          entry.ran.push(performance.now() - started);
        }
      },
    };
    return { inbound };
  };
  return { interceptors: { activity: [factory] }, times };
}
