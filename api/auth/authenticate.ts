/**
 * Finds the principal of every request: an API token (`Authorization: Bearer regie_api_…`) or a signed-in
 * session (cookie `regie_session`). A token that is unknown or revoked is refused (401), never treated as
 * anonymous; a session cookie that is unknown or expired is anonymous (the person signs in again).
 * Installs what sign-in needs on the whole API: cookies, form bodies, CSRF protection and rate limits.
 */
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PrismaClient } from '../../db/client';
import { unauthorized } from '../errors';
import { type ReadCache, readThrough, wholeTables } from '../read-cache';
import { bearerToken } from './bearer-token';
import { installCsrfProtection } from './csrf';
import type { Principal } from './principal';
import { installRateLimits } from './rate-limits';
import { hashSecretToken, secretTokenHasPrefix } from './secret-tokens';
import { principalOfSession, SESSION_COOKIE } from './sessions';
import { cookiesAreSecure, DEFAULT_PUBLIC_URL } from './sign-in-settings';
import { roleSchema } from '../../domain/schemas/glossary';

export { bearerToken } from './bearer-token';

/** The principal of an API token, or null when the token is unknown or revoked. */
export async function principalOfApiToken(prisma: PrismaClient, token: string, readCache?: ReadCache): Promise<Principal | null> {
  const tokenHash = hashSecretToken(token);
  // Kept until a token is written (revoked, its roles changed, or used: see below).
  const row = await readThrough(readCache, ['apiToken', tokenHash], wholeTables('api_token'), () => prisma.apiToken.findUnique({ where: { tokenHash } }));
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

/**
 * Decorates every request with its principal (null when nobody signed in), after registering cookies,
 * form bodies (application/x-www-form-urlencoded), CSRF protection and the sign-in rate limits.
 */
export async function installAuthentication(
  app: FastifyInstance,
  prisma: PrismaClient,
  { publicUrl = DEFAULT_PUBLIC_URL, readCache }: { publicUrl?: string; readCache?: ReadCache } = {},
): Promise<void> {
  const secureCookies = cookiesAreSecure(publicUrl);
  app.decorate('signInSettings', { publicUrl: publicUrl.replace(/\/+$/, ''), secureCookies });
  app.decorateRequest('principal', null);
  await app.register(cookie);
  await app.register(formBody);
  await installRateLimits(app);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (token !== undefined) {
      const principal = await principalOfApiToken(prisma, token, readCache);
      if (!principal) throw unauthorized('Unknown or revoked API token');
      request.principal = principal;
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken && secretTokenHasPrefix(sessionToken, 'regie_session')) {
      request.principal = await principalOfSession(prisma, sessionToken);
    }
  });
  await installCsrfProtection(app, secureCookies);
}

/** The principal of a request that needs one (401 otherwise). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
