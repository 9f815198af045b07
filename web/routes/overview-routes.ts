/** The overdue overview page, with the tasks of roles nobody holds today under it, through api/services/overview.ts (its scope: the principal's own organisations). */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationsOf } from '../../api/auth/principal';
import type { ApiDeps } from '../../api/deps';
import { overdueOverview } from '../../api/services/overview';
import { unownedOverview } from '../../api/services/unowned';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { OverviewPage } from '../pages/overview-page';
import { sendPage } from '../render';

const PAGE_SIZE = 50;
const MAX_SHOWN = 1000;
/** Unowned tasks shown under the overdue ones (the API lists more: GET /overview/unowned). */
const UNOWNED_SHOWN = 50;
/** Empty filter fields (a form sends them) count as absent. */
const optionalText = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(max).optional());

export const overviewQuerySchema = z.object({
  commissioner: optionalText(200),
  provider: optionalText(200),
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, 'a task kind, such as accountabilityReport').optional()),
  aantal: z.coerce.number().int().min(1).max(MAX_SHOWN).default(PAGE_SIZE),
});

export function overviewPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/overzicht', { schema: { hide: true, querystring: overviewQuerySchema } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const { aantal, ...filters } = request.query;
      const [overview, unowned] = await Promise.all([overdueOverview(deps, principal, { ...filters, limit: aantal }), unownedOverview(deps, principal, { limit: UNOWNED_SHOWN })]);
      const kinds = [...new Set([...Object.keys(overview.totals.byKind), ...(filters.kind ? [filters.kind] : [])])].sort();
      const query = new URLSearchParams(Object.entries({ ...filters, aantal: String(Math.min(MAX_SHOWN, aantal + PAGE_SIZE)) }).filter((e): e is [string, string] => e[1] !== undefined));
      const more = overview.truncated && aantal < MAX_SHOWN ? `/overzicht?${query.toString()}` : undefined;
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(OverviewPage, { overview, unowned, filters, organisations: organisationsOf(principal), kinds, more }));
    });
  };
}
