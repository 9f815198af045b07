/**
 * Calendar feeds: a signed-in person makes, lists and revokes their secret feed URLs under /me; a
 * calendar fetches `GET /calendar/<token>.ics` without a session (the token is the credential).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/authenticate';
import type { ApiDeps } from '../deps';
import { errorResponseSchema, notFound } from '../errors';
import {
  calendarFeedOfToken,
  calendarFeedSchema,
  createCalendarFeed,
  feedTokenSchema,
  listCalendarFeeds,
  newCalendarFeedSchema,
  revokeCalendarFeed,
} from '../services/calendar-feeds';

const tags = ['calendar'];
/** Signed in: an API token (bearer) or a session cookie. */
const security = [{ bearerAuth: [] }];
const refusals = { 401: errorResponseSchema, 403: errorResponseSchema };

export function calendarRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/me/calendar-feeds',
      {
        schema: {
          tags,
          security,
          summary: 'A new secret calendar feed (iCalendar) of my roles\' deadlines and conversations; its URL is shown only in this answer',
          response: { 201: newCalendarFeedSchema, ...refusals },
        },
      },
      async (request, reply) => reply.status(201).send(await createCalendarFeed(deps, requirePrincipal(request))),
    );

    app.get(
      '/me/calendar-feeds',
      { schema: { tags, security, summary: 'My calendar feeds, without their secret URLs', response: { 200: z.array(calendarFeedSchema), ...refusals } } },
      async (request) => listCalendarFeeds(deps, requirePrincipal(request)),
    );

    app.post(
      '/me/calendar-feeds/:feedId/revoke',
      {
        schema: {
          tags,
          security,
          summary: 'Revoke one of my calendar feeds: its URL answers 404 from now on',
          params: z.object({ feedId: z.uuid() }),
          response: { 200: calendarFeedSchema, ...refusals, 404: errorResponseSchema },
        },
      },
      async (request) => revokeCalendarFeed(deps, requirePrincipal(request), request.params),
    );

    app.get(
      '/calendar/:file',
      {
        schema: {
          tags,
          summary: 'A calendar feed (text/calendar, RFC 5545) by its secret token: `/calendar/<token>.ics`; no session needed',
          params: z.object({ file: z.string().describe('<token>.ics') }),
          // The feed is text/calendar; its refusals are the JSON error shape, as everywhere.
          response: {
            200: { description: 'The iCalendar feed (RFC 5545)', content: { 'text/calendar': { schema: z.string().describe('iCalendar') } } },
            404: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const token = feedTokenSchema.safeParse(request.params.file.replace(/\.ics$/, ''));
        if (!token.success || !request.params.file.endsWith('.ics')) throw notFound('No such calendar feed');
        const ics = await calendarFeedOfToken(deps, token.data);
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('referrer-policy', 'no-referrer')
          .send(ics);
      },
    );
  };
}
