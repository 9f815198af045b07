/** The messages a contract term workflow answers: shared by the workflow, the API and tests. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AgendaVersion } from '../../domain/contract-agenda';
import type { IsoDate } from '../../domain/dates';
import type { RecordIndexationRate } from '../../domain/schemas/indexation';
import type { ScheduleMilestoneKind } from '../../domain/contract-schedule';
import type { MilestoneStatus, ProcurementForm } from '../../domain/glossary';
import type { Stakeholder } from '../../domain/schemas/actor';
import type { ChangeGroundAssessment, ChangeTotals } from '../../domain/change-grounds';
import type { ContractParty } from '../../domain/schemas/contract-terms';
import type { AmendContract, DecideTermEnd, EndContractEarly } from '../../domain/schemas/contract-actions';
import type { Commissioner, ContractTerms, IndexationRule, Lot, TenderLaunchInput } from '../../domain/schemas/tender-launch';
import type { MidtermReviewResult } from '../midterm-review/midterm-definitions';
import type { SupervisedTask } from '../shared/task-supervision';
import type { PortfolioCarry } from '../supplementary-assignment/portfolio';
import type { IndexationYear } from '../../domain/indexation';

export function contractWorkflowId(contractId: string): string {
  return `contract-${contractId}`;
}

export interface ContractTermInput {
  contractId: string;
  tenderId?: string;
  title: string;
  lot: Lot;
  commissioners: Commissioner[];
  provider: { organisation: string; email: string };
  valueCents: number;
  startDate: IsoDate;
  terms: ContractTerms & { midtermReviewAfterMonths: number };
  stakeholders: Stakeholder[];
  reminderDaysBefore?: number[];
  /** How the contract was procured (prefills the next tender). */
  procurementForm?: ProcurementForm;
}

/** What a contract term carries into its next run (continue-as-new once per contract year). */
export interface ContractTermCarry {
  /** The contract year this run works in. */
  runYear: number;
  /**
   * What the contract plans (domain/contract-agenda.ts), decided in its first run and carried, so a
   * later run never plans what the code did not promise at the start. Absent in carries written
   * before it was carried.
   */
  agendaVersion?: AgendaVersion;
  /** The indexation rates recorded per calendar year (agenda version 3). */
  indexationYears?: IndexationYear[];
  status: ContractTermState['status'];
  extensionMonths: number;
  extensionsUsed: number;
  earlyEnd?: EarlyEnd;
  /** Agenda items already carried out. */
  done: string[];
  /** Value changes agreed before the legal grounds were recorded, signed cents: all count as de minimis (art. 2.163b). */
  amendmentsCents?: number[];
  /** The net change per legal ground (Aw 2012 art. 2.163b-d) and per change option, signed cents. */
  changeTotals?: ChangeTotals;
  /** Supplementary assignments, once the contract took its first request in (patched('supplementary-intake')). */
  supplementary?: PortfolioCarry;
  /** Tasks still open at the end of the previous run, supervised on. */
  openTasks: SupervisedTask[];
  summary: ContractHistorySummary;
}

/** An early end: its date and reason; from the legal-grounds version on also who ended it and on which article. */
export interface EarlyEnd {
  endDate: IsoDate;
  reason: string;
  by?: ContractParty;
  article?: string;
  decidedOn?: IsoDate;
}

export interface ContractHistorySummary {
  accountabilityCyclesStarted: number;
  tasksOpened: number;
  tasksCompleted: number;
  extensions: { months: number; decidedAt: string; reason: string }[];
  midtermReview?: { workflowId: string; result?: MidtermReviewResult };
  /** The longest history of a run so far (events), read at each continue-as-new. */
  largestRunHistoryLength?: number;
  runs: number;
}

export interface ContractTermState {
  contractId: string;
  status: 'awarded' | 'active' | 'ended';
  startDate: IsoDate;
  endDate: IsoDate;
  /** Present from the lifecycle version on. */
  phase?: string;
  nextDeadlines?: { key: string; kind: string; date: IsoDate }[];
  summary?: ContractHistorySummary;
  /** The integrated budget (the contract value) and how it is indexed each year. */
  budget?: { integratedBudgetCents: number; indexation?: IndexationRule; indexationYears?: IndexationYear[] };
  /** The net change so far per legal ground (Aw 2012 art. 2.163b-d) and per change option, signed cents. */
  changeTotals?: ChangeTotals;
  /** An early end: its date, reason, the party that ended and the article (VNG art. 1.3.4 or 1.4.2). */
  earlyEnd?: EarlyEnd;
}

export interface ContractTimelineItem {
  key: string;
  kind: ScheduleMilestoneKind;
  label: string;
  date: IsoDate;
  status: MilestoneStatus;
}

export const contractStateQuery = defineQuery<ContractTermState>('contractState');
export const contractTimelineQuery = defineQuery<ContractTimelineItem[]>('contractTimeline');
/** The next tender preparation, prefilled from this contract (after the renewal evaluation). */
export const nextTenderDraftQuery = defineQuery<Omit<TenderLaunchInput, 'launchedBy'>>('nextTenderDraft');
export const decideTermEndUpdate = defineUpdate<ContractTermState, [DecideTermEnd]>('decideTermEnd');
export const endContractEarlyUpdate = defineUpdate<ContractTermState, [EndContractEarly]>('endContractEarly');
export const amendContractUpdate = defineUpdate<ChangeGroundAssessment, [AmendContract]>('amendContract');

/**
 * How a child (the midterm review; later the intake of supplementary assignments) asks the contract
 * for its change totals. A workflow cannot query another workflow, and an activity that queries the
 * parent through a Temporal client would read a value that is stale by the time the child acts on it.
 * So the child signals this request with its own workflow id; the contract answers by signalling
 * `contractChangeTotalsSignal` (midterm-definitions) back to it, and signals it again every time a
 * total changes while the child is subscribed (an amendment recorded during the review). Both signals
 * are commands in the workflows' histories, so replays see the same answers. The contract counts the
 * child's change itself once it is accepted (the child's result), so the totals have one owner.
 */
export const changeTotalsRequestSignal = defineSignal<[{ workflowId: string }]>('changeTotalsRequested');
/** A calendar year's indexation rate, provisional or settled (agenda version 3). */
export const recordIndexationRateUpdate = defineUpdate<IndexationYear, [RecordIndexationRate]>('recordIndexationRate');
