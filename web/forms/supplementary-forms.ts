/**
 * The forms on a contract's supplementary-assignments page (web/pages/supplementary-page.tsx): the intake
 * of a request and the joint panel's vetting, each turned into its API request (domain/schemas/
 * supplementary.ts) and their issues, the schema's or the workflow's, mapped back onto the form's fields.
 */
import {
  type ConfirmAssignmentRequest,
  confirmAssignmentRequestSchema,
  type TakeInRequestRequest,
  takeInRequestRequestSchema,
  type VetRequestRequest,
  vetRequestRequestSchema,
} from '../../domain/schemas/supplementary';
import type { Locale } from '../i18n';
import type { FieldErrors } from './field-errors';
import { checked, euroCents, field, type FormBody, wholeNumber, zodErrorMapOf } from './form-body';
import type { FormParse } from './tender-action-forms';

export type SupplementaryForm = 'intake' | 'vetting' | 'confirmation' | 'bundling' | 'flexibleAmount' | 'consent';

export const intakeFields = ['title', 'theme', 'goal', 'budget', 'periodFrom', 'periodTo', 'sourceKind', 'sourceName', 'requestedBy', 'outsideContractLine', 'reportingRegime', 'everyMonths', 'spendingCap'] as const;
export const vettingFields = ['assignmentId', 'decision', 'route', 'changeOptionId', 'separateContract', 'reason'] as const;
export const confirmationFields = ['assignmentId', 'confirm', 'note'] as const;

/** The form field of a request's field (a zod path or the API's dotted field), for the intake. */
const intakeFieldOf: Record<string, (typeof intakeFields)[number]> = {
  budgetCents: 'budget',
  'period.from': 'periodFrom',
  'period.to': 'periodTo',
  period: 'periodTo',
  'source.kind': 'sourceKind',
  'source.name': 'sourceName',
  source: 'sourceName',
  'reporting.regime': 'reportingRegime',
  'reporting.everyMonths': 'everyMonths',
  'reporting.description': 'reportingRegime',
  reporting: 'reportingRegime',
  spendingCapCents: 'spendingCap',
};

/**
 * The form field of the vetting's API fields. A route over its legal limit is refused naming the request's
 * budget (budgetCents, with the article): the panel changes the route, so it shows next to the route.
 */
const vettingFieldOf: Record<string, (typeof vettingFields)[number]> = { budgetCents: 'route', assignmentId: 'assignmentId' };

function mapField<F extends string>(names: readonly F[], table: Record<string, F>, fallback: F) {
  return (apiField: string): F => {
    if (table[apiField]) return table[apiField];
    const top = apiField.split('.')[0]!;
    return (names as readonly string[]).includes(top) ? (top as F) : (table[top] ?? fallback);
  };
}

export const supplementaryApiFieldOf: Record<SupplementaryForm, (apiField: string) => string> = {
  intake: mapField(intakeFields, intakeFieldOf, 'title'),
  vetting: mapField(vettingFields, vettingFieldOf, 'decision'),
  confirmation: mapField(confirmationFields, {}, 'confirm'),
  // A bundle the workflow refuses (bundles.0.assignmentIds.1: not small, bundled already) is about the proposal kept.
  bundling: mapField(['bundlingNote'], { note: 'bundlingNote' }, 'bundlingNote'),
  flexibleAmount: mapField(['amount', 'flexibleNote'], { amountCents: 'amount', year: 'amount', note: 'flexibleNote' }, 'amount'),
  consent: mapField(['bundleId', 'consent', 'documentReference', 'noSubstantialChange', 'consentNote'], { note: 'consentNote' }, 'consent'),
};

