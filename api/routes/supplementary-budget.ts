/**
 * The supplementary budget of a contract (api/services/supplementary-budget.ts): bundling, the written
 * consent to adding spending caps up (VNG art. 1.5.8), the yearly flexible amount, spending caps and
 * spending, and the settings. Signed in only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveBundlingRequestSchema,
  configureSupplementaryRequestSchema,
  consentToCombinedCapsRequestSchema,
  decideFlexibleAmountRequestSchema,
  recordSpendingRequestSchema,
  setSpendingCapRequestSchema,
} from '../../domain/schemas/supplementary';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { bundleIdSchema, supplementaryBundleSchema, supplementarySettingsSchema, supplementaryYearSchema } from '../schemas/supplementary-views';
import { approveBundling, configureSupplementary, consentToCombinedCaps, decideFlexibleAmount, recordSpending, setSpendingCap } from '../services/supplementary-budget';
import { contractParams } from './supplementary';

const tags = ['supplementary'];
const security = [{ bearerAuth: [] }];

export function supplementaryBudgetRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.post(
      '/contracts/:contractId/supplementary-bundles',
      {
        schema: {
          tags,
          security,
          summary:
            "Approve the bundling moment's proposal, as proposed or edited: small budgets bundled per theme and goal, earmarked for the goal, with one reporting regime; a bundle that adds spending caps up awaits the commissioner's written consent (VNG art. 1.5.8); manager or contractManager",
          params: contractParams,
          body: approveBundlingRequestSchema,
          response: { 201: z.array(supplementaryBundleSchema) },
        },
      },
      async (request, reply) => reply.status(201).send(await approveBundling(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.post(
      '/contracts/:contractId/supplementary-bundles/:bundleId/consent',
      {
        schema: {
          tags,
          security,
          summary:
            "The commissioner's written consent to (or refusal of) adding up the spending caps of the bundle's assignments: the college or the manager; after a European procedure only when that is no substantial change (noSubstantialChange, VNG art. 1.5.8; Aw 2012 art. 2.163a)",
          params: contractParams.extend({ bundleId: bundleIdSchema }),
          body: consentToCombinedCapsRequestSchema,
          response: { 200: supplementaryBundleSchema },
        },
      },
      async (request) => consentToCombinedCaps(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/contracts/:contractId/flexible-amount',
      {
        schema: {
          tags,
          security,
          summary: "Decide a year's flexible amount for supplementary assignments (proposed from the past years' average); manager or contractManager",
          params: contractParams,
          body: decideFlexibleAmountRequestSchema,
          response: { 200: supplementaryYearSchema },
        },
      },
      async (request) => decideFlexibleAmount(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      '/contracts/:contractId/spending-caps',
      {
        schema: {
          tags,
          security,
          summary: "Set a calendar year's spending cap (bestedingsruimte, VNG art. 1.5); manager or contractManager",
          params: contractParams,
          body: setSpendingCapRequestSchema,
          response: { 201: supplementaryYearSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await setSpendingCap(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.post(
      '/contracts/:contractId/spending',
      {
        schema: {
          tags,
          security,
          summary: "Record spending against the year's spending cap; at 70% of the cap the parties consult (VNG art. 1.5); manager or contractManager",
          params: contractParams,
          body: recordSpendingRequestSchema,
          response: { 201: supplementaryYearSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await recordSpending(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.post(
      '/contracts/:contractId/supplementary-settings',
      {
        schema: {
          tags,
          security,
          summary: "The contract's settings for supplementary assignments: below which budget an assignment is small (bundled), and the bundling moment; manager or contractManager",
          params: contractParams,
          body: configureSupplementaryRequestSchema,
          response: { 200: supplementarySettingsSchema },
        },
      },
      async (request) => configureSupplementary(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );
  };
}
