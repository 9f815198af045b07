/**
 * API tokens of an organisation, for its machine clients, kept by that organisation's administrator:
 * create (the secret is shown once; only its hash is stored), list (never the secret), revoke (the
 * token is refused from then on, 401). Anyone else gets 404, as for an organisation that does not exist.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tokenRoleIssues } from '../auth/api-token-roles';
import { requirePrincipal } from '../auth/authenticate';
import { holdsRole, type Principal } from '../auth/principal';
import { hashSecretToken, newSecretToken } from '../auth/secret-tokens';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { organisationKindSchema, roleSchema } from '../../domain/schemas/glossary';

const tags = ['auth'];

const organisationParams = z.object({ organisationId: z.string().trim().min(1).max(200).describe('The organisation, e.g. "Gemeente Zaanstad" or "SMD"') });
const tokenParams = organisationParams.extend({ tokenId: z.uuid().describe('The API token') });

const apiTokenViewSchema = z.object({
  id: z.string(),
  organisation: z.string(),
  label: z.string(),
  roles: z.array(roleSchema),
  createdBy: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const createBodySchema = z.strictObject({
  label: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "zorgadministratie"; recorded as token:<label> in the audit trail'),
  roles: z.array(roleSchema).min(1).max(20).refine((roles) => new Set(roles).size === roles.length, 'must not name a role twice').describe("The roles the token acts in: the organisation kind's roles, never administrator"),
});

type TokenRow = { id: string; organisationId: string; label: string; roles: string[]; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function view(row: TokenRow) {
  return {
    id: row.id,
    organisation: row.organisationId,
    label: row.label,
    roles: row.roles.map((role) => roleSchema.parse(role)),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** The organisation when the principal is its administrator today; otherwise 404, as if it did not exist. */
async function organisationAdministeredBy(prisma: ApiDeps['prisma'], principal: Principal, organisationId: string) {
  const organisation = holdsRole(principal, organisationId, ['administrator']) ? await prisma.organisation.findUnique({ where: { id: organisationId } }) : null;
  if (!organisation) throw notFound('Organisation not found');
  return { ...organisation, kind: organisationKindSchema.parse(organisation.kind) };
}

export function apiTokenRoutes({ prisma }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/organisations/:organisationId/api-tokens',
      {
        schema: {
          tags,
          summary: "Create an API token for the organisation's machine client (its administrator only); the secret is in this answer only",
          params: organisationParams,
          body: createBodySchema,
          response: { 201: apiTokenViewSchema.extend({ token: z.string().describe('The secret: send it as Authorization: Bearer <token>. Shown once, stored only hashed') }) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const organisation = await organisationAdministeredBy(prisma, principal, request.params.organisationId);
        const { label, roles } = request.body;
        const issues = tokenRoleIssues(organisation.kind, roles);
        if (issues.length) throw new HttpError(400, issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
        const inUse = await prisma.apiToken.findFirst({ where: { organisationId: organisation.id, label, revokedAt: null } });
        if (inUse) throw conflict(`label: an active token of ${organisation.id} is already called "${label}"; revoke it or choose another label`);
        const token = newSecretToken('regie_api');
        const row = await prisma.apiToken.create({ data: { organisationId: organisation.id, label, roles, tokenHash: hashSecretToken(token), createdBy: principal.label } });
        return reply.code(201).send({ ...view(row), token });
      },
    );

    app.get(
      '/organisations/:organisationId/api-tokens',
      {
        schema: {
          tags,
          summary: "The organisation's API tokens, newest first, without their secrets (its administrator only)",
          params: organisationParams,
          response: { 200: z.object({ tokens: z.array(apiTokenViewSchema) }) },
        },
      },
      async (request) => {
        const organisation = await organisationAdministeredBy(prisma, requirePrincipal(request), request.params.organisationId);
        const rows = await prisma.apiToken.findMany({ where: { organisationId: organisation.id }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
        return { tokens: rows.map(view) };
      },
    );

    app.post(
      '/organisations/:organisationId/api-tokens/:tokenId/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke an API token: from now on it is refused (401). Revoking again changes nothing',
          params: tokenParams,
          response: { 200: apiTokenViewSchema },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const organisation = await organisationAdministeredBy(prisma, principal, request.params.organisationId);
        await prisma.apiToken.updateMany({ where: { id: request.params.tokenId, organisationId: organisation.id, revokedAt: null }, data: { revokedAt: new Date() } });
        const row = await prisma.apiToken.findFirst({ where: { id: request.params.tokenId, organisationId: organisation.id } });
        if (!row) throw notFound('API token not found');
        request.log.info({ token: row.id, organisation: organisation.id, by: principal.label }, 'API token revoked');
        return view(row);
      },
    );
  };
}
