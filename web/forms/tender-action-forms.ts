/**
 * The forms on a tender's page, each turned into its action's request (domain/schemas/tender-actions.ts)
 * and its issues mapped back onto the form's fields.
 */
import type { z } from 'zod';
import {
  registerAwardRequestSchema,
  registerObjectionRequestSchema,
  resolveObjectionRequestSchema,
  shiftDeadlineRequestSchema,
  type RegisterAwardRequest,
  type RegisterObjectionRequest,
  type ResolveObjectionRequest,
  type ShiftDeadlineRequest,
} from '../../domain/schemas/tender-actions';
import type { Locale } from '../i18n';
import type { FieldErrors } from './field-errors';
import { euroCents, field, type FormBody, lines, zodErrorMapOf } from './form-body';

export type FormParse<T> = { ok: true; request: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

function valuesOf(body: FormBody, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, values: Record<string, string>, locale: Locale, fieldOf: (path: PropertyKey[]) => [string, string]): FormParse<T> {
  const result = schema.safeParse(input, { error: zodErrorMapOf(locale) });
  if (result.success) return { ok: true, request: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [name, prefix] = fieldOf(issue.path);
    errors[name] ??= `${prefix}${issue.message}`;
  }
  return { ok: false, errors, values };
}

/** Award lines: `kavel-id; aanbieder; e-mail; waarde in euro`. */
export function parseAwardForm(body: FormBody, locale: Locale, lineWord: string): FormParse<RegisterAwardRequest> {
  const values = valuesOf(body, ['awardLots', 'awardNote']);
  const lots = lines(body, 'awardLots').map((line) => {
    const [lotId = '', provider = '', providerEmail = '', value = ''] = line.split(';').map((p) => p.trim());
    return { lotId, provider, providerEmail, valueCents: euroCents(value) };
  });
  const input = { lots, ...(values.awardNote ? { note: values.awardNote } : {}) };
  return parseWith(registerAwardRequestSchema, input, values, locale, (path) =>
    path[0] === 'note' ? ['awardNote', ''] : ['awardLots', typeof path[1] === 'number' ? `${lineWord} ${path[1] + 1}: ${path[2] ? `${String(path[2])}: ` : ''}` : ''],
  );
}

export function parseObjectionForm(body: FormBody, locale: Locale): FormParse<RegisterObjectionRequest> {
  const values = valuesOf(body, ['objectionLot', 'objectionReason']);
  const input = { reason: values.objectionReason, ...(values.objectionLot ? { lotId: values.objectionLot } : {}) };
  return parseWith(registerObjectionRequestSchema, input, values, locale, (path) => [path[0] === 'lotId' ? 'objectionLot' : 'objectionReason', '']);
}

export function parseShiftForm(body: FormBody, locale: Locale): FormParse<ShiftDeadlineRequest> {
  const values = valuesOf(body, ['shiftStep', 'shiftDate', 'shiftReason']);
  const input = { stepKey: values.shiftStep, newDueDate: values.shiftDate, reason: values.shiftReason };
  return parseWith(shiftDeadlineRequestSchema, input, values, locale, (path) => [path[0] === 'stepKey' ? 'shiftStep' : path[0] === 'newDueDate' ? 'shiftDate' : 'shiftReason', '']);
}

/** Resolving a pending objection: which one, its outcome and the note that explains it. */
export function parseResolutionForm(body: FormBody, locale: Locale): FormParse<ResolveObjectionRequest & { objectionId: string }> {
  const values = valuesOf(body, ['resolveObjection', 'resolveOutcome', 'resolveNote']);
  const parsed = parseWith(resolveObjectionRequestSchema, { outcome: values.resolveOutcome, note: values.resolveNote }, values, locale, (path) => [path[0] === 'outcome' ? 'resolveOutcome' : 'resolveNote', '']);
  if (!parsed.ok) return parsed;
  if (!values.resolveObjection) return { ok: false, errors: { resolveObjection: locale === 'nl' ? 'Kies het bezwaar.' : 'Choose the objection.' }, values };
  return { ok: true, request: { ...parsed.request, objectionId: values.resolveObjection }, values };
}

/** The form field of an API field named in a refusal, per form. */
export const apiFieldOf = {
  award: (apiField: string) => (apiField.startsWith('note') ? 'awardNote' : 'awardLots'),
  objection: (apiField: string) => (apiField.startsWith('lotId') ? 'objectionLot' : 'objectionReason'),
  resolution: (apiField: string) => (apiField.startsWith('outcome') ? 'resolveOutcome' : apiField.startsWith('note') ? 'resolveNote' : 'resolveObjection'),
  shift: (apiField: string) => (apiField.startsWith('stepKey') ? 'shiftStep' : apiField.startsWith('reason') ? 'shiftReason' : 'shiftDate'),
};
