/**
 * Dates and amounts as people read them, in the page's language (Europe/Amsterdam). The formatters are
 * made once per language: building an Intl formatter costs far more than using one, and a list page
 * formats hundreds of dates.
 */
import type { Locale } from './i18n';

const TIME_ZONE = 'Europe/Amsterdam';
const tag = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

function perLocale<F>(make: (tag: string) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    let formatter = made.get(locale);
    if (!formatter) made.set(locale, (formatter = make(tag(locale))));
    return formatter;
  };
}

const dateTimeFormat = perLocale((t) => new Intl.DateTimeFormat(t, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }));
const dateFormat = perLocale((t) => new Intl.DateTimeFormat(t, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
const euroFormat = perLocale((t) => new Intl.NumberFormat(t, { style: 'currency', currency: 'EUR' }));

export function formatDateTime(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale).format(new Date(value));
}

/** An ISO date (YYYY-MM-DD) as a calendar date, without shifting it through a time zone. */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateFormat(locale).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

export function formatEuros(cents: number | bigint, locale: Locale): string {
  return euroFormat(locale).format(Number(cents) / 100);
}
