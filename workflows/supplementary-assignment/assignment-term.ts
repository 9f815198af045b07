/** The state of one supplementary assignment's own term, and the steps it takes. */
import { condition, getExternalWorkflowHandle, isCancellation, sleep, workflowInfo } from '@temporalio/workflow';
import { addDaysTo, notificationMoment, toUtcDate, type IsoDate } from '../../domain/dates';
import { DEFAULT_TASK_LEAD_DAYS } from '../../domain/contract-agenda';
import { assignmentPlan } from '../../domain/supplementary/assignment-term';
import type { SupplementaryAssignment } from '../../domain/supplementary/types';
import { activities } from '../shared/activities';
import { msUntil, today } from '../shared/clock';
import { recipientsOf } from '../shared/recipients';
import {
  cancelSupervisedTask,
  createTask,
  newEvent,
  openTask,
  recordTaskChange,
  superviseTask,
  type SupervisedTask,
  supervisedTaskView,
  type TaskOwnerContext,
} from '../shared/task-supervision';
import { type AssignmentChange, assignmentChangedSignal, type SupplementaryAssignmentInput, type SupplementaryAssignmentState } from './supplementary-definitions';

/** How a term ends: recorded by the term itself. */
const FINAL_STATUSES: readonly SupplementaryAssignment['status'][] = ['declined', 'ended', 'cancelled'];

export class AssignmentTerm {
  readonly assignment: SupplementaryAssignment;
  readonly tasks: SupervisedTask[] = [];
  readonly ctx: TaskOwnerContext;
  private readonly running: Promise<unknown>[] = [];

  constructor(readonly input: SupplementaryAssignmentInput) {
    this.assignment = { ...input.assignment };
    this.ctx = {
      workflowId: workflowInfo().workflowId,
      contractId: input.assignment.contractId,
      commissioner: input.commissioner,
      provider: input.provider,
      subjectTitle: `${input.contractTitle}: aanvullende opdracht "${input.assignment.title}"`,
      reminderDaysBefore: input.reminderDaysBefore,
      recipients: (role, organisation) => recipientsOf(input.stakeholders, role, organisation),
      escalationTo: () => [{ role: 'manager', organisation: input.commissioner }],
    };
  }

  /** The confirmation, the start, its own reports and the end decision, in date order; then its end. */
  async run(): Promise<void> {
    const plan = assignmentPlan(this.assignment, today());
    await this.open('supplementaryConfirmation', `Aanvullende opdracht bevestigen: ${this.assignment.title}`, 'contractContact', this.input.provider, plan.confirmationDue, 'confirmation');
    await this.waitFor(() => this.assignment.confirmation !== undefined);
    if (!this.assignment.confirmation!.confirm) return this.enter('declined');
    await this.enter('confirmed');
    await this.sleepUntil(this.assignment.period.from);
    await this.enter('active');
    for (const step of this.steps(plan)) {
      await this.sleepUntil(step.on);
      await step.take();
    }
    await this.sleepUntil(addDaysTo(this.assignment.period.to, 1));
    await this.end();
    // The final report falls after the end: the term closes once no report is open.
    await this.waitFor(() => !this.tasks.some((t) => t.status === 'open'));
  }

  private steps(plan: ReturnType<typeof assignmentPlan>): { on: IsoDate; take: () => Promise<void> }[] {
    const notBefore = (date: IsoDate) => (date < today() ? today() : date);
    const reports = plan.reportDueDates.map((due) => ({
      on: notBefore(addDaysTo(due, -DEFAULT_TASK_LEAD_DAYS)),
      // Bundled in the meantime: its reporting is the bundle's now.
      take: () => (this.assignment.regime === 'own' ? this.open('supplementaryReport', `Rapportage aanvullende opdracht ${this.assignment.title} (eigen verantwoording)`, 'contractContact', this.input.provider, due, `report:${due}`) : Promise.resolve()),
    }));
    const endDecision = {
      on: notBefore(addDaysTo(plan.endDecisionDue, -DEFAULT_TASK_LEAD_DAYS)),
      take: () => this.open('supplementaryEndDecision', `Aanvullende opdracht ${this.assignment.title}: beëindigen, verlengen of opnemen in de hoofdopdracht`, 'contractManager', this.input.commissioner, plan.endDecisionDue, 'endDecision'),
    };
    return [...reports, endDecision].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  }

  private async open(kind: string, title: string, role: SupervisedTask['role'], organisation: string, dueDate: IsoDate, key: string): Promise<void> {
    const task = createTask({ id: `${this.assignment.id}:${key}`, kind, title, role, organisation, dueDate });
    this.tasks.push(task);
    await openTask(this.ctx, task);
    this.background(superviseTask(this.ctx, task));
  }

  task(kind: string): SupervisedTask | undefined {
    return this.tasks.find((t) => t.kind === kind && t.status === 'open');
  }

  private async waitFor(done: () => boolean): Promise<void> {
    await condition(done);
  }

  private async sleepUntil(date: IsoDate): Promise<void> {
    const ms = msUntil(date === this.assignment.period.from || date > this.assignment.period.to ? toUtcDate(date) : notificationMoment(date));
    if (ms > 0) await sleep(ms);
  }

  async enter(status: SupplementaryAssignment['status']): Promise<void> {
    this.assignment.status = status;
    const event = newEvent(this.ctx, `supplementary.${status}`, { assignmentId: this.assignment.id, period: this.assignment.period });
    // The last word is the term's own: when it ends with its contract, the contract may close before it records.
    if (FINAL_STATUSES.includes(status)) await activities.recordSupplementary({ contractId: this.assignment.contractId, assignments: [this.assignment], event });
    else await activities.recordEvent(event);
    await this.tellContract({ assignmentId: this.assignment.id, status, ...(this.assignment.confirmation ? { confirmation: this.assignment.confirmation } : {}) });
  }

  /** The end: a decision not taken by then lapses. */
  private async end(): Promise<void> {
    const decision = this.task('supplementaryEndDecision');
    if (decision) await this.cancelTask(decision, 'de opdracht is afgelopen zonder besluit');
    await this.enter('ended');
  }

  async cancelTask(task: SupervisedTask, reason: string): Promise<void> {
    cancelSupervisedTask(task);
    await recordTaskChange(this.ctx, task, 'task.cancelled', { reason });
  }

  /**
   * The contract keeps the assignment's row; when the contract no longer runs (it ended, and its
   * assignments with it), the row is written here.
   */
  async tellContract(change: AssignmentChange): Promise<void> {
    try {
      await getExternalWorkflowHandle(this.input.contractWorkflowId).signal(assignmentChangedSignal, change);
    } catch {
      await activities.recordSupplementary({ contractId: this.assignment.contractId, assignments: [this.assignment], event: newEvent(this.ctx, 'supplementary.assignmentChanged', { assignmentId: this.assignment.id, status: this.assignment.status, contractClosed: true }) });
    }
  }

  /** Supervision beside the main steps: a failure is recorded, not left unhandled; cancellation is not a failure. */
  background(promise: Promise<unknown>): void {
    this.running.push(
      promise.catch(async (error: unknown) => {
        if (isCancellation(error)) return;
        await activities.recordEvent(newEvent(this.ctx, 'workflow.backgroundFailed', { error: error instanceof Error ? error.message : String(error) })).catch(() => undefined);
      }),
    );
  }

  view(): SupplementaryAssignmentState {
    return { assignment: this.assignment, tasks: this.tasks.map(supervisedTaskView) };
  }
}
