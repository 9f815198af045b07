/**
 * The supplementary budget of a contract, as the contract term keeps it (workflows/supplementary-assignment/
 * supplementary-definitions.ts): small budgets bundled per theme and goal and earmarked, the written consent
 * when a bundle adds spending caps up (the commissioner's, VNG contractstandaard Wmo art. 1.5.8), the yearly
 * flexible amount, the spending caps (bestedingsruimte, VNG art. 1.5) and the spending against them, and
 * the contract's settings: all the commissioner's work, in the contract's lead commissioner. Routes:
 * api/routes/supplementary-budget.ts.
 */
import type {
  ApproveBundlingRequest,
  ConfigureSupplementaryRequest,
  ConsentToCombinedCapsRequest,
  DecideFlexibleAmountRequest,
  RecordSpendingRequest,
  SetSpendingCapRequest,
} from '../../domain/schemas/supplementary';
import {
  approveBundlingUpdate,
  configureSupplementaryUpdate,
  consentToCombinedCapsUpdate,
  decideFlexibleAmountUpdate,
  recordSpendingUpdate,
  setSpendingCapUpdate,
  supplementaryPortfolioQuery,
} from '../../workflows/supplementary-assignment/supplementary-definitions';
import { actorFor } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import { withoutPrincipals } from '../views';
import type { ContractRef } from './supplementary';
import { activeVisibleContract } from './visible-records';

/** Approves the bundling moment's proposal, as proposed or edited: each bundle earmarked for its goal. */
export async function approveBundling(deps: ApiDeps, principal: Principal, { contractId, ...bundling }: ApproveBundlingRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.budget);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(approveBundlingUpdate, { args: [{ ...bundling, by }] }));
}

/** The written consent (or refusal) to adding the spending caps of a bundle's assignments up: the commissioner's college or manager (VNG art. 1.5.8). */
export async function consentToCombinedCaps(deps: ApiDeps, principal: Principal, { contractId, bundleId, ...consent }: ConsentToCombinedCapsRequest & ContractRef & { bundleId: string }) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.consent);
  const handle = deps.temporal.workflow.getHandle(row.workflowId);
  const portfolio = await handle.query(supplementaryPortfolioQuery);
  if (!portfolio.bundles.some((b) => b.id === bundleId)) throw notFound(`No supplementary bundle ${bundleId} in contract ${contractId}`);
  return withoutPrincipals(await handle.executeUpdate(consentToCombinedCapsUpdate, { args: [{ ...consent, bundleId, by }] }));
}

/** The year's flexible amount, decided against the proposal from the past years' supplementary budgets. */
export async function decideFlexibleAmount(deps: ApiDeps, principal: Principal, { contractId, ...decision }: DecideFlexibleAmountRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.budget);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(decideFlexibleAmountUpdate, { args: [{ ...decision, by }] }));
}

/** A calendar year's spending cap (bestedingsruimte, VNG art. 1.5). */
export async function setSpendingCap(deps: ApiDeps, principal: Principal, { contractId, ...cap }: SetSpendingCapRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.budget);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(setSpendingCapUpdate, { args: [{ ...cap, by }] }));
}

/** Spending against the year's cap; at 70% of the cap the workflow opens the consultation (VNG art. 1.5). */
export async function recordSpending(deps: ApiDeps, principal: Principal, { contractId, ...spending }: RecordSpendingRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.budget);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(recordSpendingUpdate, { args: [{ ...spending, by }] }));
}

/** The contract's settings: what counts as a small budget, and the bundling moment. */
export async function configureSupplementary(deps: ApiDeps, principal: Principal, { contractId, ...settings }: ConfigureSupplementaryRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.budget);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(configureSupplementaryUpdate, { args: [{ ...settings, by }] });
}
