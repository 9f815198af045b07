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

/** Most words on a page are looked up without interpolation, many times per list: those are remembered. */
const MEMO_LIMIT = 5_000;

function remembering(t: TFunction): Translate {
  const memo = new Map<string, string>();
  const lookUp = (key: unknown, options?: unknown): unknown => {
    const plain = typeof key === 'string' && (options === undefined || (typeof options === 'object' && options !== null && Object.keys(options).length === 1 && 'defaultValue' in options));
    if (!plain) return (t as (k: unknown, o?: unknown) => unknown)(key, options);
    const memoKey = options === undefined ? key : `${key}\u0000${String((options as { defaultValue: unknown }).defaultValue)}`;
    let value = memo.get(memoKey);
    if (value === undefined) {
      value = String((t as (k: unknown, o?: unknown) => unknown)(key, options));
      if (memo.size < MEMO_LIMIT) memo.set(memoKey, value);
    }
    return value;
  };
  return lookUp as unknown as Translate;
}

const translators = new Map(locales.map((locale) => [locale, remembering(instance.getFixedT(locale))]));

/** The translation function of a locale. */
export function translatorFor(locale: Locale): Translate {
  return translators.get(locale)!;
}

/** The catalogues, for the test that keeps their key sets equal. */
export const catalogues = { nl, en };
