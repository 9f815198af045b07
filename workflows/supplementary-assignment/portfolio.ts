/**
 * A contract's supplementary assignments as the contract term keeps them: the intake, the bundles,
 * the yearly flexible amount and spending caps. Created at the contract's first request (behind
 * `patched('supplementary-intake')`) and carried across continue-as-new; a contract that never takes
 * one in plans nothing new. The Update handlers (./intake-actions.ts, ./budget-actions.ts,
 * ./promotion-actions.ts) validate and call the methods here; the rules are pure (domain/supplementary).
 */
import { getExternalWorkflowHandle, ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { AgendaItem } from '../../domain/contract-agenda';
import { DEFAULT_TASK_LEAD_DAYS } from '../../domain/contract-agenda';
import { addDaysTo, type IsoDate } from '../../domain/dates';
import type { Actor } from '../../domain/schemas/actor';
import type { TakeInRequest } from '../../domain/schemas/supplementary';
import { proposeBundles } from '../../domain/supplementary/bundling';
import { bundlingMoments } from '../../domain/supplementary/bundling-moments';
import { drawnOn, proposeFlexibleAmount } from '../../domain/supplementary/flexible-amount';
import { VETTING_DAYS } from '../../domain/supplementary/intake';
import { DEFAULT_SUPPLEMENTARY_SETTINGS } from '../../domain/supplementary/settings';
import { committedStatuses, type SupplementaryAssignment, type SupplementaryBundle, type SupplementarySettings, type SupplementaryYear } from '../../domain/supplementary/types';
import type { EventRecord } from '../../activities/schemas/records';
import { activities } from '../shared/activities';
import { today } from '../shared/clock';
import { sendNotificationOrRecordFailure } from '../shared/notifications';
import { addressRoles } from '../shared/recipients';
import { createTask, newEvent, openTask, superviseTask, type SupervisedTask } from '../shared/task-supervision';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import type { supplementaryAssignmentWorkflow } from './supplementary-assignment';
import {
  type AssignmentNews,
  assignmentNewsSignal,
  type PendingBundling,
  supplementaryAssignmentId,
  type SupplementaryAssignmentInput,
  supplementaryAssignmentWorkflowId,
  type SupplementaryPortfolioView,
} from './supplementary-definitions';

/** Supplementary assignments enter a contract (its intake, bundling moments, flexible amount, spending caps). */
export const SUPPLEMENTARY_INTAKE_PATCH = 'supplementary-intake';

/** What a contract carries of its supplementary assignments into its next run. */
export interface PortfolioCarry {
  /** The day of the first request: bundling moments are planned from here on, never before. */
  startedOn: IsoDate;
  nextSequence: number;
  settings: SupplementarySettings;
  assignments: SupplementaryAssignment[];
  bundles: SupplementaryBundle[];
  years: SupplementaryYear[];
  pendingBundling: PendingBundling[];
  /** Invoice references recorded per year: the same reference twice is refused. */
  spendingReferences: Record<string, string[]>;
}

export class SupplementaryPortfolio {
  readonly state: PortfolioCarry;

  constructor(
    private readonly run: ContractTermRun,
    carry?: PortfolioCarry,
  ) {
    this.state = carry ?? {
      startedOn: today(),
      nextSequence: 1,
      settings: { ...DEFAULT_SUPPLEMENTARY_SETTINGS },
      assignments: [],
      bundles: [],
      years: [],
      pendingBundling: [],
      spendingReferences: {},
    };
  }

  get contractId(): string {
    return this.run.input.contractId;
  }

  assignment(id: string): SupplementaryAssignment | undefined {
    return this.state.assignments.find((a) => a.id === id);
  }

  bundle(id: string): SupplementaryBundle | undefined {
    return this.state.bundles.find((b) => b.id === id);
  }

  /** The year's record, created empty on first use. */
  year(year: number): SupplementaryYear {
    let found = this.state.years.find((y) => y.year === year);
    if (!found) {
      found = { year, drawnCents: 0, spentCents: 0 };
      this.state.years.push(found);
      this.state.years.sort((a, b) => a.year - b.year);
    }
    return found;
  }

  /** The bundling moments still to come, as agenda items of the contract (up to its end). */
  agendaItems(endDate: IsoDate): AgendaItem[] {
    return bundlingMoments(this.state.startedOn, endDate, this.state.settings.bundlingMonthDay).map(({ year, dueDate }) => {
      const opens = addDaysTo(dueDate, -DEFAULT_TASK_LEAD_DAYS);
      return { key: `supplementaryBundling:${year}`, on: opens < this.state.startedOn ? this.state.startedOn : opens, action: { kind: 'openSupplementaryBundling', year, dueDate } };
    });
  }

  /** Takes a request in: recorded, flagged as side-steering when it bypassed the contract line, and a vetting task for the joint panel. */
  takeIn(request: Omit<TakeInRequest, 'by'>, by: Actor): { assignment: SupplementaryAssignment; task: SupervisedTask } {
    const id = supplementaryAssignmentId(this.contractId, this.state.nextSequence++);
    const { outsideContractLine, reporting, goal, ...fields } = request;
    const assignment: SupplementaryAssignment = {
      ...fields,
      id,
      contractId: this.contractId,
      goal: goal ?? fields.theme,
      reporting,
      regime: reporting.regime,
      sideSteering: outsideContractLine || by.organisation === this.run.input.provider.organisation,
      receivedOn: today(),
      recordedBy: by,
      status: 'vetting',
    };
    this.state.assignments.push(assignment);
    const task = this.addTask({
      id: `${id}:vetting`,
      kind: 'supplementaryVetting',
      title: `Aanvullende opdracht toetsen: ${assignment.title} (past dit binnen de geest van de hoofdopdracht?)`,
      role: 'jointPanel',
      organisation: this.run.commissioner,
      dueDate: addDaysTo(today(), VETTING_DAYS),
    });
    return { assignment, task };
  }

  /** A task of the contract (supervised by it: reminders, escalation to the manager). */
  addTask(fields: Parameters<typeof createTask>[0]): SupervisedTask {
    const task = createTask(fields);
    this.run.tasks.push(task);
    this.run.summary.tasksOpened++;
    return task;
  }

  async openAndSupervise(task: SupervisedTask): Promise<void> {
    await openTask(this.run.ctx, task);
    this.run.background(superviseTask(this.run.ctx, task));
  }

  /** The flexible amount drawn per year follows the committed assignments. */
  refreshDrawn(): void {
    const years = new Set(this.state.assignments.map((a) => Number(a.period.from.slice(0, 4))));
    for (const year of this.state.years) years.add(year.year);
    for (const year of years) this.year(year).drawnCents = drawnOn(year, this.state.assignments);
  }

  /** The bundling moment of a budget year: the proposal, the flexible amount's proposal, and the manager's task. */
  async openBundling(year: number, dueDate: IsoDate): Promise<void> {
    const proposals = proposeBundles(this.state.assignments, { smallBudgetBelowCents: this.state.settings.smallBudgetBelowCents });
    const flexibleAmount = proposeFlexibleAmount(year, this.state.assignments);
    const task = this.addTask({
      id: `${this.contractId}:supplementaryBundling:${year}`,
      kind: 'supplementaryBundling',
      title: `Begroting ${year}: aanvullende opdrachten bundelen en flexibel bedrag vaststellen`,
      role: 'manager',
      organisation: this.run.commissioner,
      dueDate,
    });
    this.state.pendingBundling.push({ year, taskId: task.id, dueDate, proposals, flexibleAmount });
    await this.record({ years: [this.year(year)] }, this.event('supplementary.bundlingProposed', { year, dueDate, proposals, flexibleAmount }));
    await this.openAndSupervise(task);
  }

  /** Starts the assignment's own term as a child of the contract (it outlives a run: ABANDON). */
  async startTerm(assignment: SupplementaryAssignment): Promise<void> {
    const input: SupplementaryAssignmentInput = {
      assignment,
      contractWorkflowId: this.run.workflowId,
      contractTitle: this.run.input.title,
      commissioner: this.run.commissioner,
      provider: this.run.input.provider.organisation,
      stakeholders: this.run.input.stakeholders,
      reminderDaysBefore: [...this.run.ctx.reminderDaysBefore],
    };
    await startChild<typeof supplementaryAssignmentWorkflow>('supplementaryAssignmentWorkflow', {
      workflowId: supplementaryAssignmentWorkflowId(assignment.id),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }

  /** Tells an assignment's term what the contract decided about it; one that has ended is left alone. */
  tell(assignmentId: string, news: AssignmentNews): void {
    this.run.background(
      getExternalWorkflowHandle(supplementaryAssignmentWorkflowId(assignmentId))
        .signal(assignmentNewsSignal, news)
        .catch(() => undefined),
    );
  }

  /** The children still running (for closing them when the contract ends early). */
  runningTerms(): string[] {
    return this.state.assignments.filter((a) => ['awaitingConfirmation', 'confirmed', 'active'].includes(a.status)).map((a) => supplementaryAssignmentWorkflowId(a.id));
  }

  /** Promoted assignments: the next tender takes them over into the main assignment. */
  promoted(): SupplementaryAssignment[] {
    return this.state.assignments.filter((a) => a.promotion && committedStatuses.includes(a.status));
  }

  /** Tells the provider's contract contact and director (a mail), recorded if it fails for good. */
  async tellProvider(key: string, subject: string, text: string): Promise<void> {
    const provider = this.run.input.provider;
    const roles = [
      { role: 'contractContact' as const, organisation: provider.organisation },
      { role: 'director' as const, organisation: provider.organisation },
    ];
    const { to, addressedTo } = addressRoles((role, organisation) => this.run.recipients(role, organisation), roles);
    const recipients = [...new Set([provider.email, ...to])];
    await sendNotificationOrRecordFailure(
      { idempotencyKey: `${this.run.workflowId}:${key}`, workflowId: this.run.workflowId, kind: 'status-change', to: recipients, ...(addressedTo ? { addressedTo } : {}), subject, text },
      (type, data) => newEvent(this.run.ctx, type, data),
    );
  }

  event(type: string, data: Record<string, unknown>, actor?: Actor): EventRecord {
    return newEvent(this.run.ctx, type, data, actor);
  }

  /** Records the rows that changed and the event, in one activity. */
  async record(rows: { assignments?: SupplementaryAssignment[]; bundles?: SupplementaryBundle[]; years?: SupplementaryYear[] }, event: EventRecord): Promise<void> {
    await activities.recordSupplementary({ contractId: this.contractId, ...rows, event });
  }

  view(): SupplementaryPortfolioView {
    const nextYear = Number(today().slice(0, 4)) + 1;
    return {
      contractId: this.contractId,
      settings: this.state.settings,
      assignments: this.state.assignments,
      bundles: this.state.bundles,
      years: this.state.years,
      pendingBundling: this.state.pendingBundling,
      flexibleAmountProposal: proposeFlexibleAmount(nextYear, this.state.assignments),
    };
  }

  carry(): PortfolioCarry {
    return this.state;
  }
}
