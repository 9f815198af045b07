/**
 * The pages of supplementary assignments: a contract's portfolio with its intake and vetting forms, and the
 * overview across a commissioner's contracts. Reads and actions go through the API's services
 * (api/services/supplementary*.ts) with their access rules: another organisation's contract is "not found"
 * as a missing one, a role that may not act is refused next to the form's main field.
 */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsRole, type Principal } from '../../api/auth/principal';
import type { ApiDeps } from '../../api/deps';
import { actsForProviderOnly, confirmAssignment, supplementaryPortfolio, takeInRequest, vetRequest } from '../../api/services/supplementary';
import { approveBundling, consentToCombinedCaps, decideFlexibleAmount } from '../../api/services/supplementary-budget';
import { commissionerSupplementaryOverview } from '../../api/services/supplementary-overview';
import { visibleContract } from '../../api/services/visible-records';
import { overviewOrganisations } from '../../domain/access';
import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import type { Contract } from '../../generated/prisma/client';
import type { FieldErrors } from '../forms/field-errors';
import { parseBundlingForm, parseConsentForm, parseFlexibleAmountForm } from '../forms/supplementary-budget-forms';
import { formBodySchema } from '../forms/form-body';
import { fieldErrorsOfFailure } from '../forms/service-failure';
import { parseConfirmationForm, parseIntakeForm, parseVettingForm, supplementaryApiFieldOf, type SupplementaryForm } from '../forms/supplementary-forms';
import type { FormParse } from '../forms/tender-action-forms';
import type { PageContext } from '../page-context';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { SupplementaryOverviewPage } from '../pages/supplementary-overview-page';
import { SupplementaryPage, type SupplementaryPageProps } from '../pages/supplementary-page';
import { sendPage } from '../render';

const contractParams = z.object({ contractId: z.string().min(1).max(200) });
/** Empty filter fields (a form sends them) count as absent. */
const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);
const overviewQuerySchema = z.object({
  commissioner: z.preprocess(blankIsAbsent, z.string().trim().min(1).max(200).optional()),
  year: z.preprocess(blankIsAbsent, z.coerce.number().int().min(2000).max(2100).optional()),
});

/** Who takes a request in on this page: the provider only for itself (side-steering), else the commissioner's contract line. */
function intakeAs(principal: Principal, row: Contract): SupplementaryPageProps['intakeAs'] {
  if (actsForProviderOnly(principal, row)) return holdsRole(principal, row.provider, SUPPLEMENTARY_ROLES.intakeProvider) ? 'provider' : null;
  return holdsRole(principal, row.commissioner, SUPPLEMENTARY_ROLES.intakeCommissioner) ? 'commissioner' : null;
}

async function pageProps(deps: ApiDeps, principal: Principal, contractId: string): Promise<SupplementaryPageProps> {
  const row = await visibleContract(deps, principal, contractId);
  const portfolio = await supplementaryPortfolio(deps, principal, { contractId });
  return {
    contract: { id: row.id, lotTitle: row.lotTitle, commissioner: row.commissioner, provider: row.provider, status: row.status },
    portfolio,
    intakeAs: intakeAs(principal, row),
    mayVet: holdsRole(principal, row.commissioner, SUPPLEMENTARY_ROLES.vetting),
    mayConfirm: holdsRole(principal, row.provider, SUPPLEMENTARY_ROLES.confirmation),
    mayBudget: holdsRole(principal, row.commissioner, SUPPLEMENTARY_ROLES.budget),
    mayConsent: holdsRole(principal, row.commissioner, SUPPLEMENTARY_ROLES.consent),
  };
}

export function supplementaryPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const pagePath = (contractId: string) => `/contracten/${encodeURIComponent(contractId)}/aanvullende-opdrachten`;

    app.get(
      '/contracten/:contractId/aanvullende-opdrachten',
      { schema: { hide: true, params: contractParams, querystring: z.object({ gelukt: z.enum(['intake', 'vetting', 'confirmation', 'bundling', 'flexibleAmount', 'consent']).optional() }) } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const props = await pageProps(deps, principal, request.params.contractId);
        return sendPage(reply, pageContextOf(deps, request, reply), createElement(SupplementaryPage, { ...props, done: request.query.gelukt }));
      },
    );

    const action = <T>(path: string, form: SupplementaryForm, mainField: string, parse: (body: z.infer<typeof formBodySchema>, locale: PageContext['locale']) => FormParse<T>, run: (principal: Principal, contractId: string, request: T) => Promise<unknown>) =>
      app.post(path, { schema: { hide: true, params: contractParams, body: formBodySchema } }, async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const { contractId } = request.params;
        const context = pageContextOf(deps, request, reply);
        const parsed = parse(request.body, context.locale);
        let errors: FieldErrors;
        if (parsed.ok) {
          try {
            await run(principal, contractId, parsed.request);
            return reply.redirect(`${pagePath(contractId)}?gelukt=${form}`, 303);
          } catch (error) {
            errors = fieldErrorsOfFailure(error, supplementaryApiFieldOf[form], mainField);
          }
        } else errors = parsed.errors;
        const props = await pageProps(deps, principal, contractId);
        return sendPage(reply, context, createElement(SupplementaryPage, { ...props, failed: { form, errors, values: parsed.values } }), 400);
      });

    action('/contracten/:contractId/aanvullende-opdrachten', 'intake', 'title', parseIntakeForm, (principal, contractId, intake) => takeInRequest(deps, principal, { ...intake, contractId }));
    action('/contracten/:contractId/aanvullende-opdrachten/toetsing', 'vetting', 'decision', parseVettingForm, (principal, contractId, vetting) => vetRequest(deps, principal, { ...vetting, contractId }));
    action('/contracten/:contractId/aanvullende-opdrachten/bundeling', 'bundling', 'bundlingNote', parseBundlingForm, async (principal, contractId, choice) => {
      const pending = (await supplementaryPortfolio(deps, principal, { contractId })).pendingBundling.find((p) => p.year === choice.year);
      const bundles = (pending?.proposals ?? []).filter((_, index) => choice.kept.includes(index)).map(({ theme, goal, assignmentIds }) => ({ theme, goal, assignmentIds }));
      return approveBundling(deps, principal, { contractId, year: choice.year, bundles, ...(choice.note ? { note: choice.note } : {}) });
    });
    action('/contracten/:contractId/aanvullende-opdrachten/flexibel-bedrag', 'flexibleAmount', 'amount', parseFlexibleAmountForm, (principal, contractId, decision) => decideFlexibleAmount(deps, principal, { ...decision, contractId }));
    action('/contracten/:contractId/aanvullende-opdrachten/toestemming', 'consent', 'consent', parseConsentForm, (principal, contractId, consent) => consentToCombinedCaps(deps, principal, { ...consent, contractId }));
    action('/contracten/:contractId/aanvullende-opdrachten/bevestiging', 'confirmation', 'confirm', parseConfirmationForm, (principal, contractId, confirmation) => confirmAssignment(deps, principal, { ...confirmation, contractId }));

    app.get('/overzicht/aanvullende-opdrachten', { schema: { hide: true, querystring: overviewQuerySchema } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const organisations = overviewOrganisations(principal.holdings);
      const commissioner = request.query.commissioner ?? organisations[0];
      const { year } = request.query;
      // Without an organisation to read, the service refuses (403, naming the roles).
      const overview = await commissionerSupplementaryOverview(deps, principal, { ...(commissioner ? { commissioner } : {}), ...(year === undefined ? {} : { year }) });
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(SupplementaryOverviewPage, { overview, commissioner: commissioner!, ...(year === undefined ? {} : { year }), organisations }));
    });
  };
}
