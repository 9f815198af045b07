/**
 * Reading and setting the pages' own cookies, with @fastify/cookie when the sign-in plugin registered it
 * and from the Cookie header otherwise.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const parsed = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  if (parsed) return parsed[name];
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

/** A cookie for the whole site, readable by the server only, sent on top-level navigation. */
export function setSiteCookie(reply: FastifyReply, name: string, value: string, { maxAgeSeconds, secure }: CookieOptions): void {
  const withPlugin = reply as FastifyReply & { setCookie?: (n: string, v: string, o: object) => FastifyReply };
  if (withPlugin.setCookie) {
    withPlugin.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: maxAgeSeconds });
    return;
  }
  const cookie = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  void reply.header('set-cookie', [...list, cookie]);
}
