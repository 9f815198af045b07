/**
 * Security headers of every page and asset: nothing but this host may be loaded, posted to or frame a
 * page (a form in someone else's frame could be clicked unknowingly), no type sniffing, and no address
 * (with a sign-in link's token in it) sent on to another site. The pages need no script at all.
 */
import type { FastifyInstance } from 'fastify';

const contentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
  // The Utrecht CSS draws its checkbox marks as data: SVG images.
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function installSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): void {
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('content-security-policy', contentSecurityPolicy);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    if (https) void reply.header('strict-transport-security', 'max-age=31536000');
  });
}
