/**
 * One accountability period of a contract (a child of the contract term workflow): the provider's
 * report as a task with reminders and two escalation levels, the conversation planned with an
 * invitation to both sides (.ics attached), the outcome recorded (figures per measurable KPI,
 * narratives, the story, agreements, follow-ups), and each follow-up a supervised task. The
 * workflow completes when every follow-up is done and returns a summary to the contract term.
 */
import { CancellationScope, allHandlersFinished, condition, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  assessOutcome,
  amsterdamTime,
  CONVERSATION_DURATION_MINUTES,
  CONVERSATION_START_HOUR_LOCAL,
  conversationInvitationMessage,
  planConversationDate,
  secondEscalationAt,
  secondEscalationMessage,
} from '../../domain/accountability';
import { scheduleMilestoneKindLabels } from '../../domain/contract-schedule';
import { type IsoDate, toIsoDate } from '../../domain/dates';
import { roleLabels, type Role } from '../../domain/glossary';


import {
  type AccountabilityCycleInput,
  accountabilityCycleQuery,
  type AccountabilityCycleSummary,
  type AccountabilityCycleView,
  type AccountabilityOutcomeView,
  type AccountabilityPhase,
  type AccountabilityTaskKind,
  type AccountabilityTaskView,
  completeAccountabilityTaskUpdate,
  recordAccountabilityOutcomeUpdate,
} from './accountability-definitions';
import { activities } from '../shared/activities';
import { addressRoles, recipientsOf } from '../shared/recipients';
import type { RoleRef } from '../../domain/directory';
import { msUntil, now, today } from '../shared/clock';
import { parseUpdateInput as parse, refuse } from '../shared/failures';
import { deliverOrRecordFailure, sendNotificationOrRecordFailure } from '../shared/notifications';
import {
  cancelSupervisedTask,
  completeSupervisedTask,
  createTask,
  newEvent,
  openTask,
  recordTaskChange,
  assertMayComplete as assertMayAct,
  type SupervisedTask,
  superviseTask,
  supervisedTaskView,
  type TaskOwnerContext,
} from '../shared/task-supervision';
import { accountabilitySchemas, tenderActionSchemas } from '../shared/request-schemas';

class AccountabilityCycle {
  phase: AccountabilityPhase = 'report';
  readonly tasks: SupervisedTask[] = [];
  conversation?: AccountabilityCycleView['conversation'];
  outcome?: AccountabilityOutcomeView;
  /** Set synchronously when an outcome Update starts, so a second one is refused while the first records. */
  recordingOutcome = false;
  secondEscalatedAt?: string;
  readonly ctx: TaskOwnerContext;

  constructor(
    readonly input: AccountabilityCycleInput,
    readonly workflowId: string,
  ) {
    this.ctx = {
      workflowId,
      contractId: input.contractId,
      commissioner: input.commissioner,
      provider: input.provider,
      subjectTitle: `${input.title}, periode ${input.period.index}`,
      reminderDaysBefore: input.reminderDaysBefore,
      recipients: (role, organisation) => this.recipients(role, organisation),
      escalationTo: (task) => this.escalationTo(task),
    };
  }

  recipients(role: Role, organisation: string): string[] {
    return recipientsOf(this.input.stakeholders, role, organisation);
  }

  /** Late tasks go to the commissioner's contract manager; the contract manager's own, to the manager. */
  escalationTo(task: SupervisedTask): RoleRef[] {
    const { commissioner } = this.input;
    const ownedByContractManagement = task.organisation === commissioner && (task.role === 'contractManager' || task.role === 'manager');
    const contractManagers = this.recipients('contractManager', commissioner);
    return [{ role: !ownedByContractManagement && contractManagers.length > 0 ? 'contractManager' : 'manager', organisation: commissioner }];
  }

  task(id: string): SupervisedTask | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  ofKind(kind: AccountabilityTaskKind): SupervisedTask[] {
    return this.tasks.filter((t) => t.kind === kind);
  }

  taskId(kind: AccountabilityTaskKind, n?: number): string {
    return `${this.input.contractId}:${kind}:p${this.input.period.index}${n === undefined ? '' : `:${n}`}`;
  }

  view(): AccountabilityCycleView {
    return {
      contractId: this.input.contractId,
      period: this.input.period,
      phase: this.phase,
      tasks: this.tasks.map(taskView),
      ...(this.conversation ? { conversation: this.conversation } : {}),
      ...(this.outcome ? { outcome: this.outcome } : {}),
    };
  }
}

