/**
 * CSRF protection (@fastify/csrf-protection), the double-submit kind: a random secret in the HttpOnly
 * cookie `regie_csrf` (SameSite=Lax), and a token derived from it that the page puts in its form (field
 * `_csrf`) or a script sends in header `x-csrf-token`. Another site can make a browser send the cookie,
 * but cannot read a page of regie to learn a token.
 *
 * Which requests must carry a token:
 * - every unsafe request (POST, PUT, PATCH, DELETE) authenticated by the session cookie, on every route;
 * - the sign-in requests themselves (route config `csrf: 'always'`), which come before any session: so
 *   that another site cannot sign a browser in as someone else (login CSRF) or send links in its name.
 * Requests with a Bearer API token are exempt: a browser never adds that header by itself. A request
 * without a token where one is needed is refused with 403 and changes nothing.
 */
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../errors';
import { bearerToken } from './bearer-token';
import { cookieAttributes, isCookieAuthenticated } from './sessions';

export const CSRF_COOKIE = 'regie_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FORM_FIELD = '_csrf';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const tokensOfReplies = new WeakMap<FastifyReply, string>();

/**
 * The CSRF token to embed in a form (hidden field `_csrf`) or send as `x-csrf-token`; sets the secret
 * cookie when the browser has none yet. One token per answer: the plugin would make a new secret on every
 * call while the cookie is missing, and only the last would verify.
 */
export function csrfTokenFor(reply: FastifyReply): string {
  let token = tokensOfReplies.get(reply);
  if (token === undefined) {
    token = reply.generateCsrf();
    tokensOfReplies.set(reply, token);
  }
  return token;
}

/** Whether this request must carry a valid CSRF token. */
export function needsCsrfToken(request: FastifyRequest): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  if (bearerToken(request) !== undefined) return false;
  return isCookieAuthenticated(request) || (request.routeOptions.config as { csrf?: string } | undefined)?.csrf === 'always';
}

/** Registers the plugin and checks every unsafe request that needs a token (after the body is parsed, before validation). */
export async function installCsrfProtection(app: FastifyInstance, secureCookies: boolean): Promise<void> {
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: cookieAttributes(secureCookies),
    getToken: (request) => {
      const fromForm = (request.body as Record<string, unknown> | undefined)?.[CSRF_FORM_FIELD];
      const fromHeader = request.headers[CSRF_HEADER];
      return typeof fromForm === 'string' ? fromForm : typeof fromHeader === 'string' ? fromHeader : undefined;
    },
  });
  app.addHook('preValidation', async (request, reply) => {
    if (!needsCsrfToken(request)) return;
    await new Promise<void>((resolve, reject) => {
      // The plugin answers a refusal through reply.send(error): turn it into our own 403 instead.
      const refusing = new Proxy(reply, {
        get: (target, property, receiver) =>
          property === 'send'
            ? () => reject(forbidden(`CSRF-token ontbreekt of is ongeldig: stuur het token van de pagina mee (formulierveld ${CSRF_FORM_FIELD} of header ${CSRF_HEADER})`))
            : Reflect.get(target, property, receiver),
      });
      app.csrfProtection(request, refusing, () => resolve());
    });
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'always': this unsafe route needs a CSRF token even without a session (the sign-in requests). */
    csrf?: 'always';
  }
}
