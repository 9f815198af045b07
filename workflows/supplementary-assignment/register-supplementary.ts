/** Every handler of supplementary assignments on the contract term, one registration each. */
import { setHandler } from '@temporalio/workflow';
import { DEFAULT_SUPPLEMENTARY_SETTINGS } from '../../domain/supplementary/settings';
import { proposeFlexibleAmount } from '../../domain/supplementary/flexible-amount';
import { today } from '../shared/clock';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import { registerAssignmentChanges } from './assignment-changes';
import { registerApproveBundling, registerConsentToCombinedCaps } from './bundling-actions';
import { registerConfigureSupplementary, registerDecideFlexibleAmount, registerRecordSpending, registerSetSpendingCap } from './budget-actions';
import { registerTakeInRequest, registerVetRequest } from './intake-actions';
import { registerProposePromotion } from './promotion-actions';
import { supplementaryPortfolioQuery, type SupplementaryPortfolioView } from './supplementary-definitions';

export function registerSupplementaryActions(run: ContractTermRun): void {
  setHandler(supplementaryPortfolioQuery, () => run.portfolio?.view() ?? emptyPortfolio(run.input.contractId));
  registerTakeInRequest(run);
  registerVetRequest(run);
  registerProposePromotion(run);
  registerApproveBundling(run);
  registerConsentToCombinedCaps(run);
  registerDecideFlexibleAmount(run);
  registerSetSpendingCap(run);
  registerRecordSpending(run);
  registerConfigureSupplementary(run);
  registerAssignmentChanges(run);
}

/** A contract that has taken no request in yet. */
function emptyPortfolio(contractId: string): SupplementaryPortfolioView {
  return {
    contractId,
    settings: { ...DEFAULT_SUPPLEMENTARY_SETTINGS },
    assignments: [],
    bundles: [],
    years: [],
    pendingBundling: [],
    flexibleAmountProposal: proposeFlexibleAmount(Number(today().slice(0, 4)) + 1, []),
  };
}