function taskView(task: SupervisedTask): AccountabilityTaskView {
  return supervisedTaskView(task) as AccountabilityTaskView;
}

export async function accountabilityCycleWorkflow(input: AccountabilityCycleInput): Promise<AccountabilityCycleSummary> {
  const cycle = new AccountabilityCycle(input, workflowInfo().workflowId);
  setHandler(accountabilityCycleQuery, () => cycle.view());
  registerHandlers(cycle);
  try {
    const summary = await runCycle(cycle);
    await condition(allHandlersFinished);
    return summary;
  } catch (error) {
    // The contract ended early: the open tasks are closed, so they leave the overviews.
    if (isCancellation(error)) await CancellationScope.nonCancellable(() => cancelOpenTasks(cycle));
    throw error;
  }
}

async function runCycle(cycle: AccountabilityCycle): Promise<AccountabilityCycleSummary> {
  const { input, ctx } = cycle;
  const { period } = input;
  const periodLabel = `periode ${period.index} (${period.from} t/m ${period.to})`;
  await activities.recordEvent(newEvent(ctx, 'accountability.cycleStarted', { period, kpis: input.kpis.map((k) => k.name) }));

  // 1. The provider's report: reminders, then the contract manager, then the manager.
  const report = createTask({
    id: cycle.taskId('accountabilityReport'),
    kind: 'accountabilityReport',
    title: `${scheduleMilestoneKindLabels.accountabilityReport} ${periodLabel}`,
    role: 'contractContact',
    organisation: input.provider,
    dueDate: period.reportDue,
  });
  // In the cycle's state before its row exists: a completion sent as soon as the row is read finds it.
  // (Only the order of state and an await: the same commands, so running cycles replay as they ran.)
  cycle.tasks.push(report);
  await openTask(ctx, report);
  await Promise.all([superviseTask(ctx, report), escalateToManager(cycle, report)]);

  // 2. The conversation: a task for the contract manager and an invitation to both sides.
  const date = planConversationDate(period.conversationDue, today());
  const conversation = createTask({
    id: cycle.taskId('accountabilityConversation'),
    kind: 'accountabilityConversation',
    title: `${scheduleMilestoneKindLabels.accountabilityConversation} ${periodLabel}`,
    role: 'contractManager',
    organisation: input.commissioner,
    dueDate: date > period.conversationDue ? date : period.conversationDue,
  });
  cycle.tasks.push(conversation);
  await openTask(ctx, conversation);
  cycle.phase = 'conversation';
  await invite(cycle, conversation, date);
  await superviseTask(ctx, conversation);

  // 3. The outcome Update completed the conversation and opened the follow-ups.
  await condition(() => cycle.outcome !== undefined);
  const followUps = cycle.ofKind('accountabilityFollowUp');
  await Promise.all(followUps.map((task) => superviseTask(ctx, task)));
  cycle.phase = 'done';

  const outcome = cycle.outcome!;
  const deliveredAt = report.completion!.at;
  const summary: AccountabilityCycleSummary = {
    contractId: input.contractId,
    periodIndex: period.index,
    period: { from: period.from, to: period.to },
    report: {
      dueDate: report.dueDate,
      deliveredAt,
      onTime: toIsoDate(new Date(deliveredAt)) <= report.dueDate,
      escalations: (report.escalatedAt ? 1 : 0) + (cycle.secondEscalatedAt ? 1 : 0),
    },
    conversation: { date, dueDate: conversation.dueDate, heldAt: outcome.recordedAt },
    figures: outcome.figures,
    missingFigures: outcome.missingFigures,
    narrativeKpis: outcome.narratives.map((n) => n.kpi),
    agreements: outcome.agreements,
    followUps: outcome.followUps.map((f) => {
      const completedAt = cycle.task(f.taskId)!.completion!.at;
      return { ...f, completedAt, onTime: toIsoDate(new Date(completedAt)) <= f.dueDate };
    }),
    completedAt: now().toISOString(),
  };
  await activities.recordEvent(newEvent(ctx, 'accountability.cycleCompleted', { ...summary }));
  return summary;
}

/**
 * The second escalation level: a week after the first escalation (the morning after the due date)
 * a task still open goes to the commissioner's manager. The first level is superviseTask's own.
 */
