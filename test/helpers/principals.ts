/**
 * Signing in, in tests: an organisation's API token with the given roles (its `Authorization` header),
 * created the way an administrator would (organisation upserted, token stored hashed).
 */
import type { PrismaClient } from '../../db/client';
import { hashSecretToken, newSecretToken } from '../../api/auth/secret-tokens';
import type { OrganisationKind, Role } from '../../domain/glossary';

/** A type alias, not an interface: it then passes as inject's (index-signature) headers. */
export type ApiTokenHeaders = { authorization: string };

/** An API token of `organisation` acting in `roles`; returns the header to send. */
export async function apiTokenFor(
  prisma: PrismaClient,
  organisation: string,
  roles: readonly Role[],
  { kind = 'municipality', label = `test ${roles.join('+')}` }: { kind?: OrganisationKind; label?: string } = {},
): Promise<ApiTokenHeaders> {
  await prisma.organisation.upsert({ where: { id: organisation }, create: { id: organisation, kind, actsFor: [] }, update: {} });
  const token = newSecretToken('regie_api');
  await prisma.apiToken.create({ data: { organisationId: organisation, label, roles: [...roles], tokenHash: hashSecretToken(token), createdBy: 'test' } });
  return { authorization: `Bearer ${token}` };
}
