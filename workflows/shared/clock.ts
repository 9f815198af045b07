import { toIsoDate } from '../../domain/dates';

/**
 * Workflow time. Inside a workflow `new Date()` returns the time of the current workflow task,
 * replayed from history, so it is deterministic.
 */
export function now(): Date {
  return new Date();
}

export function today(): string {
  return toIsoDate(now());
}

/** Milliseconds from now until `at` (0 when it has passed). */
export function msUntil(at: Date): number {
  return Math.max(0, at.getTime() - now().getTime());
}
