import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { failureTypes } from '../../domain/errors';

/** Refusals of an action on a running workflow; the API maps their type to an HTTP status. */
export const refuse = {
  notFound: (message: string) => ApplicationFailure.create({ type: failureTypes.notFound, message, nonRetryable: true }),
  conflict: (message: string) => ApplicationFailure.create({ type: failureTypes.conflict, message, nonRetryable: true }),
  forbidden: (message: string) => ApplicationFailure.create({ type: failureTypes.forbidden, message, nonRetryable: true }),
  invalid: (field: string, message: string) =>
    ApplicationFailure.create({ type: failureTypes.invalidArgument, message, details: [{ field }], nonRetryable: true }),
};

/** Parses an Update's argument with its schema; a bad argument is refused naming the field. */
export function parseUpdateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw refuse.invalid(issue.path.join('.') || '(body)', issue.message);
  }
  return result.data;
}