async function escalateToManager(cycle: AccountabilityCycle, task: SupervisedTask): Promise<void> {
  const closed = () => task.status !== 'open';
  await condition(() => closed() || task.escalatedAt !== undefined);
  if (closed()) return;
  const wait = msUntil(secondEscalationAt(task.dueDate, new Date(task.escalatedAt!)));
  if (wait > 0 ? await condition(closed, wait) : closed()) return;

  const { commissioner } = cycle.input;
  const addressing = addressRoles((role, organisation) => cycle.recipients(role, organisation), [{ role: 'manager', organisation: commissioner }]);
  if (addressing.to.length > 0) {
    await sendNotificationOrRecordFailure({
      idempotencyKey: `${task.id}:escalation-manager:${task.dueDate}`,
      workflowId: cycle.workflowId,
      taskId: task.id,
      kind: 'escalation',
      ...addressing,
      ...secondEscalationMessage({
        taskTitle: task.title,
        subjectTitle: cycle.ctx.subjectTitle,
        role: task.role,
        organisation: task.organisation,
        dueDate: task.dueDate,
        firstEscalatedTo: 'contractManager',
        taskId: task.id,
      }),
    }, (type, data) => newEvent(cycle.ctx, type, data));
  }
  cycle.secondEscalatedAt = now().toISOString();
  await recordTaskChange(cycle.ctx, task, 'task.escalated', { dueDate: task.dueDate, level: 2, escalatedTo: { role: 'manager', organisation: commissioner } });
}

/** The invitation to the conversation, to the provider's contract contact and the contract manager. */
async function invite(cycle: AccountabilityCycle, conversation: SupervisedTask, date: IsoDate): Promise<void> {
  const { input, ctx } = cycle;
  const contractManagers = cycle.recipients('contractManager', input.commissioner);
  const providerContacts = cycle.recipients('contractContact', input.provider);
  const attendees = [...new Set([...providerContacts, ...contractManagers])];
  const startsAt = amsterdamTime(date, CONVERSATION_START_HOUR_LOCAL);
  const invitedAt = now().toISOString();
  if (attendees.length > 0) {
    const message = conversationInvitationMessage({
      contractTitle: input.title,
      periodIndex: input.period.index,
      periodFrom: input.period.from,
      periodTo: input.period.to,
      date,
      commissioner: input.commissioner,
      provider: input.provider,
      kpis: input.kpis,
      taskId: conversation.id,
    });
    // The contract manager first: the holder of the first addressed role organises the conversation.
    const { addressedTo } = addressRoles((role, organisation) => cycle.recipients(role, organisation), [
      { role: 'contractManager', organisation: input.commissioner },
      { role: 'contractContact', organisation: input.provider },
    ]);
    const invitation = {
      idempotencyKey: `${conversation.id}:invitation`,
      workflowId: cycle.workflowId,
      taskId: conversation.id,
      kind: 'task-assigned' as const,
      to: attendees,
      ...(addressedTo ? { addressedTo } : {}),
      ...message,
      invitation: {
        uid: `${conversation.id}@regie`,
        title: `Verantwoordingsgesprek ${input.title}, periode ${input.period.index}`,
        start: startsAt.toISOString(),
        durationMinutes: CONVERSATION_DURATION_MINUTES,
        organiser: { name: `${roleLabels.contractManager} ${input.commissioner}`, email: contractManagers[0] ?? attendees[0]! },
        attendees: attendees.map((email) => ({ email, name: attendeeName(cycle, email) })),
        description: message.text,
        timestamp: invitedAt,
      },
    };
    await deliverOrRecordFailure(invitation, () => activities.sendConversationInvitation(invitation), (type, data) => newEvent(ctx, type, data));
  }
  cycle.conversation = { date, startsAt: startsAt.toISOString(), invitedAt, attendees };
  await activities.recordEvent(newEvent(ctx, 'accountability.conversationPlanned', { taskId: conversation.id, ...cycle.conversation }));
}

/** The person's name when known, else the role they hold ("contactpersoon opdrachtnemer DOCK"). */
function attendeeName(cycle: AccountabilityCycle, email: string): string {
  const holder = cycle.input.stakeholders.find((s) => s.email === email && (s.role === 'contractManager' || s.role === 'contractContact'));
  return holder ? (holder.name ?? `${roleLabels[holder.role]} ${holder.organisation}`) : email;
}

async function cancelOpenTasks(cycle: AccountabilityCycle): Promise<void> {
  const open = cycle.tasks.filter((t) => t.status === 'open');
  open.forEach(cancelSupervisedTask);
  for (const task of open) await recordTaskChange(cycle.ctx, task, 'task.cancelled', { reason: 'accountability cycle cancelled' });
}

