/** The role directory pages, through api/services/directory.ts: each organisation's administrator keeps its own part. */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../api/auth/principal';
import type { ApiDeps } from '../../api/deps';
import { createAssignment, directoryOrganisations, endAssignment, listAssignments, newAssignmentSchema, reassign, reassignSchema } from '../../api/services/directory';
import type { FieldErrors } from '../forms/field-errors';
import { field, formBodySchema, zodErrorMapOf } from '../forms/form-body';
import { fieldErrorsOfFailure } from '../forms/service-failure';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { RolesPage, type RolesPageProps } from '../pages/roles-page';
import { sendPage } from '../render';
import { isoDateSchema } from '../../domain/schemas/dates';

const organisationQuery = z.object({ organisatie: z.string().trim().min(1).max(200).optional(), gelukt: z.enum(['added', 'ended', 'reassigned']).optional() });
const assignmentFields = ['email', 'name', 'role', 'validFrom', 'validUntil'] as const;

async function rolesPageProps(deps: ApiDeps, principal: Principal, organisation: string | undefined): Promise<RolesPageProps> {
  const organisations = await directoryOrganisations(deps, principal);
  const chosen = organisation ?? organisations.find((o) => o.mayEdit)?.id ?? organisations[0]?.id;
  const directory = chosen ? await listAssignments(deps, principal, { organisationId: chosen }) : null;
  return { organisations, directory };
}

function backTo(organisation: string, done: 'added' | 'ended' | 'reassigned'): string {
  return `/beheer/rollen?organisatie=${encodeURIComponent(organisation)}&gelukt=${done}`;
}

export function rolesPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/beheer/rollen', { schema: { hide: true, querystring: organisationQuery } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const props = await rolesPageProps(deps, principal, request.query.organisatie);
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(RolesPage, { ...props, done: request.query.gelukt }));
    });

    app.post(
      '/beheer/rollen/toewijzing',
      { schema: { hide: true, querystring: organisationQuery.required({ organisatie: true }), body: formBodySchema } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const organisationId = request.query.organisatie;
        const context = pageContextOf(deps, request, reply);
        const values = Object.fromEntries(assignmentFields.map((n) => [n, field(request.body, n)]));
        const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
        const parsed = newAssignmentSchema.safeParse(input, { error: zodErrorMapOf(context.locale) });
        let errors: FieldErrors = {};
        if (parsed.success) {
          try {
            await createAssignment(deps, principal, { ...parsed.data, organisationId });
            return reply.redirect(backTo(organisationId, 'added'), 303);
          } catch (error) {
            errors = fieldErrorsOfFailure(error, (apiField) => (assignmentFields as readonly string[]).find((f) => apiField.startsWith(f)), 'email');
          }
        } else for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'email')] ??= issue.message;
        const props = await rolesPageProps(deps, principal, organisationId);
        return sendPage(reply, context, createElement(RolesPage, { ...props, errors, values }), 400);
      },
    );

    app.post(
      '/beheer/rollen/overdracht',
      { schema: { hide: true, querystring: organisationQuery.required({ organisatie: true }), body: formBodySchema } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const organisationId = request.query.organisatie;
        const context = pageContextOf(deps, request, reply);
        const values = Object.fromEntries(['assignment', 'newEmail', 'newName', 'from'].map((n) => [n, field(request.body, n)]));
        const assignment = z.uuid().safeParse(values.assignment);
        const parsed = reassignSchema.safeParse({ email: values.newEmail, from: values.from, ...(values.newName ? { name: values.newName } : {}) }, { error: zodErrorMapOf(context.locale) });
        const formField = (apiField: string) => (apiField.startsWith('email') ? 'newEmail' : apiField.startsWith('name') ? 'newName' : 'from');
        let errors: FieldErrors = {};
        if (!assignment.success) errors.assignment = context.t('roles.page.chooseAssignment');
        if (!parsed.success) for (const issue of parsed.error.issues) errors[formField(String(issue.path[0] ?? 'from'))] ??= issue.message;
        if (assignment.success && parsed.success) {
          try {
            await reassign(deps, principal, { ...parsed.data, organisationId, assignmentId: assignment.data });
            return reply.redirect(backTo(organisationId, 'reassigned'), 303);
          } catch (error) {
            errors = fieldErrorsOfFailure(error, formField, 'newEmail');
          }
        }
        const props = await rolesPageProps(deps, principal, organisationId);
        return sendPage(reply, context, createElement(RolesPage, { ...props, errors, values }), 400);
      },
    );

    app.post(
      '/beheer/rollen/:assignmentId/einde',
      { schema: { hide: true, params: z.object({ assignmentId: z.uuid() }), querystring: organisationQuery.required({ organisatie: true }), body: formBodySchema } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const organisationId = request.query.organisatie;
        const context = pageContextOf(deps, request, reply);
        const validUntil = isoDateSchema.safeParse(field(request.body, 'validUntil'), { error: zodErrorMapOf(context.locale) });
        let errors: FieldErrors;
        if (validUntil.success) {
          try {
            await endAssignment(deps, principal, { organisationId, assignmentId: request.params.assignmentId, validUntil: validUntil.data });
            return reply.redirect(backTo(organisationId, 'ended'), 303);
          } catch (error) {
            errors = fieldErrorsOfFailure(error, () => 'validUntil', 'validUntil');
          }
        } else errors = { validUntil: validUntil.error.issues[0]!.message };
        const props = await rolesPageProps(deps, principal, organisationId);
        return sendPage(reply, context, createElement(RolesPage, { ...props, errors }), 400);
      },
    );
  };
}
