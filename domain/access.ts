/**
 * Who sees what, per organisation (issue 11). Pure rules over the roles a principal holds today; the API's
 * services (api/services) apply them to every read and action, and turn them into query conditions.
 *
 * - A provider sees only its own contracts (`contract.provider`) and its own tasks (`task.organisation`),
 *   and so only its own accountability reports and figures (they live on its contracts).
 * - A commissioner organisation sees the contracts made for it (`contract.commissioners`: the
 *   commissioners of the tender and the municipalities a purchasing body acts for, so a purchasing body
 *   sees the contracts it made and each municipality its own share), and the tenders it leads or
 *   commissions, with their bidders' names, awards and objections. Providers see no tender.
 * - Commissioner staff see every task on the contracts and tenders they see, the provider's too (an
 *   overdue accountability report is exactly what their manager must find); they cannot complete a
 *   provider's task (its role and organisation decide, api/auth/actor.ts). A provider does not see the
 *   commissioner's own tasks on its contract (its internal end decision, budget and indexation work).
 * - The overviews (`/overview/*`) are for commissioner staff: contract managers and managers, over their
 *   own organisations only.
 * - The administrator role keeps its organisation's part of the role directory; on its own it sees no
 *   contract, tender or task.
 */
import type { Role } from './glossary';

/** A role held within an organisation (the shape of api/auth/principal.ts's RoleHolding). */
export interface Holding {
  role: Role;
  organisation: string;
}

/** A commissioner as a tender's launch names it (domain/schemas/tender-launch.ts). */
export interface CommissionerParty {
  organisation: string;
  actsFor?: readonly string[];
}

/** Roles that keep the directory and see nothing else. */
export const DIRECTORY_ONLY_ROLES: readonly Role[] = ['administrator'];

/** Roles that read the overviews of their organisations' contracts and tenders. */
export const OVERVIEW_ROLES: readonly Role[] = ['contractManager', 'manager'];

/** The organisations whose contracts, tenders and tasks the holdings give sight of. */
export function readingOrganisations(holdings: readonly Holding[]): string[] {
  return unique(holdings.filter((h) => !DIRECTORY_ONLY_ROLES.includes(h.role)).map((h) => h.organisation));
}

/** The organisations in which one of `roles` is held. */
export function organisationsHolding(holdings: readonly Holding[], roles: readonly Role[]): string[] {
  return unique(holdings.filter((h) => roles.includes(h.role)).map((h) => h.organisation));
}

/** The organisations whose overviews the holdings open (contract managers and managers). */
export function overviewOrganisations(holdings: readonly Holding[]): string[] {
  return organisationsHolding(holdings, OVERVIEW_ROLES);
}

/** The first of `allowedRoles` (in their order) held within `organisation`, if any. */
export function roleToActAs(holdings: readonly Holding[], organisation: string, allowedRoles: readonly Role[]): Role | undefined {
  return allowedRoles.find((role) => holdings.some((h) => h.organisation === organisation && h.role === role));
}

/** Every organisation a contract is made for: each commissioner and the municipalities it acts for. */
export function contractCommissioners(commissioners: readonly CommissionerParty[]): string[] {
  return unique(commissioners.flatMap((c) => [c.organisation, ...(c.actsFor ?? [])]));
}

export interface ContractParties {
  provider: string;
  /** `contract.commissioners` (contractCommissioners of the tender's commissioners). */
  commissioners: readonly string[];
}

/** Whether the holdings give sight of a contract: its provider, or one it was made for. */
export function maySeeContract(holdings: readonly Holding[], contract: ContractParties): boolean {
  const organisations = readingOrganisations(holdings);
  return organisations.includes(contract.provider) || contract.commissioners.some((c) => organisations.includes(c));
}

/** Whether the holdings make their holder a commissioner of the contract (not merely its provider). */
export function isCommissionerOf(holdings: readonly Holding[], contract: ContractParties): boolean {
  const organisations = readingOrganisations(holdings);
  return contract.commissioners.some((c) => organisations.includes(c));
}

export interface TenderParties {
  leadOrganisation: string;
  commissioners: readonly CommissionerParty[];
}

/** Whether the holdings give sight of a tender (and its bidders, awards and objections): it leads or commissions it. */
export function maySeeTender(holdings: readonly Holding[], tender: TenderParties): boolean {
  const organisations = readingOrganisations(holdings);
  return [tender.leadOrganisation, ...contractCommissioners(tender.commissioners)].some((o) => organisations.includes(o));
}

export interface TaskContext {
  /** The organisation that owns the task. */
  organisation: string;
  /** The contract the task belongs to, if any. */
  contract?: ContractParties | null;
  /** The tender the task belongs to, if any. */
  tender?: TenderParties | null;
}

/**
 * Whether the holdings give sight of a task: its own organisation's, or any task on a contract or tender
 * the holder commissions (a provider's included). A provider sees only the tasks its organisation owns.
 */
export function maySeeTask(holdings: readonly Holding[], task: TaskContext): boolean {
  if (readingOrganisations(holdings).includes(task.organisation)) return true;
  if (task.contract && isCommissionerOf(holdings, task.contract)) return true;
  return task.tender ? maySeeTender(holdings, task.tender) : false;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
