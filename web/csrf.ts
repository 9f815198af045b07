/**
 * The CSRF token of the pages' forms: the sign-in layer's double-submit protection (api/auth/csrf.ts)
 * checks every cookie-authenticated POST, the pages' own included, before its handler runs.
 */
import type { FastifyReply } from 'fastify';
import { csrfTokenFor } from '../api/auth/csrf';

export { CSRF_FORM_FIELD } from '../api/auth/csrf';

/** The token a page's forms carry (its secret cookie is set with it when missing). */
export function csrfTokenOf(reply: FastifyReply): string {
  return csrfTokenFor(reply);
}
