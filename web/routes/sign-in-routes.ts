/** The landing page, signing in, the sign-in link's confirmation, and the language switch. */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../../api/deps';
import { cookiesAreSecure, DEFAULT_PUBLIC_URL } from '../../api/auth/sign-in-settings';
import { setSiteCookie } from '../cookies';
import { locales } from '../i18n';
import { LOCALE_COOKIE } from '../locale';
import { homeOf } from '../navigation';
import { pageContextOf, safeReturnPath } from '../page-request';
import { ConfirmSignInPage, NoPlacePage, SignInPage, type SignInNotice } from '../pages/sign-in-page';
import { sendPage } from '../render';

const ONE_YEAR_SECONDS = 365 * 86_400;

/** The sign-in page's query: where to return to, and what the sign-in endpoints report (api/auth/sign-in-pages.ts). */
const signInQuerySchema = z.object({
  terug: z.string().max(2_000).optional(),
  verzonden: z.literal('1').optional(),
  afgemeld: z.literal('1').optional(),
  fout: z.enum(['email', 'link']).optional(),
});

function noticeOf(query: z.infer<typeof signInQuerySchema>): SignInNotice {
  if (query.fout === 'email') return 'invalidEmail';
  if (query.fout === 'link') return 'invalidLink';
  if (query.verzonden) return 'linkSent';
  if (query.afgemeld) return 'signedOut';
  return undefined;
}

export function signInPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      const context = pageContextOf(deps, request, reply);
      if (!request.principal) return sendPage(reply, context, createElement(SignInPage, { returnTo: '/', notice: undefined }));
      const home = homeOf(request.principal);
      if (home) return reply.redirect(home, 303);
      return sendPage(reply, context, createElement(NoPlacePage));
    });

    app.get(
      '/inloggen',
      { schema: { hide: true, querystring: signInQuerySchema } },
      async (request, reply) => {
        const returnTo = safeReturnPath(request.query.terug);
        if (request.principal) return reply.redirect(returnTo, 303);
        return sendPage(reply, pageContextOf(deps, request, reply), createElement(SignInPage, { returnTo, notice: noticeOf(request.query) }));
      },
    );

    app.get('/inloggen/link', { schema: { hide: true, querystring: z.object({ token: z.string().min(1).max(200) }) } }, async (request, reply) =>
      sendPage(reply, pageContextOf(deps, request, reply), createElement(ConfirmSignInPage, { token: request.query.token })),
    );

    app.get(
      '/taal/:locale',
      { schema: { hide: true, params: z.object({ locale: z.enum(locales) }), querystring: z.object({ terug: z.string().max(2_000).optional() }) } },
      async (request, reply) => {
        setSiteCookie(reply, LOCALE_COOKIE, request.params.locale, { maxAgeSeconds: ONE_YEAR_SECONDS, secure: cookiesAreSecure(deps.publicUrl ?? DEFAULT_PUBLIC_URL) });
        return reply.redirect(safeReturnPath(request.query.terug), 303);
      },
    );
  };
}
