/**
 * Signing in as a person, in tests: the person and their role assignments in the directory, a session
 * row like a sign-in makes (cookie `regie_session`), and a CSRF token with its cookie for unsafe requests.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER } from '../../api/auth/csrf';
import { hashSecretToken, newSecretToken } from '../../api/auth/secret-tokens';
import { SESSION_COOKIE, SESSION_LIFETIME_MS } from '../../api/auth/sessions';
import type { PrismaClient } from '../../db/client';
import type { OrganisationKind, Role } from '../../domain/glossary';

export interface Assignment {
  role: Role;
  organisation: string;
  kind?: OrganisationKind;
  /** YYYY-MM-DD; default 2000-01-01. */
  validFrom?: string;
  /** YYYY-MM-DD, inclusive; default open-ended. */
  validUntil?: string;
}

/** A person in the directory with these role assignments (organisations created as needed). */
export async function personWithRoles(
  prisma: PrismaClient,
  email: string,
  assignments: readonly Assignment[] = [],
  { name = email.split('@')[0] ?? email, locale = 'nl' }: { name?: string; locale?: 'nl' | 'en' } = {},
) {
  const person = await prisma.person.upsert({ where: { email }, create: { email, name, locale }, update: {} });
  for (const { role, organisation, kind = 'municipality', validFrom = '2000-01-01', validUntil } of assignments) {
    await prisma.organisation.upsert({ where: { id: organisation }, create: { id: organisation, kind, actsFor: [] }, update: {} });
    await prisma.roleAssignment.create({
      data: {
        personId: person.id,
        role,
        organisationId: organisation,
        validFrom: new Date(`${validFrom}T00:00:00Z`),
        validUntil: validUntil ? new Date(`${validUntil}T00:00:00Z`) : null,
        createdBy: 'test',
      },
    });
  }
  return person;
}

/** The `name=value` pairs a response sets, for a Cookie header. */
export function cookiesSetBy(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** A CSRF token and the cookie it belongs to, as a page would get them. */
export async function csrfPair(api: FastifyInstance): Promise<{ token: string; cookies: Record<string, string> }> {
  const response = await api.inject({ method: 'GET', url: '/auth/csrf-token' });
  return { token: (response.json() as { token: string }).token, cookies: { [CSRF_COOKIE]: cookiesSetBy(response)[CSRF_COOKIE] ?? '' } };
}

/** A type, not an interface: it is passed as headers, which need an index signature. */
export type SessionHeaders = {
  cookie: string;
  [CSRF_HEADER]: string;
};

/** Headers of a signed-in browser: the session cookie, the CSRF cookie and its token. */
export async function sessionFor(api: FastifyInstance, prisma: PrismaClient, personId: string): Promise<SessionHeaders> {
  const token = newSecretToken('regie_session');
  await prisma.session.create({ data: { id: hashSecretToken(token), personId, data: { method: 'emailLink' }, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) } });
  const csrf = await csrfPair(api);
  return { cookie: cookieHeader({ [SESSION_COOKIE]: token, ...csrf.cookies }), [CSRF_HEADER]: csrf.token };
}
