/**
 * CSRF protection of the pages' forms, through the sign-in plugin's @fastify/csrf-protection when it is
 * registered: the token for a page's forms, and the check before a form's POST is handled.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

type WithCsrf = FastifyReply & { generateCsrf?: () => string };
type AppWithCsrf = FastifyInstance & { csrfProtection?: preHandlerAsyncHookHandler | ((request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void) };

/** The token a page's forms carry ('' when no CSRF protection is registered). */
export function csrfTokenOf(reply: FastifyReply): string {
  const generate = (reply as WithCsrf).generateCsrf;
  return generate ? generate.call(reply) : '';
}

/** The preHandler that refuses a form POST without a valid token (none when CSRF protection is absent). */
export function csrfCheckOf(app: FastifyInstance): AppWithCsrf['csrfProtection'] {
  return (app as AppWithCsrf).csrfProtection;
}
