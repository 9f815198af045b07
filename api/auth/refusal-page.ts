/**
 * A refused sign-in shown to a browser that arrived from the identity provider: a small page (Dutch,
 * accessible: language, main landmark, heading) with the reason and the way back, instead of JSON.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, toHttpError } from '../errors';
import { signInPages } from './sign-in-pages';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function refusalPage(message: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inloggen lukt niet - regie</title></head>
<body>
<main>
<h1>Inloggen lukt niet</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${signInPages.signIn}">Terug naar inloggen</a></p>
</main>
</body>
</html>
`;
}

/** Whether the client asked for a page (a browser) rather than JSON. */
export function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** Answers a refusal (4xx) as a page for a browser; anything else goes on to the JSON error handler. */
export function sendRefusalPage(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply | undefined {
  const http = error instanceof HttpError ? error : toHttpError(error);
  if (!wantsPage(request) || http.statusCode >= 500) return undefined;
  return reply.code(http.statusCode).type('text/html; charset=utf-8').send(refusalPage(http.message));
}
