/**
 * Signing in and out by email link, the signed-in principal (`GET /me`) and a CSRF token for scripts.
 * OpenID Connect sign-in is in api/auth/oidc-routes.ts. Pages (web/) render the forms that post here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csrfTokenFor, CSRF_FORM_FIELD } from '../auth/csrf';
import { emailAddressSchema } from '../auth/email-address';
import { personOfSignInLink, requestSignInLink } from '../auth/email-link-sign-in';
import { perEmailSignInLinkLimit, perIpSignInLimit } from '../auth/rate-limits';
import { RETURN_TO_MAX_LENGTH, safeReturnTo, unsafeReturnToReason } from '../auth/return-to';
import { endSession, startSession } from '../auth/sessions';
import { isFormPost, signInPages } from '../auth/sign-in-pages';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { badRequest, HttpError } from '../errors';
import { roleSchema } from '../../domain/schemas/glossary';

const tags = ['auth'];
const csrfField = { [CSRF_FORM_FIELD]: z.string().max(200).optional().describe('The CSRF token, for a form post (or header x-csrf-token)') };
/** The sign-in POSTs take JSON from scripts and form posts from the pages. */
const consumes = ['application/json', 'application/x-www-form-urlencoded'];
const redirect = (where: string) => z.null().describe(`Redirect (Location): ${where}`);

export const principalViewSchema = z
  .object({
    kind: z.enum(['person', 'apiToken']),
    id: z.string(),
    name: z.string(),
    email: z.string().optional(),
    locale: z.enum(['nl', 'en']),
    holdings: z.array(z.object({ role: roleSchema, organisation: z.string() })).describe('The roles held today'),
  })
  .describe('Who is signed in (a person) or calling (an API token), with the roles held today');

export function authRoutes({ prisma, mailer }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const limitPerEmail = perEmailSignInLinkLimit(app);

    app.get('/me', { schema: { tags, summary: 'The signed-in person or API token, with the roles held today', response: { 200: principalViewSchema } } }, async (request) => {
      const { kind, id, name, email, locale, holdings } = requirePrincipal(request);
      return { kind, id, name, ...(email ? { email } : {}), locale, holdings };
    });

    app.get(
      '/auth/csrf-token',
      { schema: { tags, summary: 'A CSRF token for a script (send it as x-csrf-token); sets the cookie it belongs to', response: { 200: z.object({ token: z.string() }) } } },
      async (_request, reply) => ({ token: csrfTokenFor(reply) }),
    );

    app.post(
      '/auth/email-link',
      {
        config: { csrf: 'always', ...perIpSignInLimit },
        schema: {
          tags,
          consumes,
          summary: 'Ask for a sign-in link by email (the same answer whether the address is known or not)',
          description: 'JSON or a form post. A known address gets a mail with a link valid 15 minutes, once. Limited per IP and per address (429).',
          body: z.object({
            email: z.string().max(320).describe('The email address the person is known by'),
            returnTo: z.string().max(RETURN_TO_MAX_LENGTH).optional().describe('Where to go once signed in: a path on this site'),
            ...csrfField,
          }),
          response: {
            202: z.object({ message: z.string() }).describe('JSON: accepted'),
            303: redirect(`${signInPages.linkSent} for a form post (${signInPages.invalidEmail} for an invalid address)`),
          },
        },
      },
      async (request, reply) => {
        const form = isFormPost(request);
        const parsed = emailAddressSchema.safeParse(request.body.email);
        if (!parsed.success) {
          if (form) return reply.redirect(signInPages.invalidEmail, 303);
          throw badRequest('email', parsed.error.issues[0]?.message ?? 'must be an email address');
        }
        const returnTo = request.body.returnTo || undefined; // an empty form field is no returnTo
        const unsafe = returnTo === undefined ? undefined : unsafeReturnToReason(returnTo);
        if (unsafe) throw badRequest('returnTo', unsafe);
        if (!mailer) throw new HttpError(503, 'Inloggen per e-mail is niet ingericht: regie heeft geen SMTP-server (SMTP_URL)');
        await limitPerEmail(request);
        await requestSignInLink({ prisma, mailer, publicUrl: app.signInSettings.publicUrl, log: request.log }, parsed.data, returnTo);
        if (form) return reply.redirect(signInPages.linkSent, 303);
        return reply.code(202).send({ message: 'Als dit adres bij regie bekend is, is er een inloglink naartoe gestuurd. Hij is 15 minuten geldig.' });
      },
    );

    app.post(
      '/auth/email-link/confirm',
      {
        config: { csrf: 'always', ...perIpSignInLimit },
        schema: {
          tags,
          consumes,
          summary: 'Sign in with the token of a sign-in link (once): starts a session',
          body: z.object({ token: z.string().min(1).max(200).describe('The token from the link in the mail'), ...csrfField }),
          response: { 303: redirect(`the link's returnTo, or / (a form post with an unusable link: ${signInPages.invalidLink})`) },
        },
      },
      async (request, reply) => {
        const signedIn = await personOfSignInLink(prisma, request.body.token);
        if (!signedIn) {
          if (isFormPost(request)) return reply.redirect(signInPages.invalidLink, 303);
          throw badRequest('token', 'de inloglink is onbekend, verlopen of al gebruikt: vraag een nieuwe aan');
        }
        await startSession(reply, prisma, signedIn.person.id, 'emailLink');
        return reply.redirect(safeReturnTo(signedIn.returnTo), 303);
      },
    );

    app.post(
      '/auth/sign-out',
      {
        config: { csrf: 'always' },
        schema: {
          tags,
          consumes,
          summary: 'Sign out: ends the session and clears its cookie',
          body: z.object(csrfField).nullish(),
          response: { 204: z.null().describe('JSON: signed out'), 303: redirect(`${signInPages.signedOut} for a form post`) },
        },
      },
      async (request, reply) => {
        await endSession(request, reply, prisma);
        if (isFormPost(request)) return reply.redirect(signInPages.signedOut, 303);
        return reply.code(204).send(null);
      },
    );
  };
}
