/**
 * The names of supplementary assignments (aanvullende opdrachten), shared by the pure rules next to
 * this file, the workflows (workflows/supplementary-assignment), the records (prisma: supplementary_*)
 * and the API. One glossary: the Dutch terms are in ../../../shared/DOMAIN.md.
 */
import type { ChangeGroundAssessment, ChangeGroundInput } from '../change-grounds';
import type { IsoDate } from '../dates';
import type { Actor } from '../schemas/actor';
import type { Period, ReportingRegime, ReportingRequirements, SupplementarySourceKind, VettingRoute } from '../schemas/supplementary';

/**
 * Where a request stands: vetting (the joint panel decides) → rejected | leftContract (a separate
 * contract was advised) | awaitingConfirmation (accepted, the provider confirms) → declined | confirmed
 * (before its period) → active → ended; cancelled when the contract ends first.
 */
export const assignmentStatuses = ['vetting', 'rejected', 'leftContract', 'awaitingConfirmation', 'declined', 'confirmed', 'active', 'ended', 'cancelled'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

export const assignmentStatusLabels: Record<AssignmentStatus, string> = {
  vetting: 'Ter toetsing bij het gremium',
  rejected: 'Afgewezen',
  leftContract: 'Buiten het contract (apart contract geadviseerd)',
  awaitingConfirmation: 'Wacht op bevestiging opdrachtnemer',
  declined: 'Niet bevestigd door opdrachtnemer',
  confirmed: 'Bevestigd, nog niet gestart',
  active: 'Lopend',
  ended: 'Beëindigd',
  cancelled: 'Vervallen (contract beëindigd)',
};

/** Statuses in which an assignment's budget counts (its change is counted under its ground). */
export const committedStatuses: readonly AssignmentStatus[] = ['awaitingConfirmation', 'confirmed', 'active', 'ended'];

export interface VettingOutcome {
  decision: 'accept' | 'reject';
  reason: string;
  route?: VettingRoute;
  /** With a route within the contract: the ground recorded (Aw 2012 art. 2.163b-d) and its assessment. */
  ground?: ChangeGroundInput & { article: string };
  assessment?: ChangeGroundAssessment;
  /** With route 'separateContract'. */
  separateContract?: 'newTender' | 'grant';
  decidedOn: IsoDate;
  by: Actor;
}

export interface SupplementaryAssignment {
  id: string;
  contractId: string;
  title: string;
  theme: string;
  /** The goal it serves; the theme when the request named none. */
  goal: string;
  budgetCents: number;
  period: Period;
  reporting: ReportingRequirements;
  /** The regime in force: its own, the contract's conversations, or its bundle's. */
  regime: ReportingRegime;
  source: { kind: SupplementarySourceKind; name: string };
  requestedBy: string;
  /** Reached the provider outside the commissioner's contract line (zijsturing). */
  sideSteering: boolean;
  spendingCapCents?: number;
  renewalOf?: string;
  receivedOn: IsoDate;
  recordedBy: Actor;
  status: AssignmentStatus;
  vetting?: VettingOutcome;
  confirmation?: { confirm: boolean; note?: string; on: IsoDate; by: Actor };
  bundleId?: string;
  /** Proposed to become part of the main assignment (taken over by the next tender). */
  promotion?: { occasion: 'midtermReview' | 'renewal'; rationale: string; on: IsoDate; by: Actor };
  endDecision?: { decision: 'end' | 'renew' | 'promote'; rationale: string; on: IsoDate; by: Actor; renewedAs?: string };
}

export type BundleStatus = 'awaitingConsent' | 'earmarked' | 'consentRefused';

/** Small budgets bundled per theme and goal and earmarked for the goal, with one reporting regime. */
export interface SupplementaryBundle {
  id: string;
  contractId: string;
  /** The budget year of the bundling moment. */
  year: number;
  theme: string;
  goal: string;
  assignmentIds: string[];
  budgetCents: number;
  /** Two or more of its assignments have their own spending cap: adding them up needs the commissioner's written consent (VNG contractstandaard Wmo art. 1.5.8). */
  combinesSpendingCaps: boolean;
  status: BundleStatus;
  consent?: { consent: boolean; documentReference: string; noSubstantialChange?: boolean; note?: string; on: IsoDate; by: Actor };
  approvedOn: IsoDate;
  approvedBy: Actor;
}

/** A group the bundling proposal suggests (domain/supplementary/bundling.ts). */
export interface BundleProposal {
  contractId: string;
  theme: string;
  goal: string;
  assignmentIds: string[];
  budgetCents: number;
  combinesSpendingCaps: boolean;
}

/** What an assignment tells the bundling proposal. */
export type BundlingCandidate = Pick<SupplementaryAssignment, 'id' | 'contractId' | 'theme' | 'goal' | 'budgetCents' | 'status' | 'bundleId' | 'spendingCapCents'>;

/** The flexible amount's proposal for a year, from the past years' supplementary spending. */
export interface FlexibleAmountProposal {
  year: number;
  /** The past years it is based on, with the supplementary budgets accepted in each (by the year their period starts). */
  basis: { year: number; cents: number }[];
  averageCents: number;
  /** Standard deviation (population) over the basis years. */
  spreadCents: number;
  minCents: number;
  maxCents: number;
  /** The average, rounded to whole euros; 0 without history. */
  proposedCents: number;
}

/** One calendar year of the contract's supplementary budget: the flexible amount and the spending cap. */
export interface SupplementaryYear {
  year: number;
  flexibleAmount?: { amountCents: number; decidedOn: IsoDate; by: Actor; proposal: FlexibleAmountProposal; note?: string };
  /** Accepted budgets drawn on the flexible amount (assignments whose period starts in the year). */
  drawnCents: number;
  spendingCap?: { capCents: number; setOn: IsoDate; by: Actor };
  spentCents: number;
  /** Set when spending first reached 70% of the cap (VNG art. 1.5). */
  capAlert?: { reachedOn: IsoDate; percent: number; consultationDue: IsoDate; decisionDue: IsoDate };
}

export interface SupplementarySettings {
  smallBudgetBelowCents: number;
  /** MM-DD in the year before the budget year. */
  bundlingMonthDay: string;
}
