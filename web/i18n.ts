/**
 * The pages' words, Dutch by default and English on request: one i18next instance with both catalogues
 * (web/locales/{nl,en}.json share one key set), initialised synchronously at import.
 */
import i18next, { type TFunction } from 'i18next';
import en from './locales/en.json';
import nl from './locales/nl.json';

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: { nl: { translation: nl }, en: { translation: en } },
  interpolation: { escapeValue: false }, // React escapes what it renders
  returnNull: false,
});

export type Translate = TFunction;

/** The translation function of a locale. */
export function translatorFor(locale: Locale): Translate {
  return instance.getFixedT(locale);
}

/** The catalogues, for the test that keeps their key sets equal. */
export const catalogues = { nl, en };
