/**
 * `GET /overview/unowned`: open tasks whose role nobody holds today (the role directory), on the
 * contracts and tenders of the principal's organisations, for their contract managers and managers.
 * Their reminders reach nobody until the organisation's administrator assigns the role.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unownedTasksQuery, type UnownedTaskRow } from '../../db/unowned-tasks';
import { directoryDay } from '../../domain/directory';
import { roleLabels, roleSchema } from '../../domain/glossary';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { errorResponseSchema } from '../errors';
import { commissionedBySql } from '../services/overview-queries';
import { overviewScope } from '../services/overview-scope';

const nullableString = z.string().nullable();
/** Signed in: an API token (bearer) or a session cookie. */
const security = [{ bearerAuth: [] }];

export const unownedOverviewSchema = z.object({
  asOf: z.string(),
  truncated: z.boolean(),
  tasks: z.array(
    z.object({
      id: z.string(),
      workflowId: z.string(),
      kind: z.string(),
      title: z.string(),
      dueDate: z.string(),
      overdue: z.boolean(),
      owner: z.object({ role: roleSchema, roleLabel: z.string(), organisation: z.string() }).describe('The role nobody holds today'),
      commissioner: nullableString,
      provider: nullableString,
      contract: z.object({ id: z.string(), lotId: nullableString, lotTitle: nullableString }).nullable(),
      tender: z.object({ id: z.string(), title: nullableString }).nullable(),
    }),
  ),
});

export function unownedRoutes({ prisma }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/overview/unowned',
      {
        schema: {
          tags: ['overview'],
          security,
          summary: 'Open tasks whose role nobody holds today (unowned), soonest due first, on my organisations\' contracts and tenders',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
          response: { 200: unownedOverviewSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => {
        const organisations = overviewScope(requirePrincipal(request));
        const today = directoryDay(new Date());
        const { limit } = request.query;
        const rows = await prisma.$queryRaw<UnownedTaskRow[]>(unownedTasksQuery(commissionedBySql(organisations), today, limit + 1));
        return {
          asOf: today,
          truncated: rows.length > limit,
          tasks: rows.slice(0, limit).map((row) => {
            const role = roleSchema.parse(row.role);
            return {
              id: row.id,
              workflowId: row.workflow_id,
              kind: row.kind,
              title: row.title,
              dueDate: row.due_date,
              overdue: row.due_date < today,
              owner: { role, roleLabel: roleLabels[role], organisation: row.organisation },
              commissioner: row.commissioner,
              provider: row.provider,
              contract: row.contract_id ? { id: row.contract_id, lotId: row.lot_id, lotTitle: row.lot_title } : null,
              tender: row.tender_id ? { id: row.tender_id, title: row.tender_title } : null,
            };
          }),
        };
      },
    );
  };
}
