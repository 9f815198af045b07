/**
 * Supplementary assignments (aanvullende opdrachten) as a principal may see and act on them (the routes in
 * api/routes/supplementary.ts and the pages). The contract term is the one intake ("met één mond",
 * workflows/supplementary-assignment/supplementary-definitions.ts): requests, the joint panel's vetting and
 * the promotion are Updates on it; an accepted assignment's confirmation and end decision are Updates on
 * its own child workflow. Both parties of a contract read its portfolio (domain/access.ts); every action is
 * taken as a role the principal holds in the party it belongs to (api/auth/actor.ts), with the roles of
 * domain/supplementary/intake.ts (the workflows check again with the same): the commissioner's contract
 * line takes requests in, and a provider that records one is counted as side-steering (zijsturing).
 */
import { type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { isCommissionerOf, readingOrganisations } from '../../domain/access';
import type {
  ConfirmAssignmentRequest,
  DecideAssignmentEndRequest,
  ProposePromotionRequest,
  TakeInRequestRequest,
  VetRequestRequest,
} from '../../domain/schemas/supplementary';
import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import type { SupplementaryAssignment } from '../../domain/supplementary/types';
import type { Contract } from '../../generated/prisma/client';
import {
  confirmAssignmentUpdate,
  decideAssignmentEndUpdate,
  proposePromotionUpdate,
  supplementaryAssignmentQuery,
  type SupplementaryAssignmentState,
  supplementaryAssignmentWorkflowId,
  supplementaryPortfolioQuery,
  type SupplementaryPortfolioView,
  takeInRequestUpdate,
  vetRequestUpdate,
} from '../../workflows/supplementary-assignment/supplementary-definitions';
import { actorFor } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { withoutPrincipals } from '../views';
import { activeVisibleContract, visibleContract } from './visible-records';

export type ContractRef = { contractId: string };
export type AssignmentRef = ContractRef & { assignmentId: string };

/** Whether the principal reads the contract only as its provider (no commissioner of it among its organisations). */
export function actsForProviderOnly(principal: Principal, row: Pick<Contract, 'provider' | 'commissioners'>): boolean {
  return readingOrganisations(principal.holdings).includes(row.provider) && !isCommissionerOf(principal.holdings, row);
}

async function portfolioOf(deps: ApiDeps, row: Contract): Promise<SupplementaryPortfolioView> {
  return deps.temporal.workflow.getHandle(row.workflowId).query(supplementaryPortfolioQuery);
}

/** The assignment as the contract's portfolio holds it (404 for an id the contract does not hold, another contract's included). */
async function assignmentIn(deps: ApiDeps, row: Contract, assignmentId: string): Promise<SupplementaryAssignment> {
  const assignment = (await portfolioOf(deps, row)).assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw notFound(`No supplementary assignment ${assignmentId} in contract ${row.id}`);
  return assignment;
}

/** The contract's supplementary assignments, bundles, years and settings (both parties). */
export async function supplementaryPortfolio(deps: ApiDeps, principal: Principal, { contractId }: ContractRef): Promise<SupplementaryPortfolioView> {
  const row = await visibleContract(deps, principal, contractId);
  return withoutPrincipals(await portfolioOf(deps, row));
}

/**
 * One assignment with its tasks: from its own workflow once the panel accepted it within the contract,
 * before that (or when it left the contract) from the portfolio, without tasks. A provider sees only its
 * own organisation's tasks (domain/access.ts: not the commissioner's internal work).
 */
export async function supplementaryAssignment(deps: ApiDeps, principal: Principal, { contractId, assignmentId }: AssignmentRef): Promise<SupplementaryAssignmentState> {
  const row = await visibleContract(deps, principal, contractId);
  const assignment = await assignmentIn(deps, row, assignmentId);
  const state = await deps.temporal.workflow
    .getHandle(supplementaryAssignmentWorkflowId(assignmentId))
    .query(supplementaryAssignmentQuery)
    .catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return { assignment, tasks: [] };
      throw error;
    });
  const own = readingOrganisations(principal.holdings);
  const tasks = isCommissionerOf(principal.holdings, row) ? state.tasks : state.tasks.filter((t) => own.includes(t.organisation));
  return withoutPrincipals({ assignment: state.assignment, tasks });
}

