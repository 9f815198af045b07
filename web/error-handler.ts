/**
 * Errors on a page are pages too: the same status as the API gives, rendered in the page's language.
 * A thing the person may not see is "not found" as a missing one: the services answer 404 for both.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import type { ApiDeps } from '../api/deps';
import { toHttpError } from '../api/errors';
import { ErrorPage } from './pages/error-page';
import { pageContextOf, signInPath } from './page-request';
import { sendPage } from './render';

export function pageErrorHandler(deps: ApiDeps) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const http = toHttpError(error);
    if (http.statusCode === 401) return reply.redirect(signInPath(request.method === 'GET' ? request.url : '/'), 303);
    const status = http.statusCode;
    if (status >= 500) request.log.error({ err: error }, 'page failed');
    if (http.retryAfter !== undefined) void reply.header('retry-after', String(http.retryAfter));
    return sendPage(reply, pageContextOf(deps, request, reply), createElement(ErrorPage, { status, message: http.message }), status);
  };
}
