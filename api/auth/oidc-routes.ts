/**
 * Signing in with the organisation's OpenID provider: `GET /auth/oidc/login` sends the browser there,
 * `GET /auth/oidc/callback` takes it back, finds the person by the verified email claim and starts a
 * session. Without OIDC configured both answer 404.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import { OidcClient, OidcProviderUnreachable, type OidcAttempt } from './oidc';
import { personByEmail } from './person-directory';
import { sendRefusalPage } from './refusal-page';
import { perIpSignInLimit } from './rate-limits';
import { RETURN_TO_MAX_LENGTH, safeReturnTo, unsafeReturnToReason } from './return-to';
import { cookieAttributes, startSession } from './sessions';

const tags = ['auth'];
export const OIDC_COOKIE = 'regie_oidc';
const OIDC_COOKIE_PATH = '/auth/oidc';
/** Time a person has at the provider before the attempt expires. */
const OIDC_ATTEMPT_SECONDS = 10 * 60;

const attemptSchema = z.object({ codeVerifier: z.string(), state: z.string(), nonce: z.string(), returnTo: z.string() });
const redirect = (where: string) => z.null().describe(`Redirect (Location): ${where}`);

/** Seconds to wait before trying again when the provider is unreachable. */
const PROVIDER_RETRY_AFTER_SECONDS = 30;
const providerUnreachable = () => new HttpError(503, 'De identiteitsprovider is niet bereikbaar; probeer het later opnieuw', undefined, PROVIDER_RETRY_AFTER_SECONDS);

export const UNKNOWN_PERSON_MESSAGE = 'U bent niet bekend in de rollenlijst van regie; vraag de beheerder van uw organisatie om u toe te voegen';

function readAttempt(value: string | undefined): OidcAttempt | undefined {
  if (!value) return undefined;
  try {
    const parsed = attemptSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function oidcRoutes({ prisma, oidc }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const { publicUrl, secureCookies } = app.signInSettings;
    const client = oidc ? new OidcClient(oidc, `${publicUrl}/auth/oidc/callback`) : undefined;
    const attemptCookie = { ...cookieAttributes(secureCookies), path: OIDC_COOKIE_PATH };
    const configured = () => {
      if (!client) throw notFound('Inloggen via OpenID Connect is niet ingericht');
      return client;
    };

    app.get(
      '/auth/oidc/login',
      {
        config: perIpSignInLimit,
        schema: {
          tags,
          summary: "Sign in with the organisation's OpenID provider: redirects there (authorization code, PKCE, state, nonce)",
          querystring: z.object({ returnTo: z.string().max(RETURN_TO_MAX_LENGTH).optional().describe('Where to go once signed in: a path on this site') }),
          response: { 303: redirect("the provider's authorization endpoint") },
        },
      },
      async (request, reply) => {
        const oidcClient = configured();
        const returnTo = request.query.returnTo || undefined;
        const unsafe = returnTo === undefined ? undefined : unsafeReturnToReason(returnTo);
        if (unsafe) throw badRequest('returnTo', unsafe);
        const { url, attempt } = await oidcClient.start(returnTo ?? '/').catch((error: unknown) => {
          if (error instanceof OidcProviderUnreachable) throw providerUnreachable();
          throw error;
        });
        void reply.setCookie(OIDC_COOKIE, JSON.stringify(attempt), { ...attemptCookie, maxAge: OIDC_ATTEMPT_SECONDS });
        return reply.redirect(url.href, 303);
      },
    );

    /** Checks the provider's answer and starts the session; where to go next. Throws a refusal otherwise. */
    async function signInFromCallback(oidcClient: OidcClient, request: FastifyRequest, reply: FastifyReply, providerError: string | undefined): Promise<string> {
      const attempt = readAttempt(request.cookies[OIDC_COOKIE]);
      void reply.clearCookie(OIDC_COOKIE, attemptCookie);
      if (!attempt) throw badRequest('state', 'deze aanmelding is verlopen of in een andere browser begonnen: begin opnieuw');
      if (providerError) throw forbidden(`De identiteitsprovider weigerde de aanmelding (${providerError})`);
      const identity = await oidcClient.finish(new URL(request.url, publicUrl), attempt).catch((error: unknown) => {
        if (error instanceof OidcProviderUnreachable) throw providerUnreachable();
        request.log.warn({ err: error }, 'OIDC sign-in refused');
        throw badRequest('state', `de aanmelding bij de identiteitsprovider kon niet worden gecontroleerd: ${(error as Error).message}`);
      });
      if (!identity.email) throw forbidden('De identiteitsprovider gaf geen e-mailadres door; regie kent mensen aan hun e-mailadres');
      if (identity.emailVerified === false) throw forbidden('Uw e-mailadres is bij de identiteitsprovider niet bevestigd');
      const person = await personByEmail(prisma, identity.email);
      if (!person) throw forbidden(UNKNOWN_PERSON_MESSAGE);
      await startSession(reply, prisma, person.id, 'oidc');
      return safeReturnTo(attempt.returnTo);
    }

    app.get(
      '/auth/oidc/callback',
      {
        config: perIpSignInLimit,
        schema: {
          tags,
          summary: "The provider's answer: verifies it, finds the person by email and starts a session",
          querystring: z.looseObject({ code: z.string().max(2000).optional(), state: z.string().max(2000).optional(), error: z.string().max(200).optional() }),
          response: { 303: redirect('the returnTo of the sign-in, or /') },
        },
      },
      async (request, reply) => {
        const oidcClient = configured();
        try {
          const returnTo = await signInFromCallback(oidcClient, request, reply, request.query.error);
          return reply.redirect(returnTo, 303);
        } catch (error) {
          // A browser back from the provider sees a page; a script gets the JSON error.
          const page = sendRefusalPage(request, reply, error);
          if (page) return page;
          throw error;
        }
      },
    );
  };
}
