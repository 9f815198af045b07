/**
 * Workflows of bench/local-activity-hops.ts: one activity after another, nothing else, so the time
 * per call is the hop through the worker (and, for recordEvent, regie's write).
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { EventRecord } from '../../activities/schemas/records';
import type { NoopActivities } from './noop-activities';

interface Hops extends NoopActivities {
  recordEvent(event: EventRecord): Promise<void>;
}

const local = proxyLocalActivities<Hops>({ startToCloseTimeout: '1 minute' });
const remote = proxyActivities<Hops>({ startToCloseTimeout: '1 minute' });

export async function localNoops(calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await local.noop();
}

export async function remoteNoops(calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await remote.noop();
}

/** `calls` events recorded as local activities, ids `${prefix}-<i>` (the event as regie writes one). */
export async function localRecordEvents(calls: number, prefix: string, event: Omit<EventRecord, 'id'>): Promise<void> {
  for (let i = 0; i < calls; i++) await local.recordEvent({ ...event, id: `${prefix}-${i}` });
}
