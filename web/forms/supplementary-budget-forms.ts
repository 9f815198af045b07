/**
 * The manager's budget forms on a contract's supplementary page: approving the bundling moment's
 * proposal (all proposed bundles, or the ones kept), the year's flexible amount, and the written consent
 * to adding spending caps up (VNG art. 1.5.8). Each becomes its API request; issues map back to fields.
 */
import { type ConsentToCombinedCapsRequest, consentToCombinedCapsRequestSchema, type DecideFlexibleAmountRequest, decideFlexibleAmountRequestSchema } from '../../domain/schemas/supplementary';
import type { Locale } from '../i18n';
import type { FieldErrors } from './field-errors';
import { checked, euroCents, field, type FormBody, wholeNumber, zodErrorMapOf } from './form-body';
import type { FormParse } from './tender-action-forms';

export const bundlingFormFields = ['year', 'bundlingNote'] as const;
export const flexibleAmountFields = ['year', 'amount', 'flexibleNote'] as const;
export const consentFields = ['bundleId', 'consent', 'documentReference', 'noSubstantialChange', 'consentNote'] as const;

/** Which proposed bundles the manager keeps (checkbox `bundle-<year>-<index>`), for the year of the moment. */
export interface BundlingChoice {
  year: number;
  kept: number[];
  note?: string;
}

const words = {
  year: { nl: 'Het jaar van het bundelmoment ontbreekt', en: 'The year of the bundling moment is missing' },
  answer: { nl: 'Kies: toestemming geven of weigeren', en: 'Choose: give or refuse consent' },
  bundle: { nl: 'Kies de bundel', en: 'Choose the bundle' },
} satisfies Record<string, Record<Locale, string>>;

export function parseBundlingForm(body: FormBody, locale: Locale): FormParse<BundlingChoice> {
  const values = Object.fromEntries(bundlingFormFields.map((n) => [n, field(body, n)]));
  const year = wholeNumber(values.year!);
  if (typeof year !== 'number') return { ok: false, errors: { year: words.year[locale] }, values };
  const prefix = `bundle-${year}-`;
  const kept = Object.keys(body).flatMap((name) => (name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)) && checked(body, name) ? [Number(name.slice(prefix.length))] : []));
  return { ok: true, request: { year, kept, ...(values.bundlingNote ? { note: values.bundlingNote } : {}) }, values };
}

function issuesOf(issues: { path: PropertyKey[]; message: string }[], fieldOf: Record<string, string>, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldOf[String(issue.path[0])] ?? fallback] ??= issue.message;
  return errors;
}

export function parseFlexibleAmountForm(body: FormBody, locale: Locale): FormParse<DecideFlexibleAmountRequest> {
  const values = Object.fromEntries(flexibleAmountFields.map((n) => [n, field(body, n)]));
  const parsed = decideFlexibleAmountRequestSchema.safeParse({ year: wholeNumber(values.year!), amountCents: euroCents(values.amount!), ...(values.flexibleNote ? { note: values.flexibleNote } : {}) }, { error: zodErrorMapOf(locale) });
  if (parsed.success) return { ok: true, request: parsed.data, values };
  return { ok: false, errors: issuesOf(parsed.error.issues, { amountCents: 'amount', year: 'amount', note: 'flexibleNote' }, 'amount'), values };
}

export function parseConsentForm(body: FormBody, locale: Locale): FormParse<ConsentToCombinedCapsRequest & { bundleId: string }> {
  const values = Object.fromEntries(consentFields.map((n) => [n, n === 'noSubstantialChange' ? (checked(body, n) ? 'ja' : '') : field(body, n)]));
  const errors: FieldErrors = {};
  if (!values.bundleId) errors.bundleId = words.bundle[locale];
  if (values.consent !== 'ja' && values.consent !== 'nee') errors.consent = words.answer[locale];
  const parsed = consentToCombinedCapsRequestSchema.safeParse(
    { consent: values.consent === 'ja', documentReference: values.documentReference, ...(values.noSubstantialChange ? { noSubstantialChange: true } : {}), ...(values.consentNote ? { note: values.consentNote } : {}) },
    { error: zodErrorMapOf(locale) },
  );
  if (!parsed.success) Object.assign(errors, issuesOf(parsed.error.issues, { documentReference: 'documentReference', note: 'consentNote' }, 'documentReference'), errors);
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors, values };
  return { ok: true, request: { ...parsed.data, bundleId: values.bundleId! }, values };
}
