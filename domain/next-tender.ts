/**
 * The next tender preparation, prefilled from a running contract at its renewal evaluation: the
 * same commissioners, lot, terms and KPIs, the contract start on the day after this term ends.
 * The people who launch it review and change it first; it is a draft, not a decision.
 */
import { addDaysTo, daysBetween, type IsoDate } from './dates';
import type { ProcurementForm } from './glossary';
import type { Stakeholder } from './schemas/actor';
import type { Commissioner, ContractTerms, Lot, TenderLaunchInput } from './schemas/tender-launch';
import { planTender } from './tender-plan';
import { tenderStep } from './tender-steps';
import type { SupplementaryAssignment } from './supplementary/types';

export interface ContractForRenewal {
  title: string;
  lot: Lot;
  commissioners: Commissioner[];
  procurementForm?: ProcurementForm;
  valueCents: number;
  terms: ContractTerms;
  stakeholders: Stakeholder[];
  provider: { organisation: string };
}

/** A supplementary assignment proposed for the main assignment (at the midterm review or at renewal). */
export type PromotedAssignment = Pick<SupplementaryAssignment, 'id' | 'title' | 'theme' | 'goal' | 'budgetCents' | 'period'>;

/**
 * The yearly value of a promoted assignment (its budget over its period, per 365 days): the next
 * contract buys it for every year of its term, so the estimate grows by that times the term.
 */
export function yearlyValueCents(assignment: Pick<PromotedAssignment, 'budgetCents' | 'period'>): number {
  const days = Math.max(1, daysBetween(assignment.period.from, assignment.period.to) + 1);
  return Math.round((assignment.budgetCents * 365) / days);
}

export function nextTenderDraft(contract: ContractForRenewal, endDate: IsoDate, promoted: readonly PromotedAssignment[] = []): Omit<TenderLaunchInput, 'launchedBy'> {
  const { termYears, extensionOptions, accountabilityCadence, kpis, indexation, changeOptions, earlyTermination } = contract.terms;
  const includedAssignments = promoted.map((a) => ({ fromAssignment: a.id, title: a.title, theme: a.theme, goal: a.goal, yearlyValueCents: yearlyValueCents(a) }));
  return {
    title: `${contract.title} (vervolgaanbesteding)`,
    commissioners: contract.commissioners,
    procurementForm: contract.procurementForm ?? 'socialServicesLightRegime',
    estimatedValueCents: contract.valueCents + includedAssignments.reduce((sum, a) => sum + a.yearlyValueCents * termYears, 0),
    ...(includedAssignments.length ? { includedAssignments } : {}),
    lots: [contract.lot],
    contractStart: addDaysTo(endDate, 1),
    termYears,
    extensionOptions,
    accountabilityCadence,
    kpis,
    ...(indexation ? { indexation } : {}),
    ...(changeOptions ? { changeOptions } : {}),
    ...(earlyTermination ? { earlyTermination } : {}),
    // The commissioner's people carry over; the current provider is a bidder now, not a stakeholder.
    stakeholders: contract.stakeholders.filter((s) => s.organisation !== contract.provider.organisation),
  };
}

/**
 * How long before the next contract start its tender must be launched: the tender planner's plan
 * (./tender-plan.ts) with every step at its preferred duration, from the evaluation of the current
 * contract to onboarding. The extension decision is needed before then (../shared/DOMAIN.md: "the
 * extension decision comes before the next tender's preparation must start").
 */
export function nextTenderLeadDays(procurementForm: ProcurementForm, nextContractStart: IsoDate): number {
  const plan = planTender({
    procurementForm,
    electronicSubmission: true,
    contractStart: nextContractStart,
    // Far enough ahead that every step gets its preferred duration.
    today: addDaysTo(nextContractStart, -10 * 365),
  });
  const first = plan.milestones[0]!;
  return daysBetween(first.dueDate, nextContractStart) + tenderStep(first.key).preferredDays;
}
