/**
 * A contract's page (its term as a picture, the same items as a table) and its midterm review and end
 * decision forms. Reads and actions go through api/services/contracts.ts (and its access-checked contract
 * row, api/services/visible-records.ts): another organisation's contract is "not found", as a missing one.
 */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsRole, type Principal } from '../../api/auth/principal';
import type { ApiDeps } from '../../api/deps';
import { CONTRACT_ACTION_ROLES, contractTimeline, decideTermEnd, recordMidtermDecision } from '../../api/services/contracts';
import { visibleContract } from '../../api/services/visible-records';
import { contractSummary } from '../../api/views';
import { cadenceMonths } from '../../domain/contract-schedule';
import { toIsoDate } from '../../domain/dates';
import { extensionOptionsSchema } from '../../domain/schemas/contract-terms';
import type { Contract } from '../../generated/prisma/client';
import { contractApiFieldOf, parseEndDecisionForm, parseMidtermForm } from '../forms/contract-forms';
import type { FieldErrors } from '../forms/field-errors';
import { formBodySchema } from '../forms/form-body';
import { fieldErrorsOfFailure } from '../forms/service-failure';
import type { FormParse } from '../forms/tender-action-forms';
import type { PageContext } from '../page-context';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { type ContractForm, ContractPage, type ContractPageProps } from '../pages/contract-page';
import { sendPage } from '../render';
import { accountabilityCadenceSchema } from '../../domain/schemas/glossary';

const contractParams = z.object({ contractId: z.string().min(1).max(200) });

/** What the contract's terms say about its picture; unreadable terms give the defaults. */
const pictureTermsSchema = z.object({
  extensionOptions: extensionOptionsSchema.catch({ count: 0, monthsEach: 12 }).default({ count: 0, monthsEach: 12 }),
  accountabilityCadence: accountabilityCadenceSchema.catch('quarterly').default('quarterly'),
});

function mayDecide(principal: Principal, row: Contract): boolean {
  return holdsRole(principal, row.commissioner, [...CONTRACT_ACTION_ROLES.midtermDecision, ...CONTRACT_ACTION_ROLES.endDecision]);
}

async function contractPageProps(deps: ApiDeps, principal: Principal, contractId: string): Promise<ContractPageProps> {
  const row = await visibleContract(deps, principal, contractId);
  const timeline = await contractTimeline(deps, principal, { contractId });
  const summary = contractSummary(row);
  const terms = pictureTermsSchema.parse(row.terms ?? {});
  return {
    contract: summary,
    timeline,
    mayDecide: mayDecide(principal, row),
    picture: {
      startDate: summary.startDate,
      endDate: summary.endDate,
      periodMonths: cadenceMonths[terms.accountabilityCadence],
      extensionOptions: terms.extensionOptions,
      items: timeline,
      today: toIsoDate(new Date()),
    },
  };
}

export function contractPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/contracten/:contractId',
      { schema: { hide: true, params: contractParams, querystring: z.object({ gelukt: z.enum(['midterm', 'end']).optional() }) } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const props = await contractPageProps(deps, principal, request.params.contractId);
        return sendPage(reply, pageContextOf(deps, request, reply), createElement(ContractPage, { ...props, done: request.query.gelukt }));
      },
    );

    const action = <T>(path: string, form: ContractForm, parse: (body: z.infer<typeof formBodySchema>, locale: PageContext['locale']) => FormParse<T>, run: (principal: Principal, contractId: string, request: T) => Promise<unknown>) =>
      app.post(`/contracten/:contractId/${path}`, { schema: { hide: true, params: contractParams, body: formBodySchema } }, async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const { contractId } = request.params;
        const context = pageContextOf(deps, request, reply);
        const parsed = parse(request.body, context.locale);
        let errors: FieldErrors;
        if (parsed.ok) {
          try {
            await run(principal, contractId, parsed.request);
            return reply.redirect(`/contracten/${encodeURIComponent(contractId)}?gelukt=${form}`, 303);
          } catch (error) {
            errors = fieldErrorsOfFailure(error, contractApiFieldOf[form], Object.keys(parsed.values)[0]!);
          }
        } else errors = parsed.errors;
        const props = await contractPageProps(deps, principal, contractId);
        return sendPage(reply, context, createElement(ContractPage, { ...props, failed: { form, errors, values: parsed.values } }), 400);
      });

    action('tussentijdse-evaluatie', 'midterm', parseMidtermForm, (principal, contractId, decision) => recordMidtermDecision(deps, principal, { ...decision, contractId }));
    action('einde-looptijd', 'end', parseEndDecisionForm, (principal, contractId, decision) => decideTermEnd(deps, principal, { ...decision, contractId }));
  };
}
