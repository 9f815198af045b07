/** The state of one run of a contract term workflow, and what it derives from it. */
import { addDaysTo, addMonthsTo, daysBetween, type IsoDate } from '../domain/dates';
import { type AgendaItem, type AgendaVersion, contractAgenda, contractTaskOwner, contractTaskTitles, contractYearOf, type ContractTaskKind, municipalYearTaskTitle } from '../domain/contract-agenda';
import { type AccountabilityPeriod, type ContractSchedule, computeContractSchedule, type ScheduleMilestone, scheduleMilestoneKindLabels, scheduleMilestones } from '../domain/contract-schedule';
import type { Role } from '../domain/glossary';
import { DEFAULT_REMINDER_DAYS } from '../domain/task-alerts';
import { nextTenderLeadDays } from '../domain/next-tender';
import type { MunicipalYearTaskKind } from '../domain/municipal-year';
import { leadOrganisation } from '../domain/schemas/tender-launch';
import type { Actor } from '../domain/schemas/actor';
import { activities } from './activities';
import { today } from './clock';
import type {
  ContractHistorySummary,
  ContractTermCarry,
  ContractTermInput,
  ContractTermState,
  ContractTimelineItem,
} from './contract-definitions';
import type { AccountabilityCycleInput } from './accountability-definitions';
import type { MidtermReviewInput, MidtermReviewResult } from './midterm-definitions';
import { cancelSupervisedTask, createTask, newEvent, recordTaskChange, type SupervisedTask, type TaskOwnerContext } from './task-supervision';

export class ContractTermRun {
  status: ContractTermState['status'];
  extensionMonths: number;
  extensionsUsed: number;
  earlyEnd?: { endDate: IsoDate; reason: string };
  readonly done: Set<string>;
  readonly amendmentsCents: number[];
  readonly tasks: SupervisedTask[];
  readonly summary: ContractHistorySummary;
  readonly runYear: number;
  readonly ctx: TaskOwnerContext;
  readonly commissioner: string;
  /** Bumped when the plan changes (extension, early end): the sleeping loop re-plans. */
  version = 0;
  midtermPending = false;
  private readonly running: Promise<unknown>[] = [];

  constructor(
    readonly input: ContractTermInput,
    readonly workflowId: string,
    carry?: ContractTermCarry,
    /** What this contract plans (decided at its start, carried: contract-agenda.ts). */
    readonly agendaVersion: AgendaVersion = 1,
  ) {
    this.status = carry?.status ?? 'awarded';
    this.extensionMonths = carry?.extensionMonths ?? 0;
    this.extensionsUsed = carry?.extensionsUsed ?? 0;
    this.earlyEnd = carry?.earlyEnd;
    this.done = new Set(carry?.done ?? []);
    this.amendmentsCents = [...(carry?.amendmentsCents ?? [])];
    this.tasks = [...(carry?.openTasks ?? [])];
    this.summary = carry?.summary ?? { accountabilityCyclesStarted: 0, tasksOpened: 0, tasksCompleted: 0, extensions: [], runs: 0 };
    this.summary.runs++;
    this.commissioner = leadOrganisation(input.commissioners);
    this.runYear = carry?.runYear ?? 1;
    this.ctx = {
      workflowId,
      tenderId: input.tenderId,
      contractId: input.contractId,
      commissioner: this.commissioner,
      provider: input.provider.organisation,
      subjectTitle: input.title,
      reminderDaysBefore: input.reminderDaysBefore ?? [...DEFAULT_REMINDER_DAYS],
      recipients: (role, organisation) => this.recipients(role, organisation),
      escalationRecipients: () => this.recipients('manager', this.commissioner),
    };
  }

