import { ApplicationFailure } from '@temporalio/common';

/** An activity updated a record that does not exist: retrying cannot make it appear (Prisma P2025). */
export const RecordNotFound = 'RecordNotFound';

/** Prisma's "an operation failed because it depends on one or more records that were required but not found". */
const PRISMA_RECORD_NOT_FOUND = 'P2025';

function isRecordNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === PRISMA_RECORD_NOT_FOUND;
}

/**
 * The activity, with the failures that retrying cannot cure made non-retryable with their own type,
 * so Temporal does not retry them for ever: a record that does not exist. Everything else (a database
 * that is down, a timeout) is thrown as it was and retried.
 */
export function withPermanentFailures<A extends unknown[], R>(name: string, activity: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const wrapped = async (...args: A): Promise<R> => {
    try {
      return await activity(...args);
    } catch (error) {
      if (isRecordNotFound(error)) {
        const message = error instanceof Error ? error.message.trim().split('\n').at(-1)! : String(error);
        throw ApplicationFailure.create({ type: RecordNotFound, message: `${name}: ${message}`, nonRetryable: true, cause: error instanceof Error ? error : undefined });
      }
      throw error;
    }
  };
  // Temporal registers an activity under its property name; keep the function's own name for stack traces.
  Object.defineProperty(wrapped, 'name', { value: activity.name || name });
  return wrapped;
}

/** Every activity of `activities` wrapped by withPermanentFailures. */
export function withPermanentFailuresAll<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [name, withPermanentFailures(name, activity as (...args: unknown[]) => Promise<unknown>)]),
  ) as unknown as T;
}
