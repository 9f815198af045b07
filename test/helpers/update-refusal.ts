/** Sends an Update that the workflow must refuse, and returns the refusal its validator threw. */
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { waitUntilIdle } from './tender-driver';

/**
 * Waits until the workflow is idle first: the time-skipping test server may answer an Update that
 * is rejected while a workflow task is in flight with NOT_FOUND instead of the validator's failure.
 */
export async function refusal(handle: WorkflowHandle, send: () => Promise<unknown>): Promise<ApplicationFailure> {
  await waitUntilIdle([handle]);
  const error = await send().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
