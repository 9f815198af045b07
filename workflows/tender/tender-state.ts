/**
 * The state of one tender preparation and the views the queries return. Lives inside the workflow.
 */
import { contractCommissioners } from '../../domain/access';
import { daysBetween, type IsoDate } from '../../domain/dates';
import type { MilestoneStatus, Role, TenderPhase, TenderStepKey } from '../../domain/glossary';
import type { Actor, Stakeholder } from '../../domain/schemas/actor';
import { type TenderLaunch } from '../../domain/schemas/tender-launch';
import type { LegalMinimum } from '../../domain/legal-rules';
import { type ActualDates, type PlannedMilestone, rulesFor, type TenderPlan } from '../../domain/tender-plan';
import { tenderStep } from '../../domain/tender-steps';
import { today } from '../shared/clock';
import { recipientsOf } from '../shared/recipients';
import type { AwardView, MilestoneView, ObjectionView, TaskView, TenderTimeline } from './tender-definitions';
import { type SupervisedTask, supervisedTaskView, type TaskOwnerContext } from '../shared/task-supervision';
import { leadOrganisation } from '../../domain/lead-organisation';

export interface AwardState extends AwardView {
  lots: (AwardView['lots'][number] & { providerEmail: string })[];
}

export class TenderState {
  phase: TenderPhase = 'currentContractEvaluation';
  status: TenderTimeline['status'] = 'active';
  recorded = false;
  milestones: PlannedMilestone[];
  readonly tasks: SupervisedTask[] = [];
  readonly awards: AwardState[] = [];
  readonly objections: ObjectionView[] = [];
  readonly contracts: TenderTimeline['contracts'] = [];
  readonly extraStakeholders: Stakeholder[] = [];
  /** Steps done on a day that counts for a legal period (the notice sent on its actual day). */
  readonly actualDates: ActualDates = {};
  /**
   * The legal periods as the law has them now. A tender launched before 2026-12-01 keeps the dates
   * it was planned with (its plan's own table, for replay), but every check from then on (the
   * deadline reckoned from the publication, a shift, closing the submission deadline) uses these.
   */
  readonly legalRules: LegalMinimum[];
  cancellation?: { reason: string; by: Actor; at: string };

  readonly leadOrganisation: string;
  readonly workflowId: string;

  constructor(
    readonly tenderId: string,
    readonly launch: TenderLaunch,
    readonly plan: TenderPlan,
    workflowId: string,
  ) {
    this.milestones = plan.milestones;
    this.legalRules = rulesFor(launch);
    this.leadOrganisation = leadOrganisation(launch.commissioners);
    this.workflowId = workflowId;
  }

  /** The organisations answerable for the tender: its commissioners and the municipalities a purchasing body acts for. */
  get owners(): string[] {
    return contractCommissioners(this.launch.commissioners);
  }

  get cancelled(): boolean {
    return this.status === 'cancelled';
  }

  milestone(key: TenderStepKey): PlannedMilestone {
    const found = this.milestones.find((m) => m.key === key);
    if (!found) throw new Error(`No milestone ${key}`);
    return found;
  }

  get contractStart(): IsoDate {
    return this.milestone('onboarding').dueDate;
  }

  task(id: string): SupervisedTask | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  openTasks(): SupervisedTask[] {
    return this.tasks.filter((t) => t.status === 'open');
  }

  currentAward(): AwardState | undefined {
    return this.awards.at(-1);
  }

  pendingObjections(round: number): ObjectionView[] {
    return this.objections.filter((o) => o.awardRound === round && o.status === 'pending');
  }

  recipients(role: Role, organisation: string): string[] {
    const all = [...this.launch.stakeholders, ...this.extraStakeholders];
    return recipientsOf(all, role, organisation);
  }

  taskContext(): TaskOwnerContext {
    return {
      workflowId: this.workflowId,
      tenderId: this.tenderId,
      commissioner: this.leadOrganisation,
      subjectTitle: this.launch.title,
      reminderDaysBefore: this.launch.reminderDaysBefore,
      recipients: (role, organisation) => this.recipients(role, organisation),
      escalationTo: () => [{ role: 'manager', organisation: this.leadOrganisation }],
    };
  }

  milestoneStatus(key: TenderStepKey, tasks: SupervisedTask[]): MilestoneStatus {
    if (key === 'standstill') {
      if (this.phase === 'standstill') return 'open';
      if (this.phaseIndex() > this.stepIndex('standstill')) return 'done';
      return this.cancelled ? 'cancelled' : 'planned';
    }
    if (tasks.length === 0) return this.cancelled ? 'cancelled' : 'planned';
    const current = tasks.filter((t) => t.status !== 'cancelled' || tasks.every((x) => x.status === 'cancelled'));
    if (current.every((t) => t.status === 'done')) return 'done';
    if (current.every((t) => t.status === 'cancelled')) return 'cancelled';
    return current.some((t) => t.status === 'open' && daysBetween(t.dueDate, today()) > 0) ? 'overdue' : 'open';
  }

  private stepIndex(key: TenderStepKey): number {
    return this.milestones.findIndex((m) => m.key === key);
  }

  private phaseIndex(): number {
    if (this.phase === 'completed') return this.milestones.length;
    if (this.phase === 'cancelled') return -1;
    return this.stepIndex(this.phase);
  }

  timeline(): TenderTimeline {
    const milestones: MilestoneView[] = this.milestones.map((m) => {
      const tasks = this.tasks.filter((t) => t.kind === m.key);
      const organisation = tenderStep(m.key).perContract === 'provider' ? 'provider' : this.leadOrganisation;
      return {
        key: m.key,
        label: m.label,
        owner: { role: m.ownerRole, organisation },
        dueDate: m.dueDate,
        status: this.milestoneStatus(m.key, tasks),
        tasks: tasks.map(taskView),
      };
    });
    return {
      tenderId: this.tenderId,
      title: this.launch.title,
      phase: this.phase,
      status: this.status,
      contractStart: this.contractStart,
      milestones,
      awards: this.awards.map(({ lots, ...award }) => ({ ...award, lots: lots.map(({ providerEmail: _, ...lot }) => lot) })),
      objections: [...this.objections],
      contracts: [...this.contracts],
      ...(this.cancellation ? { cancellation: this.cancellation } : {}),
    };
  }
}

export function taskView(task: SupervisedTask): TaskView {
  return supervisedTaskView(task) as TaskView;
}

/** The database record of one lot's award. */
export function awardRecord(state: TenderState, award: AwardState, lot: AwardState['lots'][number]) {
  return {
    id: `${state.tenderId}:${award.round}:${lot.lotId}`,
    tenderId: state.tenderId,
    round: award.round,
    lotId: lot.lotId,
    provider: lot.provider,
    providerEmail: lot.providerEmail,
    valueCents: lot.valueCents,
    decidedAt: award.decidedAt,
    standstillEndsAt: award.standstillEndsAt,
    status: award.status,
  };
}
