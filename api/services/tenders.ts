/**
 * Tenders as a principal may see and act on them (the routes of api/routes/tenders.ts and the pages call
 * these). A tender is seen by the organisations that lead or commission it (domain/access.ts), with its
 * bidders' names, awards and objections; every action is taken in its lead organisation, as the role the
 * principal holds there (api/auth/actor.ts; the workflow checks again).
 */
import { randomUUID } from 'node:crypto';
import { type IsoDate, toIsoDate } from '../../domain/dates';
import type { Role } from '../../domain/glossary';
import type {
  CancelTenderRequest,
  RegisterAwardRequest,
  RegisterObjectionRequest,
  ResolveObjectionRequest,
  ShiftDeadlineRequest,
} from '../../domain/schemas/tender-actions';
import { type TenderLaunchRequest } from '../../domain/schemas/tender-launch';
import { assertProcurementRoute, planTender } from '../../domain/tender-plan';
import { tenderStep } from '../../domain/tender-steps';
import type { tenderPreparationWorkflow } from '../../workflows/tender/tender-preparation';
import {
  cancelTenderUpdate,
  launchRecordedUpdate,
  registerAwardUpdate,
  registerObjectionUpdate,
  resolveObjectionUpdate,
  shiftDeadlineUpdate,
  tenderTimelineQuery,
  tenderWorkflowId,
} from '../../workflows/tender/tender-definitions';
import { actorFor } from '../auth/actor';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { tenderSummary } from '../views';
import { visibleTenders } from './visibility';
import { activeVisibleTender, visibleTender } from './visible-records';
import { leadOrganisation } from '../../domain/lead-organisation';

/**
 * Who may take each action, within the tender's lead organisation. The award is the award decision task's
 * (its owner or the manager, as the workflow's assertMayComplete); objections are registered as received
 * by the lead organisation's procurement staff, who also resolve them and shift deadlines.
 */
export const TENDER_ACTION_ROLES = {
  launch: ['procurementOfficer', 'manager'],
  award: [tenderStep('awardDecision').ownerRole, 'manager'],
  objection: ['procurementOfficer', 'manager'],
  resolveObjection: ['procurementOfficer', 'manager'],
  shift: ['procurementOfficer', 'manager'],
  cancel: ['manager', 'procurementOfficer'],
} as const satisfies Record<string, readonly Role[]>;

export interface ListTendersInput {
  status?: 'active' | 'cancelled' | 'completed';
  /** Only tenders this organisation leads; another organisation's give an empty list. */
  organisation?: string;
  limit: number;
}

/** Starts a tender preparation led by the launch's lead organisation, as a role the principal holds there. */
export async function launchTender(deps: ApiDeps, principal: Principal, launch: TenderLaunchRequest, today: IsoDate = toIsoDate(new Date())) {
  const launchedBy = actorFor(principal, leadOrganisation(launch.commissioners), TENDER_ACTION_ROLES.launch);
  // Refuse a start date that cannot fit, or a national route above the EU threshold, before anything starts (the workflow checks again).
  const plan = planTender({ ...launch, today });
  assertProcurementRoute({ ...launch, noticeDate: plan.milestones.find((m) => m.key === 'publication')!.dueDate });
  const tenderId = randomUUID();
  const handle = await deps.temporal.workflow.start<typeof tenderPreparationWorkflow>('tenderPreparationWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId: tenderWorkflowId(tenderId),
    args: [{ tenderId, launch: { ...launch, launchedBy } }],
  });
  const timeline = await handle.executeUpdate(launchRecordedUpdate);
  return { id: tenderId, workflowId: handle.workflowId, timeline };
}

/** The tenders the principal sees, newest first. */
export async function listTenders({ prisma }: ApiDeps, principal: Principal, { status, organisation, limit }: ListTendersInput) {
  const rows = await prisma.tender.findMany({
    where: { AND: [visibleTenders(principal), { ...(status ? { status } : {}), ...(organisation ? { leadOrganisation: organisation } : {}) }] },
    orderBy: { launchedAt: 'desc' },
    take: limit,
  });
  return rows.map(tenderSummary);
}

/** A tender with its timeline (404 when the principal may not see it). */
export async function getTender(deps: ApiDeps, principal: Principal, { tenderId }: { tenderId: string }) {
  const row = await visibleTender(deps, principal, tenderId);
  return { ...tenderSummary(row), timeline: await deps.temporal.workflow.getHandle(row.workflowId).query(tenderTimelineQuery) };
}

export async function registerAward(deps: ApiDeps, principal: Principal, { tenderId, ...award }: RegisterAwardRequest & { tenderId: string }) {
  const row = await activeVisibleTender(deps, principal, tenderId);
  const by = actorFor(principal, row.leadOrganisation, TENDER_ACTION_ROLES.award);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(registerAwardUpdate, { args: [{ ...award, by }] });
}

export async function registerObjection(deps: ApiDeps, principal: Principal, { tenderId, ...objection }: RegisterObjectionRequest & { tenderId: string }) {
  const row = await activeVisibleTender(deps, principal, tenderId);
  const by = actorFor(principal, row.leadOrganisation, TENDER_ACTION_ROLES.objection);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(registerObjectionUpdate, { args: [{ ...objection, by }] });
}

export async function resolveObjection(deps: ApiDeps, principal: Principal, { tenderId, ...resolution }: ResolveObjectionRequest & { tenderId: string; objectionId: string }) {
  const row = await activeVisibleTender(deps, principal, tenderId);
  const by = actorFor(principal, row.leadOrganisation, TENDER_ACTION_ROLES.resolveObjection);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(resolveObjectionUpdate, { args: [{ ...resolution, by }] });
}

export async function shiftDeadline(deps: ApiDeps, principal: Principal, { tenderId, ...shift }: ShiftDeadlineRequest & { tenderId: string }) {
  const row = await activeVisibleTender(deps, principal, tenderId);
  const by = actorFor(principal, row.leadOrganisation, TENDER_ACTION_ROLES.shift);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(shiftDeadlineUpdate, { args: [{ ...shift, by }] });
}

export async function cancelTender(deps: ApiDeps, principal: Principal, { tenderId, ...cancellation }: CancelTenderRequest & { tenderId: string }) {
  const row = await activeVisibleTender(deps, principal, tenderId);
  const by = actorFor(principal, row.leadOrganisation, TENDER_ACTION_ROLES.cancel);
  return deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(cancelTenderUpdate, { args: [{ ...cancellation, by }] });
}
