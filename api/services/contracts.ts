/**
 * Contracts as a principal may see and act on them (api/routes/contracts.ts, contract-actions.ts and the
 * pages). A contract is seen by its provider and by every organisation it was made for (domain/access.ts):
 * both parties see its term (state and timeline). Each action is taken in the organisation it belongs to,
 * the commissioner (the contract's lead commissioner, as the workflow's run.commissioner) or the provider,
 * as a role the principal holds there (api/auth/actor.ts); the workflows check again.
 */
import { isCommissionerOf, readingOrganisations } from '../../domain/access';
import type { Role } from '../../domain/glossary';
import type { RecordAccountabilityOutcomeRequest } from '../../domain/schemas/accountability';
import type { AmendContractRequest, DecideTermEndRequest, EndContractEarlyRequest } from '../../domain/schemas/contract-actions';
import type { RecordIndexationRateRequest } from '../../domain/schemas/indexation';
import type { RecordMidtermDecisionRequest, RespondToRevisionRequest } from '../../domain/schemas/midterm';
import type { Contract } from '../../generated/prisma/client';
import { accountabilityWorkflowId, recordAccountabilityOutcomeUpdate } from '../../workflows/accountability-cycle/accountability-definitions';
import {
  amendContractUpdate,
  contractStateQuery,
  contractTimelineQuery,
  decideTermEndUpdate,
  endContractEarlyUpdate,
  nextTenderDraftQuery,
  recordIndexationRateUpdate,
} from '../../workflows/contract-term/contract-definitions';
import { midtermReviewWorkflowId, recordMidtermDecisionUpdate, respondToRevisionUpdate } from '../../workflows/midterm-review/midterm-definitions';
import { actorFor } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { forbidden } from '../errors';
import { contractSummary, withoutPrincipals } from '../views';
import { visibleContracts } from './visibility';
import { activeVisibleContract, visibleContract } from './visible-records';

/**
 * Who may take each action. The commissioner's actions are taken in the contract's lead commissioner: the
 * end decision by the college or the manager holding its mandate, the contract work by the contract manager
 * or the manager. The provider's: its director or contract contact (early end, VNG art. 1.3.4; the response
 * to a revision, art. 1.4.2).
 */
export const CONTRACT_ACTION_ROLES = {
  endDecision: ['college', 'manager'],
  indexationRate: ['contractManager', 'manager'],
  amendment: ['contractManager', 'manager'],
  commissionerEarlyEnd: ['college', 'manager'],
  providerEarlyEnd: ['director', 'contractContact'],
  midtermDecision: ['contractManager', 'manager'],
  revisionResponse: ['contractContact', 'director'],
  accountabilityOutcome: ['contractManager', 'manager'],
  nextTender: ['procurementOfficer', 'contractManager', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export interface ListContractsInput {
  provider?: string;
  /** An organisation the contract was made for (contract.commissioners). */
  commissioner?: string;
}

type ContractRef = { contractId: string };

/** The contracts the principal sees, by start date. A filter naming another organisation gives an empty list. */
export async function listContracts({ prisma }: ApiDeps, principal: Principal, { provider, commissioner }: ListContractsInput) {
  const rows = await prisma.contract.findMany({
    where: { AND: [visibleContracts(principal), { ...(provider ? { provider } : {}), ...(commissioner ? { commissioners: { has: commissioner } } : {}) }] },
    orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map(contractSummary);
}

/** A contract and the state of its term workflow (404 when the principal may not see it). */
export async function getContract(deps: ApiDeps, principal: Principal, { contractId }: ContractRef) {
  const row = await visibleContract(deps, principal, contractId);
  const term = await deps.temporal.workflow.getHandle(row.workflowId).query(contractStateQuery);
  return { ...contractSummary(row), term: withoutPrincipals(term) };
}

/** The whole term on one list: done, open, overdue, planned. */
export async function contractTimeline(deps: ApiDeps, principal: Principal, { contractId }: ContractRef) {
  const row = await visibleContract(deps, principal, contractId);
  return deps.temporal.workflow.getHandle(row.workflowId).query(contractTimelineQuery);
}

/** The next tender prefilled from the contract: the commissioners' (a provider may not see it: 403). */
export async function nextTenderDraft(deps: ApiDeps, principal: Principal, { contractId }: ContractRef) {
  const row = await visibleContract(deps, principal, contractId);
  if (!isCommissionerOf(principal.holdings, row)) throw forbidden(`Needs the role ${CONTRACT_ACTION_ROLES.nextTender.join(', ')} in a commissioner of the contract`);
  return deps.temporal.workflow.getHandle(row.workflowId).query(nextTenderDraftQuery);
}

export async function decideTermEnd(deps: ApiDeps, principal: Principal, { contractId, ...decision }: DecideTermEndRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, CONTRACT_ACTION_ROLES.endDecision);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(decideTermEndUpdate, { args: [{ ...decision, by }] });
}

export async function recordIndexationRate(deps: ApiDeps, principal: Principal, { contractId, ...rate }: RecordIndexationRateRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, CONTRACT_ACTION_ROLES.indexationRate);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(recordIndexationRateUpdate, { args: [{ ...rate, by }] });
}

export async function amendContract(deps: ApiDeps, principal: Principal, { contractId, ...amendment }: AmendContractRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, CONTRACT_ACTION_ROLES.amendment);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(amendContractUpdate, { args: [{ ...amendment, by }] });
}

/** Ends the contract early for the principal's party: the provider when it acts for the provider only, else the commissioner. */
export async function endContractEarly(deps: ApiDeps, principal: Principal, { contractId, ...end }: EndContractEarlyRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actsForProviderOnly(principal, row)
    ? actorFor(principal, row.provider, CONTRACT_ACTION_ROLES.providerEarlyEnd)
    : actorFor(principal, row.commissioner, CONTRACT_ACTION_ROLES.commissionerEarlyEnd);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(endContractEarlyUpdate, { args: [{ ...end, by }] });
}

export async function recordMidtermDecision(deps: ApiDeps, principal: Principal, { contractId, ...decision }: RecordMidtermDecisionRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, CONTRACT_ACTION_ROLES.midtermDecision);
  return deps.temporal.workflow.getHandle(midtermReviewWorkflowId(row.id)).executeUpdate(recordMidtermDecisionUpdate, { args: [{ ...decision, by }] });
}

export async function respondToRevision(deps: ApiDeps, principal: Principal, { contractId, ...response }: RespondToRevisionRequest & ContractRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.provider, CONTRACT_ACTION_ROLES.revisionResponse);
  return deps.temporal.workflow.getHandle(midtermReviewWorkflowId(row.id)).executeUpdate(respondToRevisionUpdate, { args: [{ ...response, by }] });
}

/** Records the outcome of a period's accountability conversation (also on an ended contract: its last period). */
export async function recordAccountabilityOutcome(
  deps: ApiDeps,
  principal: Principal,
  { contractId, period, ...outcome }: RecordAccountabilityOutcomeRequest & ContractRef & { period: number },
) {
  const row = await visibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, CONTRACT_ACTION_ROLES.accountabilityOutcome);
  return deps.temporal.workflow.getHandle(accountabilityWorkflowId(row.id, period)).executeUpdate(recordAccountabilityOutcomeUpdate, { args: [{ ...outcome, by }] });
}

function actsForProviderOnly(principal: Principal, row: Contract): boolean {
  return readingOrganisations(principal.holdings).includes(row.provider) && !isCommissionerOf(principal.holdings, row);
}