  get schedule(): ContractSchedule {
    const { terms, startDate } = this.input;
    const base = {
      startDate,
      termYears: terms.termYears,
      extensionMonths: this.extensionMonths,
      midtermReviewAfterMonths: terms.midtermReviewAfterMonths,
      accountabilityCadence: terms.accountabilityCadence,
    };
    if (this.agendaVersion < 3) return computeContractSchedule(base);
    const endDate = computeContractSchedule(base).endDate;
    const leadDays = nextTenderLeadDays(this.input.procurementForm ?? 'socialServicesLightRegime', addDaysTo(endDate, 1));
    return computeContractSchedule({ ...base, municipalYear: true, nextTenderLeadDays: leadDays });
  }

  get endDate(): IsoDate {
    return this.earlyEnd?.endDate ?? this.schedule.endDate;
  }

  /** The agenda up to the (possibly early) end. */
  agenda(): AgendaItem[] {
    const items = contractAgenda(this.schedule, { version: this.agendaVersion });
    if (!this.earlyEnd) return items;
    const end = this.earlyEnd.endDate;
    // The cycle of the last period (it ends on the end date) still runs; nothing later does.
    return [
      ...items.filter(
        (item) => (item.action.kind !== 'endTerm' && item.on <= end) || (item.action.kind === 'startAccountabilityCycle' && item.on <= addDaysTo(end, 1)),
      ),
      { key: `endTerm:${end}`, on: addDaysTo(end, 1), action: { kind: 'endTerm', endDate: end } },
    ];
  }

  nextItem(): AgendaItem | undefined {
    if (this.status === 'ended') return undefined;
    return this.agenda().find((item) => !this.done.has(item.key));
  }

  yearOf(date: IsoDate): number {
    return contractYearOf(this.schedule, date);
  }

  openTasks(): SupervisedTask[] {
    return this.tasks.filter((t) => t.status === 'open');
  }

  background(promise: Promise<unknown>): void {
    this.running.push(promise);
  }

  recipients(role: Role, organisation: string): string[] {
    return [...new Set(this.input.stakeholders.filter((s) => s.role === role && s.organisation === organisation).map((s) => s.email))];
  }

  newTask(kind: ContractTaskKind, dueDate: IsoDate, year?: number): SupervisedTask {
    const task = createTask({
      id: `${this.input.contractId}:${kind}:${dueDate}`,
      kind,
      title: year === undefined ? contractTaskTitles[kind] : municipalYearTaskTitle(kind as MunicipalYearTaskKind, year),
      role: contractTaskOwner(kind, this.agendaVersion),
      organisation: this.commissioner,
      dueDate,
    });
    this.tasks.push(task);
    this.summary.tasksOpened++;
    return task;
  }

  async record(type: string, data: Record<string, unknown>, actor?: Actor): Promise<void> {
    await activities.recordEvent(newEvent(this.ctx, type, data, actor));
  }

  async enterStatus(status: ContractTermState['status'], data: Record<string, unknown> = {}, actor?: Actor): Promise<void> {
    this.status = status;
    await activities.recordContractStatus({
      contractId: this.input.contractId,
      status,
      endDate: this.endDate,
      event: newEvent(this.ctx, `contract.${status}`, { startDate: this.input.startDate, endDate: this.endDate, ...data }, actor),
    });
  }

  async endTerm(endDate: IsoDate): Promise<void> {
    const open = this.openTasks();
    open.forEach(cancelSupervisedTask);
    for (const task of open) await recordTaskChange(this.ctx, task, 'task.cancelled', { reason: `contract ended on ${endDate}` });
    await this.enterStatus('ended', { endedEarly: Boolean(this.earlyEnd), reason: this.earlyEnd?.reason });
  }

