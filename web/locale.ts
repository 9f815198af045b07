/**
 * Which language a page speaks: the `regie_locale` cookie (set by the language link), else the signed-in
 * person's own locale, else Dutch.
 */
import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, type Locale } from './i18n';
import { cookieOf } from './cookies';

export const LOCALE_COOKIE = 'regie_locale';

export function localeOf(request: FastifyRequest): Locale {
  const chosen = cookieOf(request, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return request.principal?.locale ?? DEFAULT_LOCALE;
}
