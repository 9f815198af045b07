/** The midterm decision and end decision forms on a contract's page, turned into their requests. */
import { decideTermEndRequestSchema, type DecideTermEndRequest } from '../../domain/schemas/contract-actions';
import { recordMidtermDecisionRequestSchema, type RecordMidtermDecisionRequest } from '../../domain/schemas/midterm';
import type { Locale } from '../i18n';
import type { FieldErrors } from './field-errors';
import { field, type FormBody, wholeNumber, zodErrorMapOf } from './form-body';
import type { FormParse } from './tender-action-forms';

function issuesToErrors(issues: { path: PropertyKey[]; message: string }[], fieldOf: (path: PropertyKey[]) => string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldOf(issue.path)] ??= issue.message;
  return errors;
}

/** A signed amount in euros (`-12.500,00`), in cents; the text when unreadable. */
function signedEuroCents(text: string): number | string | undefined {
  if (text === '') return undefined;
  const normalised = text.replace(/[€\s]/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  return /^-?\d+(\.\d{1,2})?$/.test(normalised) ? Math.round(Number(normalised) * 100) : text;
}

export const midtermFields = ['midtermDecision', 'midtermRationale', 'revisionDescription', 'revisionValue', 'revisionDate'] as const;

export function parseMidtermForm(body: FormBody, locale: Locale): FormParse<RecordMidtermDecisionRequest> {
  const values = Object.fromEntries(midtermFields.map((n) => [n, field(body, n)]));
  const revise = values.midtermDecision === 'revise';
  const input = {
    decision: values.midtermDecision,
    rationale: values.midtermRationale,
    ...(revise ? { revision: { description: values.revisionDescription, valueChangeCents: signedEuroCents(values.revisionValue!), effectiveDate: values.revisionDate } } : {}),
  };
  const result = recordMidtermDecisionRequestSchema.safeParse(input, { error: zodErrorMapOf(locale) });
  if (result.success) return { ok: true, request: result.data, values };
  return {
    ok: false,
    values,
    errors: issuesToErrors(result.error.issues, (path) =>
      path[0] === 'rationale' ? 'midtermRationale' : path[0] === 'revision' ? (path[1] === 'valueChangeCents' ? 'revisionValue' : path[1] === 'effectiveDate' ? 'revisionDate' : 'revisionDescription') : 'midtermDecision',
    ),
  };
}

export const endDecisionFields = ['endDecision', 'extensionMonths', 'endReason'] as const;

export function parseEndDecisionForm(body: FormBody, locale: Locale): FormParse<DecideTermEndRequest> {
  const values = Object.fromEntries(endDecisionFields.map((n) => [n, field(body, n)]));
  const input = { decision: values.endDecision, reason: values.endReason, ...(values.endDecision === 'extend' ? { months: wholeNumber(values.extensionMonths!) } : {}) };
  const result = decideTermEndRequestSchema.safeParse(input, { error: zodErrorMapOf(locale) });
  if (result.success) return { ok: true, request: result.data, values };
  return { ok: false, values, errors: issuesToErrors(result.error.issues, (path) => (path[0] === 'months' ? 'extensionMonths' : path[0] === 'reason' ? 'endReason' : 'endDecision')) };
}

export const contractApiFieldOf = {
  midterm: (apiField: string) => (apiField.startsWith('revision.valueChangeCents') ? 'revisionValue' : apiField.startsWith('revision.effectiveDate') ? 'revisionDate' : apiField.startsWith('revision') ? 'revisionDescription' : apiField.startsWith('rationale') ? 'midtermRationale' : 'midtermDecision'),
  end: (apiField: string) => (apiField.startsWith('months') ? 'extensionMonths' : apiField.startsWith('reason') ? 'endReason' : 'endDecision'),
};
