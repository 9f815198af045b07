/**
 * The messages a midterm review workflow answers: shared by the workflow, its parent (the contract
 * term workflow), the API and tests. The review is a child of the contract term workflow, started
 * at the midterm review date; the parent acts on its result (MidtermReviewResult).
 */
import type { SupervisedTaskView } from '../shared/task-supervision';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AmendmentAssessment } from '../../domain/amendment-limits';
import type { ChangeGroundAssessment, ChangeTotals } from '../../domain/change-grounds';
import type { ProcurementForm } from '../../domain/glossary';
import type { ChangeOption, EarlyTermination } from '../../domain/schemas/contract-terms';
import type { IsoDate } from '../../domain/dates';
import type { Actor, Stakeholder } from '../../domain/schemas/actor';
import type { AmendmentOverride, RecordMidtermDecision, RespondToRevision, Revision } from '../../domain/schemas/midterm';
import type { MidtermEvidenceSummary } from '../../activities/assemble-midterm-evidence';
import type { MidtermDecisionKind } from '../../domain/glossary';

export function midtermReviewWorkflowId(contractId: string): string {
  return `contract-${contractId}-midterm-review`;
}

export interface MidtermReviewInput {
  contractId: string;
  /** The parent contract term workflow (for the record; tasks of this review carry this workflow's own id). */
  contractWorkflowId: string;
  /** The contract's title, in messages. */
  title: string;
  /** The commissioning organisation: its contract manager holds the review, its manager hears of delays. */
  commissioner: string;
  /** The providing organisation: its contract contact responds to a revision. */
  provider: string;
  reviewDate: IsoDate;
  /** The initial contract value (indexed, when the contract has an indexation clause), Aw 2012 art. 2.163b. */
  initialValueCents: number;
  /**
   * Value changes already made (amendments, bundles added), signed: the snapshot at start. From
   * `patched('midterm-asks-contract')` on the review asks the contract for its totals instead
   * (changeTotalsRequestSignal) and uses this only when the contract cannot be reached.
   */
  previousChangesCents: number[];
  /** The contract's change options (VNG art. 1.4.1, Aw 2012 art. 2.163c); absent in reviews started before them. */
  changeOptions?: ChangeOption[];
  procurementForm?: ProcurementForm;
  /** Who may end the contract early (VNG art. 1.3.4); absent in reviews started before it (then not checked). */
  earlyTermination?: EarlyTermination;
  stakeholders: Stakeholder[];
  reminderDaysBefore: number[];
}

/**
 * assemblingEvidence → decision (review meeting task open, the decision Update accepted) → decided
 * (recording) → providerResponse (after a revision: the provider's task open) → completed.
 */
export type MidtermPhase = 'assemblingEvidence' | 'decision' | 'decided' | 'providerResponse' | 'completed';

export type MidtermTaskView = SupervisedTaskView;

export interface MidtermDecisionView {
  decision: MidtermDecisionKind;
  rationale: string;
  by: Actor;
  decidedAt: string;
  decidedOn: IsoDate;
  revision?: Revision;
  /** Only when the revision crossed the Aw 2012 art. 2.163b limit and was decided with an override. */
  override?: AmendmentOverride;
  /** The Aw 2012 art. 2.163b assessment of a revision (with its warning from 80% of the limit). */
  assessment?: AmendmentAssessment;
  /** The legal ground of a revision and its assessment (Aw 2012 art. 2.163b-d). */
  changeGround?: ChangeGroundAssessment;
}

export interface ProviderResponseView {
  accept: boolean;
  note: string;
  by: Actor;
  at: string;
}

export interface MidtermReviewView {
  contractId: string;
  phase: MidtermPhase;
  reviewDate: IsoDate;
  evidence?: MidtermEvidenceSummary;
  tasks: MidtermTaskView[];
  decision?: MidtermDecisionView;
  providerResponse?: ProviderResponseView;
  amendmentRecorded: boolean;
  providerEnds: boolean;
}

/** What the parent contract term workflow acts on. */
export interface MidtermReviewResult {
  decision: MidtermDecisionKind;
  rationale: string;
  decidedOn: IsoDate;
  revision?: Revision;
  /** The 'contract.amended' event was recorded: the provider accepted the revision. */
  amendmentRecorded: boolean;
  /** The provider refused the revision and may end the contract (VNG art. 1.4). */
  providerEnds: boolean;
  override?: AmendmentOverride;
  assessment?: AmendmentAssessment;
  /** The legal ground of the revision: the contract counts the revision under it once accepted. */
  ground?: ChangeGroundAssessment['ground'];
  /** The review was closed because the contract ended early, before the review was complete. */
  closedByContractEnd?: boolean;
}

export const midtermReviewQuery = defineQuery<MidtermReviewView>('midtermReview');
export const recordMidtermDecisionUpdate = defineUpdate<MidtermDecisionView, [RecordMidtermDecision]>('recordMidtermDecision');
/** The contract's answer to changeTotalsRequestSignal (contract-definitions), and every later change of it. */
export const contractChangeTotalsSignal = defineSignal<[ChangeTotals]>('contractChangeTotals');
export const respondToRevisionUpdate = defineUpdate<ProviderResponseView, [RespondToRevision]>('respondToRevision');
