/** The captured mail (embedded default only: without the capture these pages do not exist). */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../../api/deps';
import { notFound } from '../../api/errors';
import { pageContextOf } from '../page-request';
import { MailListPage, MailMessagePage } from '../pages/mail-pages';
import { sendPage } from '../render';

const MAX_LISTED = 200;

export function mailPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/post', { schema: { hide: true } }, async (request, reply) => {
      if (!deps.mailCapture) throw notFound('No mail capture');
      const messages = [...deps.mailCapture.messages()].reverse().slice(0, MAX_LISTED);
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(MailListPage, { messages }));
    });

    app.get('/post/:id', { schema: { hide: true, params: z.object({ id: z.string().min(1).max(100) }) } }, async (request, reply) => {
      const mail = deps.mailCapture?.messages().find((m) => m.id === request.params.id);
      if (!mail) throw notFound('No such mail');
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(MailMessagePage, { mail }));
    });
  };
}
