/** A submitted HTML form (application/x-www-form-urlencoded), as @fastify/formbody parses it. */
import { z } from 'zod';
import type { Locale } from '../i18n';

export const formBodySchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});
export type FormBody = z.infer<typeof formBodySchema>;

/** The one value of a field ('' when absent; the last when repeated). */
export function field(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value.at(-1) ?? '') : (value ?? '')).trim();
}

/** A checkbox: checked when sent. */
export function checked(body: FormBody, name: string): boolean {
  return body[name] !== undefined;
}

/** The non-empty lines of a textarea. */
export function lines(body: FormBody, name: string): string[] {
  return field(body, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A whole number typed in a form, or the text itself (so the schema names what is wrong). */
export function wholeNumber(text: string): number | string | undefined {
  if (text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/** An amount in euros as people type it (`1.250.000,50` or `1250000.50`), in cents; the text itself when unreadable. */
export function euroCents(text: string): number | string | undefined {
  if (text === '') return undefined;
  const normalised = text.replace(/[€\s]/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(normalised) ? Math.round(Number(normalised) * 100) : text;
}

/** What a person is told instead of zod's type names, for the two mistakes a form lets them make. */
const formMessages = {
  nl: { required: 'Vul dit veld in', number: 'Vul een getal in; een bedrag in euro zoals 1.250.000 of 1250000,50' },
  en: { required: 'Fill in this field', number: 'Enter a number; an amount in euros such as 1,250,000 or 1250000.50' },
} as const;

/**
 * zod's messages in the page's language (custom messages of the domain schemas stay as written); an empty
 * field or text where a number belongs is said in words, not as zod's "expected number, received string".
 */
export function zodErrorMapOf(locale: Locale): z.core.$ZodErrorMap {
  const localeError = (locale === 'nl' ? z.locales.nl() : z.locales.en()).localeError;
  return (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return formMessages[locale].required;
    if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'string') return formMessages[locale].number;
    return localeError(issue);
  };
}
