/** The state of one run of a contract term workflow, and what it derives from it. */
import { getExternalWorkflowHandle, isCancellation, patched } from '@temporalio/workflow';
import { addChange, type ChangeContext, type ChangeGroundInput, type ChangeTotals, changeTotalsFromLegacy } from '../../domain/change-grounds';
import { addDaysTo, addMonthsTo, daysBetween, type IsoDate } from '../../domain/dates';
import { endLetter, EARLY_TERMINATION_ARTICLE, noticeMonthsOf, REVISION_REFUSAL_ARTICLE, revisionRefusalEndDate } from '../../domain/early-end';
import { type ContractParty, type EarlyTermination } from '../../domain/schemas/contract-terms';
import { type AgendaItem, type AgendaVersion, contractAgenda, contractTaskOwner, contractTaskTitles, contractYearOf, type ContractTaskKind, municipalYearTaskTitle } from '../../domain/contract-agenda';
import { type AccountabilityPeriod, type ContractSchedule, type ScheduleMilestone, scheduleMilestoneKindLabels, scheduleMilestones } from '../../domain/contract-schedule';
import type { Role } from '../../domain/glossary';
import { DEFAULT_REMINDER_DAYS } from '../../domain/task-alerts';
import { termSchedule } from '../../domain/term-schedule';
import { changeThresholdCents } from '../../domain/thresholds';
import type { MunicipalYearTaskKind } from '../../domain/municipal-year';
import type { Actor } from '../../domain/schemas/actor';
import { activities } from '../shared/activities';
import { addressRoles, recipientsOf } from '../shared/recipients';
import type { RoleRef } from '../../domain/directory';
import { sendNotificationOrRecordFailure } from '../shared/notifications';
import { contractCommissioners } from '../../domain/access';
import { recordContractStatusOrFailure } from '../shared/record-failures';
import { today } from '../shared/clock';
import { accountabilityWorkflowId } from '../accountability-cycle/accountability-definitions';
import type {
  ContractHistorySummary,
  ContractTermCarry,
  ContractTermInput,
  ContractTermState,
  ContractTimelineItem,
  EarlyEnd,
} from './contract-definitions';
import type { AccountabilityCycleInput } from '../accountability-cycle/accountability-definitions';
import { contractChangeTotalsSignal, type MidtermReviewInput, type MidtermReviewResult } from '../midterm-review/midterm-definitions';
import { SupplementaryPortfolio } from '../supplementary-assignment/portfolio';
import { cancelSupervisedTask, createTask, newEvent, recordTaskChange, type SupervisedTask, type TaskOwnerContext } from '../shared/task-supervision';
import type { IndexationYear } from '../../domain/indexation';
import { DEFAULT_EARLY_TERMINATION } from '../../domain/early-end';
import { leadOrganisation } from '../../domain/lead-organisation';

/**
 * The end of a contract per its clauses: a midterm 'end' decision with the commissioner's notice of
 * VNG art. 1.3.4 (not "today + 6 months"), a provider's refusal of a revision ending the contract on
 * the day the change would take effect (art. 1.4.2), a letter to the other party for every early end,
 * and the children (accountability cycles, midterm review) closed when the contract ends early.
 * Asked where each of these happens, so runs and histories from before keep their behaviour.
 */
export const CONTRACT_END_PER_CLAUSE_PATCH = 'contract-end-per-clause';

/** Failures of background work (ContractTermRun.background) are recorded instead of left unhandled. */
export const BACKGROUND_FAILURES_PATCH = 'background-failures-recorded';

