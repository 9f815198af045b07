/**
 * Rate limits on signing in (@fastify/rate-limit, in memory per API process):
 * - per client IP on every sign-in route: 20 requests per 15 minutes (a person mistyping now and then
 *   never reaches it; a script trying addresses or tokens does);
 * - per email address on sign-in link requests: 5 per 15 minutes, so nobody's mailbox can be flooded.
 * Past a limit the answer is 429 with Retry-After (seconds). Behind a reverse proxy, Fastify's
 * `trustProxy` must be set for the client IP to be the person's, not the proxy's.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors';
import { normalizeEmail } from './email-address';

const WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_REQUESTS_PER_IP = 20;
export const SIGN_IN_LINKS_PER_EMAIL = 5;

function tooManyRequests(retryAfterSeconds: number): HttpError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new HttpError(429, `Te veel pogingen om in te loggen; probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw`, undefined, retryAfterSeconds);
}

/** Registers the plugin without a global limit: only routes with `config.rateLimit` are limited. */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
  });
}

/** Route config for a sign-in route: limited per client IP. */
export const perIpSignInLimit = { rateLimit: { max: SIGN_IN_REQUESTS_PER_IP, timeWindow: WINDOW_MS } };

/** A check per email address (the request body's `email`) for sign-in link requests; throws 429 past the limit. */
export function perEmailSignInLinkLimit(app: FastifyInstance): (request: FastifyRequest) => Promise<void> {
  const limiter = app.createRateLimit({
    max: SIGN_IN_LINKS_PER_EMAIL,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `email-link:${normalizeEmail((request.body as { email?: unknown } | undefined)?.email)}`,
  });
  return async (request) => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) throw tooManyRequests(result.ttlInSeconds);
  };
}
