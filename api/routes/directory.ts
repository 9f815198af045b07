/**
 * The role directory's API: an organisation's people and role assignments, kept by its administrator
 * (api/services/directory.ts holds the rules; the pages call the same functions).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { errorResponseSchema } from '../errors';
import {
  assignmentParamsSchema,
  assignmentViewSchema,
  createAssignment,
  endAssignment,
  endAssignmentSchema,
  listAssignments,
  newAssignmentSchema,
  organisationDirectorySchema,
  organisationParamsSchema,
  reassign,
  reassignmentResultSchema,
  reassignSchema,
} from '../services/directory';

const tags = ['directory'];
/** Signed in: an API token (bearer) or a session cookie. */
const security = [{ bearerAuth: [] }];
const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

export function directoryRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/organisations/:organisationId/assignments',
      {
        schema: {
          tags,
          security,
          summary: "An organisation's role assignments, current and past (its own staff only)",
          params: organisationParamsSchema,
          response: { 200: organisationDirectorySchema, 401: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => listAssignments(deps, requirePrincipal(request), request.params),
    );

    app.post(
      '/organisations/:organisationId/assignments',
      {
        schema: {
          tags,
          security,
          summary: "Assign a role to a person (the organisation's administrator); a new email address creates the person",
          params: organisationParamsSchema,
          body: newAssignmentSchema,
          response: { 201: assignmentViewSchema, ...refusals },
        },
      },
      async (request, reply) => {
        const view = await createAssignment(deps, requirePrincipal(request), { ...request.params, ...request.body });
        return reply.status(201).send(view);
      },
    );

    app.post(
      '/organisations/:organisationId/assignments/:assignmentId/end',
      {
        schema: {
          tags,
          security,
          summary: 'End a role assignment on a day (inclusive)',
          params: assignmentParamsSchema,
          body: endAssignmentSchema,
          response: { 200: assignmentViewSchema, ...refusals },
        },
      },
      async (request) => endAssignment(deps, requirePrincipal(request), { ...request.params, ...request.body }),
    );

    app.post(
      '/organisations/:organisationId/assignments/:assignmentId/reassign',
      {
        schema: {
          tags,
          security,
          summary: "Hand a role over from a day: the old assignment ends the day before; the role's open tasks and their reminders go to the new holder",
          params: assignmentParamsSchema,
          body: reassignSchema,
          response: { 200: reassignmentResultSchema, ...refusals },
        },
      },
      async (request) => reassign(deps, requirePrincipal(request), { ...request.params, ...request.body }),
    );
  };
}
