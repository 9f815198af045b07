/**
 * Tasks for roles: opened with a notification, reminded before the due date, escalated to the
 * manager role when overdue, re-planned when their due date shifts. Shared by every workflow.
 */
import { condition, uuid4 } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { Role, TaskStatus } from '../../domain/glossary';
import { escalationMessage, type Message, reminderMessage, taskAssignedMessage } from '../../domain/messages';
import type { Actor } from '../../domain/schemas/actor';
import { nextTaskAlert, type TaskAlert } from '../../domain/task-alerts';
import type { EventRecord, TaskRecord } from '../../activities/schemas/records';
import { activities } from './activities';
import { refuse } from './failures';
import { sendNotificationOrRecordFailure } from './notifications';
import { addressRoles, type Addressing } from './recipients';
import type { RoleRef } from '../../domain/directory';
import { msUntil, now } from './clock';

export interface SupervisedTask {
  id: string;
  kind: string;
  title: string;
  role: Role;
  organisation: string;
  dueDate: IsoDate;
  status: TaskStatus;
  openedAt: string;
  /** When the current due date was set: reminders before it are not sent late. */
  plannedAt: string;
  /** Bumped on every change, so a sleeping supervisor wakes up and re-plans. */
  version: number;
  sentAlerts: string[];
  escalatedAt?: string;
  lotId?: string;
  completion?: { at: string; by: Actor; outcome: string; note?: string };
}

export interface TaskOwnerContext {
  workflowId: string;
  tenderId?: string;
  contractId?: string;
  /** The commissioning and providing organisations, for the managers' overview filters. */
  commissioner?: string;
  provider?: string;
  /** What the task is about, in messages: the tender or contract title. */
  subjectTitle: string;
  reminderDaysBefore: readonly number[];
  /** Email addresses of the launch's stakeholders holding a role in an organisation. */
  recipients(role: Role, organisation: string): string[];
  /** The roles that hear of an overdue task. */
  escalationTo(task: SupervisedTask): RoleRef[];
}

export function newEvent(ctx: TaskOwnerContext, type: string, data: Record<string, unknown>, actor?: Actor): EventRecord {
  return {
    id: uuid4(),
    workflowId: ctx.workflowId,
    tenderId: ctx.tenderId,
    contractId: ctx.contractId,
    type,
    actor,
    data,
    occurredAt: now().toISOString(),
  };
}

export function taskRecord(ctx: TaskOwnerContext, task: SupervisedTask): TaskRecord {
  return {
    id: task.id,
    workflowId: ctx.workflowId,
    tenderId: ctx.tenderId,
    contractId: ctx.contractId,
    commissioner: ctx.commissioner,
    provider: ctx.provider,
    kind: task.kind,
    title: task.title,
    role: task.role,
    organisation: task.organisation,
    dueDate: task.dueDate,
    status: task.status,
    openedAt: task.openedAt,
    escalatedAt: task.escalatedAt,
    completion: task.completion,
  };
}

export function createTask(fields: Pick<SupervisedTask, 'id' | 'kind' | 'title' | 'role' | 'organisation' | 'dueDate' | 'lotId'>): SupervisedTask {
  const at = now().toISOString();
  return { ...fields, status: 'open', openedAt: at, plannedAt: at, version: 0, sentAlerts: [] };
}

/** Records the task and the change that happened to it. */
export async function recordTaskChange(ctx: TaskOwnerContext, task: SupervisedTask, type: string, data: Record<string, unknown> = {}, actor?: Actor): Promise<void> {
  await activities.recordTask({ task: taskRecord(ctx, task), event: newEvent(ctx, type, { taskId: task.id, ...data }, actor) });
}

function messageInput(ctx: TaskOwnerContext, task: SupervisedTask) {
  return { taskTitle: task.title, subjectTitle: ctx.subjectTitle, role: task.role, organisation: task.organisation, dueDate: task.dueDate, taskId: task.id };
}

/**
 * Sends one notification to roles (their holders on the day it is sent); one that fails for good is
 * recorded as `notification.failed` and the task goes on.
 */
async function notify(ctx: TaskOwnerContext, task: SupervisedTask, key: string, kind: 'task-assigned' | 'reminder' | 'escalation', roles: RoleRef[], message: Message): Promise<void> {
  const addressing: Addressing = addressRoles((role, organisation) => ctx.recipients(role, organisation), roles);
  if (addressing.to.length === 0) return;
  await sendNotificationOrRecordFailure({ idempotencyKey: key, workflowId: ctx.workflowId, taskId: task.id, kind, ...addressing, ...message }, (type, data) => newEvent(ctx, type, data));
}

