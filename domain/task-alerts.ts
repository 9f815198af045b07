/**
 * When a task's reminders and escalation are due. Pure: the workflow asks for the next alert and
 * sleeps until then; a shifted due date gives new alerts (their keys carry the due date).
 */
import { addDaysTo, type IsoDate, notificationMoment } from './dates';

export const DEFAULT_REMINDER_DAYS = [14, 3] as const;

export type AlertKind = 'reminder' | 'escalation';

export interface TaskAlert {
  /** Unique per task, kind and due date: the notification's idempotency key. */
  key: string;
  kind: AlertKind;
  at: Date;
  daysBeforeDue?: number;
}

export interface AlertRequest {
  taskId: string;
  dueDate: IsoDate;
  reminderDaysBefore: readonly number[];
  /** When the task was opened (or last re-planned): reminders already past are not sent late. */
  openedAt: Date;
}

/** Reminders before the due date, then one escalation the morning after it, in time order. */
export function planTaskAlerts(request: AlertRequest): TaskAlert[] {
  const reminders: TaskAlert[] = [...new Set(request.reminderDaysBefore)]
    .filter((days) => days > 0)
    .map((days) => ({
      key: `${request.taskId}:reminder-${days}d:${request.dueDate}`,
      kind: 'reminder' as const,
      at: notificationMoment(addDaysTo(request.dueDate, -days)),
      daysBeforeDue: days,
    }))
    .filter((alert) => alert.at.getTime() >= request.openedAt.getTime());
  const escalationAt = notificationMoment(addDaysTo(request.dueDate, 1));
  const escalation: TaskAlert = {
    key: `${request.taskId}:escalation:${request.dueDate}`,
    kind: 'escalation',
    // Opened when already overdue: escalate at once.
    at: escalationAt.getTime() < request.openedAt.getTime() ? request.openedAt : escalationAt,
  };
  return [...reminders, escalation].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first alert not yet sent, if any. */
export function nextTaskAlert(request: AlertRequest, sent: ReadonlySet<string>): TaskAlert | undefined {
  return planTaskAlerts(request).find((alert) => !sent.has(alert.key));
}
