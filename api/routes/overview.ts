/**
 * What people see across their contracts and tenders (api/services/overview.ts): the overdue overview and
 * the failed notifications for commissioner staff, over their own organisations only, and a provider's
 * own open tasks. Signed in only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { failedNotifications, overdueOverview, providerTasks } from '../services/overview';

export { overdueTasksQuery, overdueTotalsQuery, type OverdueFilters } from '../services/overview-queries';

const tags = ['tasks'];
const security = [{ bearerAuth: [] }];

const organisationName = z.string().trim().min(1).max(200);
/** Task kinds are identifiers (tender step keys, contract term task kinds): camelCase. */
const taskKind = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, 'a task kind, such as accountabilityReport');
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);

export const overdueFiltersSchema = z.strictObject({
  commissioner: organisationName.optional().describe("The contract's commissioner or the tender's lead organisation; another organisation's gives an empty overview"),
  provider: organisationName.optional(),
  kind: taskKind.optional(),
  limit: limit(100),
});

export const failedNotificationsSchema = z.object({
  notifications: z.array(
    z.object({
      idempotencyKey: z.string(),
      workflowId: z.string(),
      kind: z.string(),
      recipients: z.array(z.string()),
      subject: z.string(),
      error: z.string().describe("The mail server's answer, or why the address is invalid"),
      failedAt: z.string(),
      task: z.object({ id: z.string(), title: z.string().nullable(), organisation: z.string().nullable() }).nullable(),
      tenderId: z.string().nullable(),
      contractId: z.string().nullable(),
    }),
  ),
});

const nullableString = z.string().nullable();
export const overdueOverviewSchema = z.object({
  asOf: z.string(),
  filters: z.object({ commissioner: nullableString, provider: nullableString, kind: nullableString }),
  totals: z.object({ overdue: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
  truncated: z.boolean(),
  tasks: z.array(
    z.object({
      id: z.string(),
      workflowId: z.string(),
      kind: z.string(),
      title: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number().int(),
      escalatedAt: nullableString,
      owner: z.object({ role: z.string(), organisation: z.string() }),
      commissioner: nullableString,
      provider: nullableString,
      contract: z.object({ id: z.string(), lotId: nullableString, lotTitle: nullableString }).nullable(),
      tender: z.object({ id: z.string(), title: nullableString }).nullable(),
    }),
  ),
});

export const providerTasksSchema = z.object({
  provider: z.string(),
  asOf: z.string(),
  tasks: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      role: z.string(),
      dueDate: z.string(),
      daysUntilDue: z.number().int(),
      overdue: z.boolean(),
      escalatedAt: nullableString,
      contract: z.object({ id: z.string(), lotId: z.string(), lotTitle: z.string(), commissioner: z.string() }),
    }),
  ),
});

export function overviewRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.get(
      '/overview/overdue',
      {
        schema: {
          tags,
          security,
          summary: "Open tasks past their due date on your organisations' contracts and tenders, most overdue first, with totals per kind (contract managers and managers)",
          querystring: overdueFiltersSchema,
          response: { 200: overdueOverviewSchema },
        },
      },
      async (request) => overdueOverview(deps, requirePrincipal(request), request.query),
    );

    app.get(
      '/overview/failed-notifications',
      {
        schema: {
          tags,
          security,
          summary: "Notifications on your organisations' contracts and tenders that failed for good (the mail server refused them, or an address is invalid), newest first: their task goes on without them, someone must tell the recipients",
          querystring: z.strictObject({ limit: limit(100) }),
          response: { 200: failedNotificationsSchema },
        },
      },
      async (request) => failedNotifications(deps, requirePrincipal(request), request.query),
    );

    app.get(
      '/providers/:organisation/tasks',
      {
        schema: {
          tags,
          security,
          summary: "A provider's open tasks across all its contracts, due soonest first, with what is expected: for the provider's own staff (404 for anyone else, as for a provider without contracts)",
          params: z.object({ organisation: organisationName }),
          querystring: z.strictObject({ limit: limit(200) }),
          response: { 200: providerTasksSchema },
        },
      },
      async (request) => providerTasks(deps, requirePrincipal(request), { ...request.params, ...request.query }),
    );
  };
}