/** The role that owns the task. */
const owner = (task: SupervisedTask): RoleRef[] => [{ role: task.role, organisation: task.organisation }];

/** Records a new task and tells its owners. */
export async function openTask(ctx: TaskOwnerContext, task: SupervisedTask): Promise<void> {
  await recordTaskChange(ctx, task, 'task.opened', { kind: task.kind, dueDate: task.dueDate, role: task.role, organisation: task.organisation });
  await notify(ctx, task, `${task.id}:assigned`, 'task-assigned', owner(task), taskAssignedMessage(messageInput(ctx, task)));
}

async function sendAlert(ctx: TaskOwnerContext, task: SupervisedTask, alert: TaskAlert): Promise<void> {
  const input = messageInput(ctx, task);
  if (alert.kind === 'reminder') {
    await notify(ctx, task, alert.key, 'reminder', owner(task), reminderMessage(input, alert.daysBeforeDue ?? 0));
    await activities.recordEvent(newEvent(ctx, 'task.reminderSent', { taskId: task.id, dueDate: task.dueDate, daysBeforeDue: alert.daysBeforeDue }));
  } else {
    await notify(ctx, task, alert.key, 'escalation', ctx.escalationTo(task), escalationMessage(input));
    task.escalatedAt = now().toISOString();
    await recordTaskChange(ctx, task, 'task.escalated', { dueDate: task.dueDate });
  }
  task.sentAlerts.push(alert.key);
}

/** Sleeps until the next reminder or escalation and sends it, until the task is done or cancelled. */
export async function superviseTask(ctx: TaskOwnerContext, task: SupervisedTask): Promise<void> {
  while (task.status === 'open') {
    const version = task.version;
    const changed = () => task.status !== 'open' || task.version !== version;
    const alert = nextTaskAlert(
      { taskId: task.id, dueDate: task.dueDate, reminderDaysBefore: ctx.reminderDaysBefore, openedAt: new Date(task.plannedAt) },
      new Set(task.sentAlerts),
    );
    if (!alert) {
      await condition(changed);
      continue;
    }
    const wait = msUntil(alert.at);
    const interrupted = wait > 0 ? await condition(changed, wait) : changed();
    if (!interrupted) await sendAlert(ctx, task, alert);
  }
}

/** Marks a task done (the caller has validated who may do so). */
export function completeSupervisedTask(task: SupervisedTask, by: Actor, outcome: string, note?: string): void {
  task.status = 'done';
  task.completion = { at: now().toISOString(), by, outcome, ...(note ? { note } : {}) };
  task.version++;
}

/** Gives a task a new due date; reminders are planned anew from now. */
export function rescheduleTask(task: SupervisedTask, dueDate: IsoDate): void {
  task.dueDate = dueDate;
  task.plannedAt = now().toISOString();
  task.version++;
}

export function cancelSupervisedTask(task: SupervisedTask): void {
  task.status = 'cancelled';
  task.version++;
}

/** A task may be completed by its owner role in its organisation, or by that organisation's manager. */
export function assertMayComplete(task: Pick<SupervisedTask, 'id' | 'role' | 'organisation'>, by: Actor): void {
  if (by.organisation !== task.organisation || (by.role !== task.role && by.role !== 'manager')) {
    throw refuse.forbidden(`Task ${task.id} belongs to ${task.role} of ${task.organisation}`);
  }
}

/** A task as queries and Updates return it. */
export interface SupervisedTaskView extends Pick<SupervisedTask, 'id' | 'kind' | 'title' | 'role' | 'organisation' | 'dueDate' | 'status' | 'lotId' | 'escalatedAt'> {
  completedAt?: string;
  completedBy?: Actor;
  outcome?: string;
  note?: string;
}

export function supervisedTaskView(task: SupervisedTask): SupervisedTaskView {
  const { completion } = task;
  return {
    id: task.id,
    kind: task.kind,
    title: task.title,
    role: task.role,
    organisation: task.organisation,
    dueDate: task.dueDate,
    status: task.status,
    ...(task.lotId ? { lotId: task.lotId } : {}),
    ...(task.escalatedAt ? { escalatedAt: task.escalatedAt } : {}),
    ...(completion
      ? { completedAt: completion.at, completedBy: completion.by, outcome: completion.outcome, ...(completion.note ? { note: completion.note } : {}) }
      : {}),
  };
}
