/**
 * What a page handler needs from its request: its context (language, principal, CSRF token), and the
 * principal of a page that needs one (anonymous visitors are sent to sign in, and back afterwards).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../api/auth/principal';
import { safeReturnTo } from '../api/auth/return-to';
import type { ApiDeps } from '../api/deps';
import { csrfTokenOf } from './csrf';
import { translatorFor } from './i18n';
import { localeOf } from './locale';
import type { PageContext } from './page-context';

export function pageContextOf(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): PageContext {
  const locale = localeOf(request);
  return {
    locale,
    t: translatorFor(locale),
    principal: request.principal,
    path: request.url,
    csrfToken: csrfTokenOf(reply),
    oidcEnabled: deps.oidc !== undefined,
    mailCaptureEnabled: deps.mailCapture !== undefined,
  };
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return returnTo === '/' ? '/inloggen' : `/inloggen?terug=${encodeURIComponent(returnTo)}`;
}

/** Only paths on this site are returned to after signing in (no open redirect): the sign-in layer's rule. */
export function safeReturnPath(value: unknown): string {
  return safeReturnTo(typeof value === 'string' ? value : undefined);
}

/** The principal, or null after redirecting an anonymous visitor to the sign-in page. */
export function principalOrSignIn(request: FastifyRequest, reply: FastifyReply): Principal | null {
  if (request.principal) return request.principal;
  void reply.redirect(signInPath(request.method === 'GET' ? request.url : '/'), 303);
  return null;
}
