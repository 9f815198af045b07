/**
 * Supplementary assignments (aanvullende opdrachten) of a contract: the one intake, the joint panel's
 * vetting, the provider's confirmation, the end decision and the promotion (api/services/supplementary.ts).
 * Both parties read the portfolio; each action is taken as a role the principal holds in its party.
 * Signed in only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmAssignmentRequestSchema,
  decideAssignmentEndRequestSchema,
  proposePromotionRequestSchema,
  takeInRequestRequestSchema,
  vetRequestRequestSchema,
} from '../../domain/schemas/supplementary';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { assignmentIdSchema, supplementaryAssignmentSchema, supplementaryAssignmentStateSchema, supplementaryPortfolioSchema } from '../schemas/supplementary-views';
import {
  confirmAssignment,
  decideAssignmentEnd,
  proposePromotion,
  supplementaryAssignment,
  supplementaryPortfolio,
  takeInRequest,
  vetRequest,
} from '../services/supplementary';

const tags = ['supplementary'];
const security = [{ bearerAuth: [] }];
export const contractParams = z.object({ contractId: z.string().min(1) });
const assignmentParams = contractParams.extend({ assignmentId: assignmentIdSchema });
const base = '/contracts/:contractId/supplementary-assignments';

export function supplementaryRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => void requirePrincipal(request));

    app.post(
      base,
      {
        schema: {
          tags,
          security,
          summary:
            "Take a request for a supplementary assignment into the contract's one intake: by the commissioner's contract line (contractManager, chainCoordinator or manager of the lead commissioner), or by the provider (contractContact, teamLead or director) when it reached the provider outside that line (counted as side-steering); the joint panel then vets it",
          params: contractParams,
          body: takeInRequestRequestSchema,
          response: { 201: supplementaryAssignmentSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await takeInRequest(deps, requirePrincipal(request), { ...request.body, ...request.params })),
    );

    app.get(
      base,
      {
        schema: {
          tags,
          security,
          summary: "The contract's supplementary assignments, bundles, flexible amounts, spending caps and settings (both parties)",
          params: contractParams,
          response: { 200: supplementaryPortfolioSchema },
        },
      },
      async (request) => supplementaryPortfolio(deps, requirePrincipal(request), request.params),
    );

    app.get(
      `${base}/:assignmentId`,
      {
        schema: {
          tags,
          security,
          summary: 'One supplementary assignment with its tasks (a provider sees its own tasks); 404 for an id the contract does not hold',
          params: assignmentParams,
          response: { 200: supplementaryAssignmentStateSchema },
        },
      },
      async (request) => supplementaryAssignment(deps, requirePrincipal(request), request.params),
    );

    app.post(
      `${base}/:assignmentId/vetting`,
      {
        schema: {
          tags,
          security,
          summary:
            "The joint panel's (gremium, role jointPanel of the lead commissioner) decision: accept with its route and legal ground (a change option, Aw 2012 art. 2.163c and VNG art. 1.4.1; additional services, art. 2.163d; de minimis, art. 2.163b) or as a separate contract (a new tender or a grant), or reject; a route over its legal limit is refused (400 naming the field and the article)",
          params: assignmentParams,
          body: vetRequestRequestSchema,
          response: { 200: supplementaryAssignmentSchema },
        },
      },
      async (request) => vetRequest(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      `${base}/:assignmentId/confirmation`,
      {
        schema: {
          tags,
          security,
          summary: "The provider's confirmation (or refusal) of an assignment the panel accepted: its contractContact or director",
          params: assignmentParams,
          body: confirmAssignmentRequestSchema,
          response: { 200: supplementaryAssignmentStateSchema },
        },
      },
      async (request) => confirmAssignment(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      `${base}/:assignmentId/end-decision`,
      {
        schema: {
          tags,
          security,
          summary: 'Before the assignment ends: end it, renew it (a new request through the intake and the panel) or propose it joins the main assignment; contractManager or manager',
          params: assignmentParams,
          body: decideAssignmentEndRequestSchema,
          response: { 200: supplementaryAssignmentStateSchema },
        },
      },
      async (request) => decideAssignmentEnd(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );

    app.post(
      `${base}/:assignmentId/promotion`,
      {
        schema: {
          tags,
          security,
          summary: 'Propose the assignment becomes part of the main assignment at the next tender (at the midterm review or the renewal evaluation); contractManager or manager',
          params: assignmentParams,
          body: proposePromotionRequestSchema,
          response: { 200: supplementaryAssignmentSchema },
        },
      },
      async (request) => proposePromotion(deps, requirePrincipal(request), { ...request.body, ...request.params }),
    );
  };
}