function registerHandlers(cycle: AccountabilityCycle): void {
  const { input, ctx } = cycle;

  setHandler(
    completeAccountabilityTaskUpdate,
    async (raw) => {
      const update = parse(tenderActionSchemas().completeTaskSchema, raw);
      const task = cycle.task(update.taskId)!;
      completeSupervisedTask(task, update.by, update.outcome, update.note);
      await recordTaskChange(ctx, task, 'task.completed', { outcome: update.outcome, note: update.note }, update.by);
      return taskView(task);
    },
    {
      validator: (raw) => {
        const update = parse(tenderActionSchemas().completeTaskSchema, raw);
        const task = cycle.task(update.taskId);
        if (!task) throw refuse.notFound(`No task ${update.taskId} in this accountability cycle`);
        if (task.status !== 'open') throw refuse.conflict(`Task ${task.id} is ${task.status}`);
        if (task.kind === 'accountabilityConversation') throw refuse.conflict('The conversation is completed by recording its outcome');
        assertMayAct(task, update.by);
      },
    },
  );

  setHandler(
    recordAccountabilityOutcomeUpdate,
    async (raw) => {
      const update = parse(accountabilitySchemas().recordAccountabilityOutcomeSchema, raw);
      cycle.recordingOutcome = true;
      const conversation = cycle.ofKind('accountabilityConversation')[0]!;
      const { missingFigures } = assessOutcome(input.kpis, update);
      const recordedAt = now().toISOString();
      const { by, ...outcome } = update;
      const followUps = update.followUps.map((f, i) => ({ ...f, taskId: cycle.taskId('accountabilityFollowUp', i + 1) }));
      await activities.recordAccountabilityOutcome({
        eventId: `${cycle.workflowId}:outcome`,
        workflowId: cycle.workflowId,
        contractId: input.contractId,
        period: { index: input.period.index, from: input.period.from, to: input.period.to },
        by,
        outcome,
        missingFigures,
        followUpTaskIds: followUps.map((f) => f.taskId),
        recordedAt,
      });
      const summary = missingFigures.length > 0 ? `Gesprek gevoerd; geen cijfer voor: ${missingFigures.join(', ')}` : 'Gesprek gevoerd';
      completeSupervisedTask(conversation, by, summary);
      await recordTaskChange(ctx, conversation, 'task.completed', { outcome: summary, missingFigures, followUps: followUps.length }, by);
      for (const followUp of followUps) {
        const task = createTask({
          id: followUp.taskId,
          kind: 'accountabilityFollowUp',
          title: `Vervolgactie verantwoordingsgesprek periode ${input.period.index}: ${followUp.title}`,
          role: followUp.ownerRole,
          organisation: followUp.ownerOrganisation,
          dueDate: followUp.dueDate,
        });
        cycle.tasks.push(task);
        await openTask(ctx, task);
      }
      cycle.outcome = { recordedAt, by, ...outcome, followUps, missingFigures };
      cycle.phase = followUps.length > 0 ? 'followUp' : 'done';
      return cycle.outcome;
    },
    {
      validator: (raw) => {
        const update = parse(accountabilitySchemas().recordAccountabilityOutcomeSchema, raw);
        if (cycle.phase === 'report') throw refuse.conflict('The outcome can only be recorded once the report is in and the conversation is planned');
        if (cycle.recordingOutcome || cycle.outcome) throw refuse.conflict('The outcome of this conversation is already recorded');
        assertMayAct(cycle.ofKind('accountabilityConversation')[0]!, update.by);
        const [error] = assessOutcome(input.kpis, update).errors;
        if (error) throw refuse.invalid(error.field, error.message);
        const parties = [input.commissioner, input.provider];
        update.followUps.forEach((followUp, i) => {
          if (!parties.includes(followUp.ownerOrganisation)) {
            throw refuse.invalid(`followUps.${i}.ownerOrganisation`, `a follow-up is owned by ${parties.join(' or ')}`);
          }
          if (cycle.recipients(followUp.ownerRole, followUp.ownerOrganisation).length === 0) {
            throw refuse.invalid(`followUps.${i}.ownerRole`, `no stakeholder with role ${followUp.ownerRole} in ${followUp.ownerOrganisation}: a follow-up needs an owner who can be reached`);
          }
          if (followUp.dueDate < today()) throw refuse.invalid(`followUps.${i}.dueDate`, 'must not lie in the past');
        });
      },
    },
  );
}