  /** The midterm review decided to end the contract, or the provider refused a revision (VNG art. 1.4). */
  async applyMidtermResult(result: MidtermReviewResult): Promise<void> {
    this.midtermPending = false;
    if (this.summary.midtermReview) this.summary.midtermReview.result = result;
    if (result.amendmentRecorded && result.revision) this.amendmentsCents.push(result.revision.valueChangeCents);
    if (this.status !== 'ended' && (result.decision === 'end' || result.providerEnds)) {
      // Ended per the clause: after the notice period of VNG art. 1.3, or at the planned end if sooner.
      const end = addMonthsTo(today(), 6);
      if (end < this.endDate) {
        this.earlyEnd = { endDate: end, reason: result.providerEnds ? 'provider refused the revision (VNG art. 1.4)' : 'ended per the revision clause' };
        this.version++;
        await this.enterStatus(this.status, { earlyEnd: this.earlyEnd });
      }
    }
    await this.record('contract.midtermReviewDecided', { ...result });
  }

  /** What every child workflow of this contract is given about it. */
  private childContext() {
    return {
      contractId: this.input.contractId,
      contractWorkflowId: this.workflowId,
      title: this.input.title,
      commissioner: this.commissioner,
      provider: this.input.provider.organisation,
      stakeholders: this.input.stakeholders,
      reminderDaysBefore: [...this.ctx.reminderDaysBefore],
    };
  }

  accountabilityInput(period: AccountabilityPeriod): AccountabilityCycleInput {
    return { ...this.childContext(), period, kpis: this.input.terms.kpis };
  }

  midtermInput(reviewDate: IsoDate): MidtermReviewInput {
    return { ...this.childContext(), reviewDate, initialValueCents: this.input.valueCents, previousChangesCents: [...this.amendmentsCents] };
  }

  carry(nextYear: number): ContractTermCarry {
    return {
      runYear: nextYear,
      agendaVersion: this.agendaVersion,
      status: this.status,
      extensionMonths: this.extensionMonths,
      extensionsUsed: this.extensionsUsed,
      earlyEnd: this.earlyEnd,
      done: [...this.done],
      amendmentsCents: this.amendmentsCents,
      openTasks: this.openTasks(),
      summary: this.summary,
    };
  }

  view(): ContractTermState {
    const upcoming = this.status === 'ended' ? [] : scheduleMilestones(this.schedule).filter((m) => m.date >= today() && m.date <= this.endDate).slice(0, 5);
    return {
      contractId: this.input.contractId,
      status: this.status,
      startDate: this.input.startDate,
      endDate: this.endDate,
      phase: this.status === 'active' ? `year ${this.yearOf(today())}` : this.status,
      nextDeadlines: upcoming.map((m) => ({ key: m.key, kind: m.kind, date: m.date })),
      summary: this.summary,
      budget: { integratedBudgetCents: this.input.valueCents, indexation: this.input.terms.indexation },
    };
  }

  /** The whole term on one list: done, open, overdue or planned. */
  timeline(): ContractTimelineItem[] {
    const todayDate = today();
    const periods = this.schedule.accountabilityPeriods;
    // A period's report and conversation fall after it ends, possibly after the end of the term.
    const within = (m: ScheduleMilestone) => (m.periodIndex ? periods[m.periodIndex - 1]!.from <= this.endDate : m.date <= this.endDate);
    const milestones = scheduleMilestones(this.schedule).filter(within);
    if (this.earlyEnd) milestones.push({ key: `termEnd:${this.endDate}`, kind: 'termEnd', date: this.endDate, contractYear: this.yearOf(this.endDate) });
    return milestones
      .map((m) => {
        const task = this.tasks.find((t) => t.kind === m.kind && t.dueDate === m.date);
        const status = task
          ? task.status === 'done'
            ? 'done'
            : task.status === 'cancelled'
              ? 'cancelled'
              : daysBetween(m.date, todayDate) > 0
                ? 'overdue'
                : 'open'
          : m.date < todayDate
            ? 'open' // carried out by a child workflow (accountability cycle, midterm review): see its tasks
            : 'planned';
        return { key: m.key, kind: m.kind, label: scheduleMilestoneKindLabels[m.kind], date: m.date, status } as ContractTimelineItem;
      });
  }
}

