/**
 * The schedule of one contract as its term workflow plans it: the contract's terms, the extension
 * granted so far, and what its agenda version adds (the municipal year, the next tender's lead time).
 * One place, so the workflow, its timeline and tests compute the same dates.
 */
import type { AgendaVersion } from './contract-agenda';
import { computeContractSchedule, type ContractSchedule } from './contract-schedule';
import { addDaysTo, type IsoDate } from './dates';
import type { ProcurementForm } from './glossary';
import { nextTenderLeadDays } from './next-tender';
import type { ContractTerms } from './schemas/contract-terms';

export interface ScheduledContract {
  startDate: IsoDate;
  terms: Pick<ContractTerms, 'termYears' | 'accountabilityCadence'> & { midtermReviewAfterMonths?: number };
  /** How the next tender will be procured (the same as this one unless changed). */
  procurementForm?: ProcurementForm;
}

export function termSchedule(contract: ScheduledContract, extensionMonths: number, version: AgendaVersion): ContractSchedule {
  const { terms, startDate } = contract;
  const base = {
    startDate,
    termYears: terms.termYears,
    extensionMonths,
    midtermReviewAfterMonths: terms.midtermReviewAfterMonths,
    accountabilityCadence: terms.accountabilityCadence,
  };
  if (version < 3) return computeContractSchedule(base);
  const { endDate } = computeContractSchedule(base);
  const leadDays = nextTenderLeadDays(contract.procurementForm ?? 'socialServicesLightRegime', addDaysTo(endDate, 1));
  return computeContractSchedule({ ...base, municipalYear: true, nextTenderLeadDays: leadDays });
}
