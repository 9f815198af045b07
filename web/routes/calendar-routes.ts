/**
 * A person's calendar feeds (api/services/calendar-feeds.ts): the secret address is shown once, on the
 * answer to the POST that made it (never in a URL), and only its hash is kept.
 */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../../api/deps';
import { createCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from '../../api/services/calendar-feeds';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { CalendarPage } from '../pages/calendar-page';
import { sendPage } from '../render';

export function calendarPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/agenda', { schema: { hide: true, querystring: z.object({ ingetrokken: z.literal('1').optional() }) } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const feeds = await listCalendarFeeds(deps, principal);
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(CalendarPage, { feeds, revoked: request.query.ingetrokken === '1' }));
    });

    app.post('/agenda', { schema: { hide: true } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const made = await createCalendarFeed(deps, principal);
      const feeds = await listCalendarFeeds(deps, principal);
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(CalendarPage, { feeds, newUrl: made.url }), 201);
    });

    app.post('/agenda/:feedId/intrekken', { schema: { hide: true, params: z.object({ feedId: z.string().min(1).max(100) }) } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      await revokeCalendarFeed(deps, principal, { feedId: request.params.feedId });
      return reply.redirect('/agenda?ingetrokken=1', 303);
    });
  };
}
