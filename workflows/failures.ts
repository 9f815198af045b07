import { ApplicationFailure } from '@temporalio/workflow';
import { failureTypes } from '../domain/errors';

/** Refusals of an action on a running workflow; the API maps their type to an HTTP status. */
export const refuse = {
  notFound: (message: string) => ApplicationFailure.create({ type: failureTypes.notFound, message, nonRetryable: true }),
  conflict: (message: string) => ApplicationFailure.create({ type: failureTypes.conflict, message, nonRetryable: true }),
  forbidden: (message: string) => ApplicationFailure.create({ type: failureTypes.forbidden, message, nonRetryable: true }),
  invalid: (field: string, message: string) =>
    ApplicationFailure.create({ type: failureTypes.invalidArgument, message, details: [{ field }], nonRetryable: true }),
};
