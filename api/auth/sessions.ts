/**
 * Browser sessions. Signing in sets cookie `regie_session` to a random token (HttpOnly, SameSite=Lax,
 * Path=/, Secure when PUBLIC_URL is https); the `session` row's id is the token's SHA-256 hash, so a
 * database leak reveals no usable cookie. A session lasts 12 hours from sign-in (absolute, not
 * extended by use): a working day, after which the person signs in again. Signing out deletes the row.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrismaClient } from '../../db/client';
import { assignmentsValidOn, holdingsOf, todayInNetherlands } from './holdings';
import type { Principal } from './principal';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export const SESSION_COOKIE = 'regie_session';
/** Absolute lifetime of a session. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** How the person proved who they are. */
export type SignInMethod = 'emailLink' | 'oidc';

/** What the session row's `data` holds. */
export interface SessionData {
  method: SignInMethod;
}

/** The attributes of regie's cookies; Secure when people reach regie over https. */
export function cookieAttributes(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/**
 * Signs `personId` in: stores a new session and sets its cookie on `reply`. Returns the session's expiry.
 * The browser's previous session (if any) ends: a sign-in always gets a fresh token, never one the browser
 * had before. Expired sessions of anyone are cleared on the way (an indexed delete), so the table does not grow.
 */
export async function startSession(reply: FastifyReply, prisma: PrismaClient, personId: string, method: SignInMethod): Promise<Date> {
  const token = newSecretToken('regie_session');
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  const previous = reply.request.cookies[SESSION_COOKIE];
  await prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lt: new Date() } }, ...(previous ? [{ id: hashSecretToken(previous) }] : [])] } });
  await prisma.session.create({ data: { id: hashSecretToken(token), personId, data: { method } satisfies SessionData, expiresAt } });
  void reply.setCookie(SESSION_COOKIE, token, { ...cookieAttributes(reply.server.signInSettings.secureCookies), expires: expiresAt });
  reply.log.info({ person: personId, method, expiresAt }, 'signed in');
  return expiresAt;
}

/** Signs out: deletes the session of the request's cookie (if any) and clears the cookie. */
export async function endSession(request: FastifyRequest, reply: FastifyReply, prisma: PrismaClient): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const { count } = await prisma.session.deleteMany({ where: { id: hashSecretToken(token) } });
    if (count) reply.log.info({ person: request.principal?.id }, 'signed out');
  }
  void reply.clearCookie(SESSION_COOKIE, cookieAttributes(reply.server.signInSettings.secureCookies));
}

/** The person signed in with this session token, with the roles they hold today; null when unknown or expired. */
export async function principalOfSession(prisma: PrismaClient, token: string, now: Date = new Date()): Promise<Principal | null> {
  const session = await prisma.session.findUnique({
    where: { id: hashSecretToken(token) },
    include: { person: { include: { assignments: { where: assignmentsValidOn(todayInNetherlands(now)), select: { role: true, organisationId: true } } } } },
  });
  if (!session || session.expiresAt <= now) return null;
  const { person } = session;
  return {
    kind: 'person',
    id: person.id,
    label: person.email,
    name: person.name ?? person.email,
    email: person.email,
    locale: person.locale === 'en' ? 'en' : 'nl',
    holdings: holdingsOf(person.assignments),
  };
}

/** Whether the request's principal came from its session cookie (and so needs CSRF protection). */
export function isCookieAuthenticated(request: FastifyRequest): boolean {
  return request.principal?.kind === 'person';
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by installAuthentication: what sign-in needs to know about where regie runs. */
    signInSettings: { publicUrl: string; secureCookies: boolean };
  }
}
