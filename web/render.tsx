/** Server-side rendering of a page: a complete HTML document, no client-side JavaScript. */
import type { FastifyReply } from 'fastify';
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { type PageContext, PageContextProvider } from './page-context';

export function renderDocument(context: PageContext, page: ReactElement): string {
  return `<!doctype html>${renderToString(<PageContextProvider value={context}>{page}</PageContextProvider>)}`;
}

export function sendPage(reply: FastifyReply, context: PageContext, page: ReactElement, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderDocument(context, page));
}