/**
 * Takes a request into the contract's intake. The commissioner's contract line records it in the lead
 * commissioner; a principal of the provider only records it for the provider, and the workflow flags it as
 * reaching the provider outside the contract line (side-steering).
 */
export async function takeInRequest(deps: ApiDeps, principal: Principal, { contractId, ...request }: TakeInRequestRequest & ContractRef): Promise<SupplementaryAssignment> {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actsForProviderOnly(principal, row)
    ? actorFor(principal, row.provider, SUPPLEMENTARY_ROLES.intakeProvider)
    : actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.intakeCommissioner);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(takeInRequestUpdate, { args: [{ ...request, by }] }));
}

/** The joint panel's decision on a request: accepted with its route and legal ground, or rejected. */
export async function vetRequest(deps: ApiDeps, principal: Principal, { contractId, assignmentId, ...vetting }: VetRequestRequest & AssignmentRef): Promise<SupplementaryAssignment> {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.vetting);
  await assignmentIn(deps, row, assignmentId);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(vetRequestUpdate, { args: [{ ...vetting, assignmentId, by }] }));
}

/** Proposes the assignment becomes part of the main assignment at the next tender. */
export async function proposePromotion(deps: ApiDeps, principal: Principal, { contractId, assignmentId, ...promotion }: ProposePromotionRequest & AssignmentRef): Promise<SupplementaryAssignment> {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.promotion);
  await assignmentIn(deps, row, assignmentId);
  return withoutPrincipals(await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(proposePromotionUpdate, { args: [{ ...promotion, assignmentId, by }] }));
}

/**
 * An Update on the assignment's own workflow, for an assignment the contract holds. Without a workflow of
 * its own (still with the panel, rejected, or advised as a separate contract) or once it closed, the action
 * conflicts with where the assignment stands (409).
 */
async function onAssignmentWorkflow(
  deps: ApiDeps,
  row: Contract,
  assignmentId: string,
  act: (handle: WorkflowHandle) => Promise<SupplementaryAssignmentState>,
): Promise<SupplementaryAssignmentState> {
  const assignment = await assignmentIn(deps, row, assignmentId);
  try {
    return withoutPrincipals(await act(deps.temporal.workflow.getHandle(supplementaryAssignmentWorkflowId(assignmentId))));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw conflict(`Supplementary assignment ${assignmentId} has no running term of its own (status: ${assignment.status})`);
    throw error;
  }
}

/** The provider confirms (or declines) an assignment the panel accepted. */
export async function confirmAssignment(deps: ApiDeps, principal: Principal, { contractId, assignmentId, ...confirmation }: ConfirmAssignmentRequest & AssignmentRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.provider, SUPPLEMENTARY_ROLES.confirmation);
  return onAssignmentWorkflow(deps, row, assignmentId, (handle) => handle.executeUpdate(confirmAssignmentUpdate, { args: [{ ...confirmation, by }] }));
}

/** Before an assignment ends: end it, renew it (a new request through the intake) or propose its promotion. */
export async function decideAssignmentEnd(deps: ApiDeps, principal: Principal, { contractId, assignmentId, ...decision }: DecideAssignmentEndRequest & AssignmentRef) {
  const row = await activeVisibleContract(deps, principal, contractId);
  const by = actorFor(principal, row.commissioner, SUPPLEMENTARY_ROLES.endDecision);
  return onAssignmentWorkflow(deps, row, assignmentId, (handle) => handle.executeUpdate(decideAssignmentEndUpdate, { args: [{ ...decision, by }] }));
}