function parse<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }, values: Record<string, string>, fieldOf: (apiField: string) => string): FormParse<T> {
  if (result.success) return { ok: true, request: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[fieldOf(issue.path.map(String).join('.'))] ??= issue.message;
  return { ok: false, errors, values };
}

const orUndefined = (value: string) => (value === '' ? undefined : value);

const chooseAssignment: Record<Locale, string> = { nl: 'Kies de aanvraag die het gremium toetst', en: 'Choose the request the panel vets' };
const chooseToConfirm: Record<Locale, string> = { nl: 'Kies de opdracht die u bevestigt of afwijst', en: 'Choose the assignment you confirm or decline' };
const chooseAnswer: Record<Locale, string> = { nl: 'Kies: bevestigen of afwijzen', en: 'Choose: confirm or decline' };

export function parseIntakeForm(body: FormBody, locale: Locale): FormParse<TakeInRequestRequest> {
  const values = Object.fromEntries(intakeFields.map((n) => [n, n === 'outsideContractLine' ? (checked(body, n) ? 'ja' : '') : field(body, n)]));
  const own = values.reportingRegime === 'own';
  const input = {
    title: values.title,
    theme: values.theme,
    ...(values.goal ? { goal: values.goal } : {}),
    budgetCents: euroCents(values.budget!),
    period: { from: orUndefined(values.periodFrom!), to: orUndefined(values.periodTo!) },
    source: { kind: orUndefined(values.sourceKind!), name: values.sourceName },
    requestedBy: values.requestedBy,
    outsideContractLine: values.outsideContractLine === 'ja',
    reporting: { regime: values.reportingRegime || 'foldedIntoContract', ...(own || values.everyMonths ? { everyMonths: wholeNumber(values.everyMonths!) } : {}) },
    ...(values.spendingCap ? { spendingCapCents: euroCents(values.spendingCap) } : {}),
  };
  return parse(takeInRequestRequestSchema.safeParse(input, { error: zodErrorMapOf(locale) }), values, supplementaryApiFieldOf.intake);
}

export function parseVettingForm(body: FormBody, locale: Locale): FormParse<VetRequestRequest & { assignmentId: string }> {
  const values = Object.fromEntries(vettingFields.map((n) => [n, field(body, n)]));
  const accept = values.decision === 'accept';
  const input = {
    decision: orUndefined(values.decision!),
    reason: values.reason,
    ...(accept && values.route ? { route: values.route } : {}),
    ...(accept && values.route === 'changeOption' ? { changeOptionId: orUndefined(values.changeOptionId!) } : {}),
    ...(accept && values.route === 'separateContract' ? { separateContract: orUndefined(values.separateContract!) } : {}),
  };
  const parsed = parse(vetRequestRequestSchema.safeParse(input, { error: zodErrorMapOf(locale) }), values, supplementaryApiFieldOf.vetting);
  if (!values.assignmentId) return { ok: false, values, errors: { assignmentId: chooseAssignment[locale], ...(parsed.ok ? {} : parsed.errors) } };
  return parsed.ok ? { ...parsed, request: { ...parsed.request, assignmentId: values.assignmentId } } : parsed;
}

/** The provider confirms (or declines) an assignment the panel accepted. */
export function parseConfirmationForm(body: FormBody, locale: Locale): FormParse<ConfirmAssignmentRequest & { assignmentId: string }> {
  const values = Object.fromEntries(confirmationFields.map((n) => [n, field(body, n)]));
  const errors: FieldErrors = {};
  if (!values.assignmentId) errors.assignmentId = chooseToConfirm[locale];
  if (values.confirm !== 'ja' && values.confirm !== 'nee') errors.confirm = chooseAnswer[locale];
  if (Object.keys(errors).length) return { ok: false, errors, values };
  const parsed = parse(confirmAssignmentRequestSchema.safeParse({ confirm: values.confirm === 'ja', ...(values.note ? { note: values.note } : {}) }, { error: zodErrorMapOf(locale) }), values, supplementaryApiFieldOf.confirmation);
  return parsed.ok ? { ...parsed, request: { ...parsed.request, assignmentId: values.assignmentId! } } : parsed;
}
