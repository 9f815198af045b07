/**
 * One tender, contract or task as the principal may see it. A thing outside the principal's organisations
 * is answered exactly like a missing one (404, the same message): a refusal never reveals it exists.
 */
import { type CommissionerParty, maySeeContract, maySeeTask, maySeeTender, type TenderParties } from '../../domain/access';
import type { Contract, Task, Tender } from '../../generated/prisma/client';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';

/** Who leads and commissions a tender, from its recorded launch. */
export function tenderParties(row: Pick<Tender, 'leadOrganisation' | 'launch'>): TenderParties {
  const launch = row.launch as { commissioners?: CommissionerParty[] } | null;
  return { leadOrganisation: row.leadOrganisation, commissioners: launch?.commissioners ?? [] };
}

export async function visibleTender({ prisma }: ApiDeps, principal: Principal, tenderId: string): Promise<Tender> {
  const row = await prisma.tender.findUnique({ where: { id: tenderId } });
  if (!row || !maySeeTender(principal.holdings, tenderParties(row))) throw notFound(`No tender ${tenderId}`);
  return row;
}

/** A visible tender that still takes actions (409 once it is cancelled or completed). */
export async function activeVisibleTender(deps: ApiDeps, principal: Principal, tenderId: string): Promise<Tender> {
  const row = await visibleTender(deps, principal, tenderId);
  if (row.status !== 'active') throw conflict(`Tender ${tenderId} is ${row.status}`);
  return row;
}

export async function visibleContract({ prisma }: ApiDeps, principal: Principal, contractId: string): Promise<Contract> {
  const row = await prisma.contract.findUnique({ where: { id: contractId } });
  if (!row || !maySeeContract(principal.holdings, row)) throw notFound(`No contract ${contractId}`);
  return row;
}

/** A visible contract that still takes actions (409 once it has ended). */
export async function activeVisibleContract(deps: ApiDeps, principal: Principal, contractId: string): Promise<Contract> {
  const row = await visibleContract(deps, principal, contractId);
  if (row.status === 'ended') throw conflict(`Contract ${contractId} has ended`);
  return row;
}

export async function visibleTask({ prisma }: ApiDeps, principal: Principal, taskId: string): Promise<Task> {
  const row = await prisma.task.findUnique({ where: { id: taskId } });
  if (!row) throw notFound(`No task ${taskId}`);
  const [contract, tender] = await Promise.all([
    row.contractId ? prisma.contract.findUnique({ where: { id: row.contractId }, select: { provider: true, commissioners: true } }) : null,
    row.tenderId ? prisma.tender.findUnique({ where: { id: row.tenderId }, select: { leadOrganisation: true, launch: true } }) : null,
  ]);
  if (!maySeeTask(principal.holdings, { organisation: row.organisation, contract, tender: tender ? tenderParties(tender) : null })) {
    throw notFound(`No task ${taskId}`);
  }
  return row;
}
