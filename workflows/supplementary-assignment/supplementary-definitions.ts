/**
 * The messages of supplementary assignments: shared by the workflows, the API and tests.
 *
 * The contract term is the one intake ("met één mond"): it takes in requests, opens the joint panel's
 * vetting task, checks an accepted request's route against the contract's one total per legal ground
 * (it owns them: Aw 2012 art. 2.163b-d) and counts it, keeps the bundles, the yearly flexible amount
 * and the spending caps. Each accepted assignment then runs its own term as a child workflow
 * (supplementaryAssignmentWorkflow): the provider's confirmation, its own reports when it demands
 * them, the end or renewal decision before it ends. Child and contract tell each other by signal.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type {
  ApproveBundling,
  ConfigureSupplementary,
  ConfirmAssignment,
  ConsentToCombinedCaps,
  DecideAssignmentEnd,
  DecideFlexibleAmount,
  ProposePromotion,
  RecordSpending,
  SetSpendingCap,
  TakeInRequest,
  VetRequest,
} from '../../domain/schemas/supplementary';
import type {
  BundleProposal,
  FlexibleAmountProposal,
  SupplementaryAssignment,
  SupplementaryBundle,
  SupplementarySettings,
  SupplementaryYear,
} from '../../domain/supplementary/types';
import type { Stakeholder } from '../../domain/schemas/actor';
import type { SupervisedTaskView } from '../shared/task-supervision';

/** An assignment's id: the contract's id and its number in the contract's intake. */
export function supplementaryAssignmentId(contractId: string, sequence: number): string {
  return `${contractId}-sa-${sequence}`;
}

export function supplementaryAssignmentWorkflowId(assignmentId: string): string {
  return `contract-${assignmentId}`;
}

export function supplementaryBundleId(contractId: string, year: number, sequence: number): string {
  return `${contractId}-bundle-${year}-${sequence}`;
}

/** The bundling moment of a budget year, pending the manager's approval. */
export interface PendingBundling {
  year: number;
  taskId: string;
  dueDate: IsoDate;
  proposals: BundleProposal[];
  flexibleAmount: FlexibleAmountProposal;
}

/** What the contract knows of its supplementary assignments (the query's answer; carried across continue-as-new). */
export interface SupplementaryPortfolioView {
  contractId: string;
  settings: SupplementarySettings;
  assignments: SupplementaryAssignment[];
  bundles: SupplementaryBundle[];
  years: SupplementaryYear[];
  pendingBundling: PendingBundling[];
  /** The flexible amount proposed for the coming budget year (from the past years' supplementary budgets). */
  flexibleAmountProposal: FlexibleAmountProposal;
}

export const supplementaryPortfolioQuery = defineQuery<SupplementaryPortfolioView>('supplementaryPortfolio');

// Updates on the contract term (the intake and what the contract decides).
export const takeInRequestUpdate = defineUpdate<SupplementaryAssignment, [TakeInRequest]>('takeInSupplementaryRequest');
export const vetRequestUpdate = defineUpdate<SupplementaryAssignment, [VetRequest]>('vetSupplementaryRequest');
export const proposePromotionUpdate = defineUpdate<SupplementaryAssignment, [ProposePromotion]>('proposeSupplementaryPromotion');
export const approveBundlingUpdate = defineUpdate<SupplementaryBundle[], [ApproveBundling]>('approveSupplementaryBundling');
export const consentToCombinedCapsUpdate = defineUpdate<SupplementaryBundle, [ConsentToCombinedCaps]>('consentToCombinedSpendingCaps');
export const decideFlexibleAmountUpdate = defineUpdate<SupplementaryYear, [DecideFlexibleAmount]>('decideFlexibleAmount');
export const setSpendingCapUpdate = defineUpdate<SupplementaryYear, [SetSpendingCap]>('setSpendingCap');
export const recordSpendingUpdate = defineUpdate<SupplementaryYear, [RecordSpending]>('recordSpending');
export const configureSupplementaryUpdate = defineUpdate<SupplementarySettings, [ConfigureSupplementary]>('configureSupplementary');

/** What the child tells the contract: its status changed (confirmed, declined, active, ended, a renewal asked). */
export interface AssignmentChange {
  assignmentId: string;
  status: SupplementaryAssignment['status'];
  confirmation?: SupplementaryAssignment['confirmation'];
  endDecision?: SupplementaryAssignment['endDecision'];
  /** With an end decision 'renew': the request for the next period, taken into the intake. */
  renewal?: { period: { from: IsoDate; to: IsoDate }; budgetCents: number };
}
export const assignmentChangedSignal = defineSignal<[AssignmentChange]>('supplementaryAssignmentChanged');

/** What the contract tells the child: bundled (its reporting merges into the bundle's), or proposed for promotion. */
export interface AssignmentNews {
  bundled?: { bundleId: string; goal: string };
  promotion?: SupplementaryAssignment['promotion'];
}
export const assignmentNewsSignal = defineSignal<[AssignmentNews]>('supplementaryAssignmentNews');

/** The child workflow's input: the assignment as accepted, and what it needs of its contract. */
export interface SupplementaryAssignmentInput {
  assignment: SupplementaryAssignment;
  contractWorkflowId: string;
  contractTitle: string;
  commissioner: string;
  provider: string;
  stakeholders: Stakeholder[];
  reminderDaysBefore: number[];
}

export interface SupplementaryAssignmentState {
  assignment: SupplementaryAssignment;
  tasks: SupervisedTaskView[];
}

export const supplementaryAssignmentQuery = defineQuery<SupplementaryAssignmentState>('supplementaryAssignment');
export const confirmAssignmentUpdate = defineUpdate<SupplementaryAssignmentState, [ConfirmAssignment]>('confirmSupplementaryAssignment');
export const decideAssignmentEndUpdate = defineUpdate<SupplementaryAssignmentState, [DecideAssignmentEnd]>('decideSupplementaryAssignmentEnd');
