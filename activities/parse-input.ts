import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';

export const InvalidActivityInput = 'InvalidActivityInput';

/** Validates an activity's input; a bad input is a bug in the caller, so retrying cannot help. */
export function parseActivityInput<S extends z.ZodType>(schema: S, input: unknown, activity: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw ApplicationFailure.nonRetryable(`${activity}: invalid input: ${z.prettifyError(result.error)}`, InvalidActivityInput);
  }
  return result.data;
}
