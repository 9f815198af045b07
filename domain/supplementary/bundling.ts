/**
 * The bundling proposal: small supplementary budgets of a contract that serve the same theme and goal
 * are better earmarked together for that goal, with one reporting regime, than accounted for one by
 * one (the Zaanstad evaluation, seed 001). The manager approves (or edits) the proposal at the bundling
 * moment (./bundling-moments.ts).
 *
 * Spending caps (bestedingsruimte), VNG contractstandaard Wmo 1.3 art. 1.5.8: "Als er bestedingsruimte
 * bestaat voor meerdere vormen van maatschappelijke ondersteuning, dan mag Opdrachtnemer die bij
 * elkaar optellen, mits: (Bij Europese aanbestedingsprocedures:) dit geen wezenlijke wijziging oplevert
 * volgens de Aanbestedingswet 2012, en Opdrachtgever hiervoor schriftelijk toestemming geeft." So a
 * bundle that adds two or more caps together needs written consent first.
 *
 * Pure and deterministic (the contract term workflow calls it): one pass over the candidates with a
 * Map, then a sort of the groups by code unit (no locale-dependent comparison).
 */
import type { AssignmentStatus, BundleProposal, BundlingCandidate } from './types';

/** VNG contractstandaard Wmo 1.3 art. 1.5.8: spending caps may be added together only with written consent. */
export const COMBINED_SPENDING_CAPS_ARTICLE = 'VNG contractstandaard Wmo art. 1.5.8';

/** Accepted assignments that still count: not vetting, not ended (an ended one has nothing left to earmark). */
const bundleableStatuses: ReadonlySet<AssignmentStatus> = new Set<AssignmentStatus>(['awaitingConfirmation', 'confirmed', 'active']);

/** Two or more members with their own spending cap: adding them together needs written consent (art. 1.5.8). */
export function bundleNeedsWrittenConsent(members: readonly { spendingCapCents?: number }[]): boolean {
  let withCap = 0;
  for (const member of members) {
    if (member.spendingCapCents !== undefined && ++withCap >= 2) return true;
  }
  return false;
}

/** Theme and goal are typed by people: "Preventie  jeugd" and "preventie jeugd" are the same theme. */
function normalized(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

interface Group {
  contractId: string;
  themeKey: string;
  goalKey: string;
  proposal: BundleProposal;
  capped: number;
}

/**
 * Groups the loose small assignments (no bundle yet, accepted and not ended, budget strictly below
 * `smallBudgetBelowCents`) per contract, theme and goal; every group of two or more is a proposal,
 * shown with the first spelling of its theme and goal met in the input. Ordered by contract, theme and
 * goal; the assignment ids in input order.
 */
export function proposeBundles(candidates: readonly BundlingCandidate[], options: { smallBudgetBelowCents: number }): BundleProposal[] {
  const groups = new Map<string, Group>();
  for (const candidate of candidates) {
    if (candidate.bundleId !== undefined || !bundleableStatuses.has(candidate.status) || candidate.budgetCents >= options.smallBudgetBelowCents) continue;
    const themeKey = normalized(candidate.theme);
    const goalKey = normalized(candidate.goal);
    const key = `${candidate.contractId}\u0000${themeKey}\u0000${goalKey}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        contractId: candidate.contractId,
        themeKey,
        goalKey,
        proposal: { contractId: candidate.contractId, theme: candidate.theme, goal: candidate.goal, assignmentIds: [], budgetCents: 0, combinesSpendingCaps: false },
        capped: 0,
      };
      groups.set(key, group);
    }
    group.proposal.assignmentIds.push(candidate.id);
    group.proposal.budgetCents += candidate.budgetCents;
    if (candidate.spendingCapCents !== undefined) group.capped++;
  }
  const proposals: Group[] = [];
  for (const group of groups.values()) {
    if (group.proposal.assignmentIds.length < 2) continue;
    group.proposal.combinesSpendingCaps = group.capped >= 2;
    proposals.push(group);
  }
  proposals.sort((a, b) => compare(a.contractId, b.contractId) || compare(a.themeKey, b.themeKey) || compare(a.goalKey, b.goalKey));
  return proposals.map((group) => group.proposal);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
