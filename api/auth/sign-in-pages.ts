/**
 * The pages a browser is sent to around signing in (rendered under web/), with what the query says.
 * A form post is answered with a redirect to one of these (POST-redirect-GET); a JSON request gets JSON.
 */
import type { FastifyRequest } from 'fastify';

export const signInPages = {
  /** The sign-in form. */
  signIn: '/inloggen',
  /** After a link was requested: "if the address is known, a link is on its way". */
  linkSent: '/inloggen?verzonden=1',
  /** The address in the form was not an email address. */
  invalidEmail: '/inloggen?fout=email',
  /** The link was unknown, expired or already used. */
  invalidLink: '/inloggen?fout=link',
  /** After signing out. */
  signedOut: '/inloggen?afgemeld=1',
} as const;

/** Whether the request is an HTML form post (then the answer is a redirect, not JSON). */
export function isFormPost(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}