export class ContractTermRun {
  status: ContractTermState['status'];
  extensionMonths: number;
  extensionsUsed: number;
  earlyEnd?: EarlyEnd;
  readonly done: Set<string>;
  /** Indexation rates per calendar year (agenda version 3), carried. */
  readonly indexationYears: Map<number, IndexationYear>;
  /** One cumulative total per legal ground (Aw 2012 art. 2.163b-d): the contract owns them. */
  changeTotals: ChangeTotals;
  /** Children that asked for the change totals and hear of every change (changeTotalsRequestSignal). */
  readonly changeSubscribers = new Set<string>();
  readonly tasks: SupervisedTask[];
  readonly summary: ContractHistorySummary;
  readonly runYear: number;
  readonly ctx: TaskOwnerContext;
  readonly commissioner: string;
  /** Bumped when the plan changes (extension, early end): the sleeping loop re-plans. */
  version = 0;
  midtermPending = false;
  /**
   * Set as the run returns: a signal handled in the same activation after that (a child's news) may
   * change state but starts no work, since no command may follow the run's completion.
   */
  closed = false;
  /** Its supplementary assignments, from the first request on (workflows/supplementary-assignment). */
  portfolio?: SupplementaryPortfolio;
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
    this.indexationYears = new Map((carry?.indexationYears ?? []).map((y) => [y.year, y]));
    this.changeTotals = carry?.changeTotals ?? changeTotalsFromLegacy(carry?.amendmentsCents ?? []);
    this.tasks = [...(carry?.openTasks ?? [])];
    this.summary = carry?.summary ?? { accountabilityCyclesStarted: 0, tasksOpened: 0, tasksCompleted: 0, extensions: [], runs: 0 };
    this.summary.runs++;
    this.commissioner = leadOrganisation(input.commissioners);
    this.runYear = carry?.runYear ?? 1;
    if (carry?.supplementary) this.portfolio = new SupplementaryPortfolio(this, carry.supplementary);
    this.ctx = {
      workflowId,
      tenderId: input.tenderId,
      contractId: input.contractId,
      commissioner: this.commissioner,
      provider: input.provider.organisation,
      subjectTitle: input.title,
      reminderDaysBefore: input.reminderDaysBefore ?? [...DEFAULT_REMINDER_DAYS],
      recipients: (role, organisation) => this.recipients(role, organisation),
      escalationTo: () => [{ role: 'manager', organisation: this.commissioner }],
    };
  }

  /** The schedule changes only with an extension: computed once per extension (it plans a tender for its lead time). */
  private cachedSchedule?: { extensionMonths: number; schedule: ContractSchedule };

  get schedule(): ContractSchedule {
    if (this.cachedSchedule?.extensionMonths !== this.extensionMonths) {
      this.cachedSchedule = { extensionMonths: this.extensionMonths, schedule: termSchedule(this.input, this.extensionMonths, this.agendaVersion) };
    }
    return this.cachedSchedule.schedule;
  }

  get endDate(): IsoDate {
    return this.earlyEnd?.endDate ?? this.schedule.endDate;
  }

  /** The agenda up to the (possibly early) end. */
  agenda(): AgendaItem[] {
    const items = withSupplementary(contractAgenda(this.schedule, { version: this.agendaVersion }), this.portfolio?.agendaItems(this.endDate));
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

  /**
   * Work that runs beside the main loop (task supervision, a child's result). Nobody awaits it, so a
   * failure is recorded here (`workflow.backgroundFailed`) instead of becoming an unhandled rejection
   * that fails the workflow task again at every retry. Cancellation (the contract ended) is not a failure.
   */
  background(promise: Promise<unknown>): void {
    this.running.push(promise.catch((error: unknown) => this.backgroundFailed(error)));
  }

  private async backgroundFailed(error: unknown): Promise<void> {
    if (isCancellation(error)) return;
    // Runs before this change let the rejection go unhandled: replay them as they ran.
    if (!patched(BACKGROUND_FAILURES_PATCH)) throw error;
    const failure = error instanceof Error ? error : new Error(String(error));
    const cause = (failure as { cause?: unknown }).cause;
    await activities
      .recordEvent(
        newEvent(this.ctx, 'workflow.backgroundFailed', {
          error: failure.message,
          type: (cause as { type?: string } | undefined)?.type ?? failure.name,
          ...(cause instanceof Error ? { cause: cause.message } : {}),
        }),
      )
      .catch(() => undefined);
  }

  recipients(role: Role, organisation: string): string[] {
    return recipientsOf(this.input.stakeholders, role, organisation);
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
    await recordContractStatusOrFailure({
      contractId: this.input.contractId,
      status,
      endDate: this.endDate,
      event: newEvent(this.ctx, `contract.${status}`, { startDate: this.input.startDate, endDate: this.endDate, ...data }, actor),
    }, contractCommissioners(this.input.commissioners));
  }

  async endTerm(endDate: IsoDate): Promise<void> {
    const open = this.openTasks();
    open.forEach(cancelSupervisedTask);
    for (const task of open) await recordTaskChange(this.ctx, task, 'task.cancelled', { reason: `contract ended on ${endDate}` });
    await this.enterStatus('ended', { endedEarly: Boolean(this.earlyEnd), reason: this.earlyEnd?.reason });
    if (this.earlyEnd && patched(CONTRACT_END_PER_CLAUSE_PATCH)) await this.closeChildren(endDate);
  }

  get earlyTermination(): EarlyTermination {
    return this.input.terms.earlyTermination ?? DEFAULT_EARLY_TERMINATION;
  }

  /** What a change is checked against: the initial value, the procurement form, the change options and the totals. */
  changeContext(): ChangeContext {
    // The threshold of the contract's category on the day of the change (the dated table of domain/thresholds.ts).
    const threshold = this.input.procurementForm ? changeThresholdCents(this.input.procurementForm, today()) : undefined;
    return {
      initialValueCents: this.input.valueCents,
      procurementForm: this.input.procurementForm,
      changeOptions: this.input.terms.changeOptions ?? [],
      totals: this.changeTotals,
      ...(threshold ? { threshold } : {}),
    };
  }

  /** Counts a change under its ground and tells the subscribed children the new totals. */
  countChange(ground: ChangeGroundInput, valueChangeCents: number): void {
    this.changeTotals = addChange(this.changeTotals, ground, valueChangeCents);
    for (const workflowId of this.changeSubscribers) this.background(this.sendChangeTotals(workflowId));
  }

  /** Answers a child's request for the change totals (changeTotalsRequestSignal); a child that has gone is dropped. */
  async sendChangeTotals(workflowId: string): Promise<void> {
    this.changeSubscribers.add(workflowId);
    try {
      await getExternalWorkflowHandle(workflowId).signal(contractChangeTotalsSignal, this.changeTotals);
    } catch {
      this.changeSubscribers.delete(workflowId);
    }
  }

  /**
   * Ends the contract early: the new end date replans the agenda, the other party gets a letter (a
   * mail with the decision, art. 1.3.4 "schriftelijk"), and both are recorded.
   */
  async endEarly(earlyEnd: Required<Omit<EarlyEnd, 'decidedOn'>>, actor?: Actor): Promise<void> {
    this.earlyEnd = { ...earlyEnd, decidedOn: today() };
    this.version++;
    await this.enterStatus(this.status, { earlyEnd: this.earlyEnd }, actor);
    await this.sendEndLetter(this.earlyEnd);
  }

  private async sendEndLetter(earlyEnd: EarlyEnd): Promise<void> {
    const from: ContractParty = earlyEnd.by ?? 'commissioner';
    const to: ContractParty = from === 'commissioner' ? 'provider' : 'commissioner';
    const organisation = (party: ContractParty) => (party === 'commissioner' ? this.commissioner : this.input.provider.organisation);
    const roles: RoleRef[] =
      to === 'provider'
        ? [{ role: 'contractContact', organisation: organisation(to) }, { role: 'director', organisation: organisation(to) }]
        : [{ role: 'contractManager', organisation: this.commissioner }, { role: 'manager', organisation: this.commissioner }];
    const recipients = [...(to === 'provider' ? [this.input.provider.email] : []), ...roles.flatMap((r) => this.recipients(r.role, r.organisation))];
    const letter = endLetter({
      contractTitle: this.input.title,
      from: { party: from, organisation: organisation(from) },
      to: { party: to, organisation: organisation(to) },
      endDate: earlyEnd.endDate,
      decidedOn: earlyEnd.decidedOn ?? today(),
      reason: earlyEnd.reason,
      article: earlyEnd.article ?? EARLY_TERMINATION_ARTICLE,
    });
    const unique = [...new Set(recipients)];
    if (unique.length > 0) {
      const { addressedTo } = addressRoles((role, org) => this.recipients(role, org), roles);
      // A letter the mail server refuses for good is recorded (notification.failed); the contract still ends.
      await sendNotificationOrRecordFailure(
        { idempotencyKey: `${this.workflowId}:endLetter:${earlyEnd.endDate}`, workflowId: this.workflowId, kind: 'status-change', to: unique, ...(addressedTo ? { addressedTo } : {}), ...letter },
        (type, data) => newEvent(this.ctx, type, data),
      );
    }
    await this.record('contract.endLetterSent', { from, to, organisation: organisation(to), recipients: unique, endDate: earlyEnd.endDate, article: earlyEnd.article, subject: letter.subject, text: letter.text });
  }

  /**
   * The contract ended early: the children it started with ParentClosePolicy.ABANDON would otherwise
   * run on, reminding people of tasks that no longer apply. Each still running is cancelled (each
   * handles it by cancelling its open tasks); one that already completed refuses the request, which
   * is fine. The cycle of the last period (started the day after the end, for that period's report)
   * runs on.
   */
  async closeChildren(endDate: IsoDate): Promise<void> {
    const ids: string[] = [];
    if (this.midtermPending && this.summary.midtermReview) ids.push(this.summary.midtermReview.workflowId);
    const periods = this.schedule.accountabilityPeriods;
    for (let index = 1; index <= this.summary.accountabilityCyclesStarted; index++) {
      if ((periods[index - 1]?.to ?? endDate) < endDate) ids.push(accountabilityWorkflowId(this.input.contractId, index));
    }
    ids.push(...(this.portfolio?.runningTerms() ?? []));
    const outcomes = await Promise.allSettled(ids.map((id) => getExternalWorkflowHandle(id).cancel()));
    await this.record('contract.childrenClosed', {
      endDate,
      cancelled: ids.filter((_, i) => outcomes[i]!.status === 'fulfilled'),
      alreadyClosed: ids.filter((_, i) => outcomes[i]!.status === 'rejected'),
    });
  }

  /** The midterm review decided to end the contract, or the provider refused a revision (VNG art. 1.4.2). */
  async applyMidtermResult(result: MidtermReviewResult): Promise<void> {
    this.midtermPending = false;
    if (this.summary.midtermReview) {
      this.summary.midtermReview.result = result;
      this.changeSubscribers.delete(this.summary.midtermReview.workflowId);
    }
    // The contract counts the accepted revision under its ground; before the grounds, all was de minimis.
    if (result.amendmentRecorded && result.revision) this.countChange(result.ground ?? { basis: 'deMinimis' }, result.revision.valueChangeCents);
    const ends = this.status !== 'ended' && !result.closedByContractEnd && (result.decision === 'end' || result.providerEnds);
    if (ends && patched(CONTRACT_END_PER_CLAUSE_PATCH)) {
      await this.endPerClause(result);
    } else if (ends) {
      // The first version (histories from before the clauses): "today + 6 months", which neither clause says.
      const end = addMonthsTo(today(), 6);
      if (end < this.endDate) {
        this.earlyEnd = { endDate: end, reason: result.providerEnds ? 'provider refused the revision (VNG art. 1.4)' : 'ended per the revision clause' };
        this.version++;
        await this.enterStatus(this.status, { earlyEnd: this.earlyEnd });
      }
    }
    await this.record('contract.midtermReviewDecided', { ...result });
  }

  /**
   * Art. 1.4.2: a provider refusing the revision ends the contract on the day the change would take
   * effect (today, when it answered later). Art. 1.3.4: the commissioner's 'end' decision ends it
   * after its notice, when the contract's option lets it end early at all.
   */
  private async endPerClause(result: MidtermReviewResult): Promise<void> {
    if (result.providerEnds && result.revision) {
      const endDate = revisionRefusalEndDate(result.revision.effectiveDate, this.endDate, today());
      if (endDate < this.endDate) {
        await this.endEarly({ endDate, reason: `De opdrachtnemer weigert de herziening (${result.revision.description})`, by: 'provider', article: REVISION_REFUSAL_ARTICLE });
      }
      return;
    }
    const notice = noticeMonthsOf(this.earlyTermination, 'commissioner');
    if (notice === undefined) {
      await this.record('contract.earlyEndNotAllowed', { reason: result.rationale, article: EARLY_TERMINATION_ARTICLE, option: this.earlyTermination.option });
      return;
    }
    const endDate = addMonthsTo(today(), notice);
    if (endDate < this.endDate) await this.endEarly({ endDate, reason: result.rationale, by: 'commissioner', article: EARLY_TERMINATION_ARTICLE });
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
    return {
      ...this.childContext(),
      reviewDate,
      initialValueCents: this.input.valueCents,
      // The snapshot, for when the contract cannot be reached; the review asks for the totals (changeTotalsRequestSignal).
      previousChangesCents: [this.changeTotals.byGround.deMinimis],
      changeOptions: this.input.terms.changeOptions ?? [],
      ...(this.input.procurementForm ? { procurementForm: this.input.procurementForm } : {}),
      earlyTermination: this.earlyTermination,
    };
  }

  carry(nextYear: number): ContractTermCarry {
    return {
      runYear: nextYear,
      agendaVersion: this.agendaVersion,
      ...(this.indexationYears.size > 0 ? { indexationYears: [...this.indexationYears.values()] } : {}),
      status: this.status,
      extensionMonths: this.extensionMonths,
      extensionsUsed: this.extensionsUsed,
      earlyEnd: this.earlyEnd,
      done: [...this.done],
      changeTotals: this.changeTotals,
      ...(this.portfolio ? { supplementary: this.portfolio.carry() } : {}),
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
      budget: {
        integratedBudgetCents: this.input.valueCents,
        indexation: this.input.terms.indexation,
        ...(this.indexationYears.size > 0 ? { indexationYears: [...this.indexationYears.values()] } : {}),
      },
      changeTotals: this.changeTotals,
      ...(this.earlyEnd ? { earlyEnd: this.earlyEnd } : {}),
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


/** The bundling moments of supplementary assignments, merged into the agenda by date (before the term's end on its day). */
function withSupplementary(items: AgendaItem[], supplementary: AgendaItem[] | undefined): AgendaItem[] {
  if (!supplementary?.length) return items;
  const end = items.findIndex((item) => item.action.kind === 'endTerm');
  const merged = [...items.slice(0, end), ...supplementary].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return [...merged, ...items.slice(end)];
}
