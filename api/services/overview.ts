/**
 * What people see across their contracts and tenders: the overdue overview and the failed notifications
 * for commissioner staff (contract managers and managers, over their own organisations only), and a
 * provider's own open tasks. Read from PostgreSQL (api/services/overview-queries.ts).
 */
import { readingOrganisations } from '../../domain/access';
import { type IsoDate, toIsoDate } from '../../domain/dates';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import type { ChangeScope } from '../../db/change-feed';
import { readThrough, wholeTables } from '../read-cache';
import {
  audiencesSql,
  failedNotificationsQuery,
  type FailedNotificationRow,
  type OverdueFilters,
  overdueOverviewQuery,
  type OverdueOverviewRow,
  type OverdueRow,
  providerTaskListQuery,
  type ProviderTaskListRow,
  type ProviderTaskRow,
} from './overview-queries';
import { overviewScope } from './overview-scope';

export { failuresOverview } from './failures';

const timestamp = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
/** A json column as the driver hands it over: parsed already, or its text. */
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * Open tasks past their due date on the principal's organisations' contracts and tenders, most overdue
 * first, with totals per kind. A filter naming another organisation gives an empty overview.
 */
export async function overdueOverview({ prisma, readCache }: ApiDeps, principal: Principal, filters: OverdueFilters) {
  const organisations = overviewScope(principal);
  const today = toIsoDate(new Date());
  const { commissioner, provider, kind, limit } = filters;
  const sorted = [...organisations].sort();
  const key = ['overdueOverview', sorted, commissioner, provider, kind, limit, today];
  // Kept until a write to the tasks of its audiences, to a contract or tender, or to the audiences' members.
  const tasksOfAudiences = async (): Promise<ChangeScope[]> => {
    const audiences = await readThrough(readCache, ['audiences', sorted], AUDIENCE_MEMBERS, () => audiencesOf(prisma, organisations));
    return [{ table: 'task', parts: audiences.map((id) => `a:${id}`) }];
  };
  return readThrough(readCache, key, OVERDUE_OVERVIEW_READS, () => readOverdueOverview(prisma, organisations, filters, today), tasksOfAudiences);
}

const AUDIENCE_MEMBERS = wholeTables('task_audience_member');
/** What the overdue overview reads besides its audiences' tasks. */
const OVERDUE_OVERVIEW_READS = wholeTables('contract', 'tender', 'task_audience_member');

async function audiencesOf(prisma: ApiDeps['prisma'], organisations: readonly string[]): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ audience_id: number }[]>(audiencesSql(organisations));
  return rows.map((row) => row.audience_id).sort((a, b) => a - b);
}

async function readOverdueOverview(prisma: ApiDeps['prisma'], organisations: string[], filters: OverdueFilters, today: IsoDate) {
  // One statement: the matching tasks are found once for the list and the totals (overview-queries.ts).
  const [result] = await prisma.$queryRaw<OverdueOverviewRow[]>(overdueOverviewQuery(filters, today, organisations));
  const rows = json<OverdueRow[]>(result?.tasks ?? []);
  const byKind = json<Record<string, number>>(result?.totals ?? {});
  const total = Object.values(byKind).reduce((sum, count) => sum + count, 0);
  return {
    asOf: today,
    filters: { commissioner: filters.commissioner ?? null, provider: filters.provider ?? null, kind: filters.kind ?? null },
    totals: { overdue: total, byKind },
    truncated: rows.length < total,
    tasks: rows.map((row) => ({
      id: row.id,
      workflowId: row.workflow_id,
      kind: row.kind,
      title: row.title,
      dueDate: row.due_date,
      daysOverdue: Number(row.days_overdue),
      escalatedAt: timestamp(row.escalated_at),
      owner: { role: row.role, organisation: row.organisation },
      commissioner: row.commissioner,
      provider: row.provider,
      contract: row.contract_id ? { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title } : null,
      tender: row.tender_id ? { id: row.tender_id, title: row.tender_title } : null,
    })),
  };
}

/** Notifications that failed for good on the principal's organisations' contracts and tenders, newest first. */
export async function failedNotifications({ prisma }: ApiDeps, principal: Principal, { limit }: { limit: number }) {
  const rows = await prisma.$queryRaw<FailedNotificationRow[]>(failedNotificationsQuery(overviewScope(principal), limit));
  return {
    notifications: rows.map((row) => ({
      idempotencyKey: row.idempotency_key,
      workflowId: row.workflow_id,
      kind: row.kind,
      recipients: row.recipient.split(', ').filter(Boolean),
      subject: row.subject,
      error: row.error ?? '',
      failedAt: new Date(row.claimed_at).toISOString(),
      task: row.task_id ? { id: row.task_id, title: row.task_title, organisation: row.organisation } : null,
      tenderId: row.tender_id,
      contractId: row.contract_id,
    })),
  };
}

/**
 * A provider's open tasks across its contracts, due soonest first: for its own staff only. Another
 * organisation's list is answered like a provider without contracts (404), whoever asks.
 */
export async function providerTasks({ prisma, readCache }: ApiDeps, principal: Principal, { organisation, limit }: { organisation: string; limit: number }) {
  if (!readingOrganisations(principal.holdings).includes(organisation)) throw noContracts(organisation);
  const today = toIsoDate(new Date());
  // Kept until a write to its own tasks or to a contract.
  const scopes: ChangeScope[] = [{ table: 'task', parts: [`o:${organisation}`] }, { table: 'contract' }];
  return readThrough(readCache, ['providerTasks', organisation, limit, today], scopes, () => readProviderTasks(prisma, organisation, limit, today));
}

const noContracts = (organisation: string) => notFound(`No contracts with provider ${organisation}`);

async function readProviderTasks(prisma: ApiDeps['prisma'], organisation: string, limit: number, today: IsoDate) {
  // One statement: whether the provider has a contract at all, and its open tasks (overview-queries.ts).
  const [result] = await prisma.$queryRaw<ProviderTaskListRow[]>(providerTaskListQuery(organisation, today, limit));
  if (!result?.any_contract) throw noContracts(organisation);
  const rows = json<ProviderTaskRow[]>(result.tasks);
  return {
    provider: organisation,
    asOf: today,
    tasks: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      role: row.role,
      dueDate: row.due_date,
      daysUntilDue: Number(row.days_until_due),
      overdue: row.due_date < today,
      escalatedAt: timestamp(row.escalated_at),
      contract: { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title, commissioner: row.commissioner },
    })),
  };
}
