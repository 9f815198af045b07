/**
 * Reading what a workflow's history says about its activities and patches: the activity tasks it
 * scheduled, the local activities it ran (a `core_local_activity` marker each) and where a patch
 * was first asked (its `core_patch` marker).
 */
import type { History } from '@temporalio/common/lib/proto-utils';

export type IEvent = NonNullable<History['events']>[number];

/** The JSON detail `key` of a marker event (the SDK core writes its marker data as JSON payloads). */
export function markerData(event: IEvent, key: string): unknown {
  const data = event.markerRecordedEventAttributes?.details?.[key]?.payloads?.[0]?.data;
  return data ? JSON.parse(Buffer.from(data).toString('utf8')) : undefined;
}

/** The activity types scheduled as activity tasks, in order. */
export function activityTasks(events: IEvent[]): string[] {
  return events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

/** The activity types run as local activities (a `core_local_activity` marker each), in order. */
export function localActivities(events: IEvent[]): string[] {
  return events.flatMap((e) => (e.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? [(markerData(e, 'data') as { activity_type: string }).activity_type] : []));
}

/** The index of the marker of `patchId`, or -1 when the history never asked it. */
export function patchMarkerAt(events: IEvent[], patchId: string): number {
  return events.findIndex((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch' && (markerData(e, 'patch-data') as { id: string }).id === patchId);
}
