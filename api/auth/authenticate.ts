/**
 * Finds the principal of every request: an API token (`Authorization: Bearer regie_api_…`) or a signed-in
 * session. A token that is unknown or revoked is refused (401), never treated as anonymous.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleSchema } from '../../domain/glossary';
import type { PrismaClient } from '../../db/client';
import { unauthorized } from '../errors';
import type { Principal } from './principal';
import { hashSecretToken } from './secret-tokens';


/** The principal of an API token, or null when the token is unknown or revoked. */
export async function principalOfApiToken(prisma: PrismaClient, token: string): Promise<Principal | null> {
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecretToken(token) } });
  if (!row || row.revokedAt) return null;
  // At most one write a minute per token: "last used" is for the administrator, not an audit trail.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    kind: 'apiToken',
    id: row.id,
    label: `token:${row.label}`,
    name: row.label,
    locale: 'nl',
    holdings: row.roles.map((role) => ({ role: roleSchema.parse(role), organisation: row.organisationId })),
  };
}

/** The bearer token of a request, if it sends one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Decorates every request with its principal (null when nobody signed in). */
export function installAuthentication(app: FastifyInstance, prisma: PrismaClient): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (token !== undefined) {
      const principal = await principalOfApiToken(prisma, token);
      if (!principal) throw unauthorized('Unknown or revoked API token');
      request.principal = principal;
    }
  });
}

/** The principal of a request that needs one (401 otherwise). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
