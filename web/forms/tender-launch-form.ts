/**
 * The tender launch form: its fields as typed, turned into the launch request of
 * domain/schemas/tender-launch.ts, and the schema's issues mapped back onto the form's fields. Lots,
 * stakeholders and KPIs are typed one per line, their parts separated by semicolons.
 */
import type { z } from 'zod';
import { tenderLaunchRequestSchema, type TenderLaunchRequest } from '../../domain/schemas/tender-launch';
import type { Locale } from '../i18n';
import type { FieldErrors } from './field-errors';
import { checked, euroCents, field, type FormBody, lines, wholeNumber, zodErrorMapOf } from './form-body';

/** The form's fields, in the order the form shows them (and the error summary lists them). */
export const tenderLaunchFields = [
  'title',
  'commissioner',
  'actsFor',
  'procurementForm',
  'estimatedValue',
  'contractStart',
  'electronicSubmission',
  'documentsElectronicallyAvailable',
  'standstillDays',
  'termYears',
  'extensionCount',
  'extensionMonths',
  'accountabilityCadence',
  'lots',
  'stakeholders',
  'kpis',
] as const;
export type TenderLaunchField = (typeof tenderLaunchFields)[number];

/** What the person typed, to show the form again as it was. */
export type TenderLaunchValues = Record<Exclude<TenderLaunchField, 'electronicSubmission' | 'documentsElectronicallyAvailable'>, string> & {
  electronicSubmission: boolean;
  documentsElectronicallyAvailable: boolean;
};

export function emptyTenderLaunchValues(commissioner: string): TenderLaunchValues {
  return {
    title: '',
    commissioner,
    actsFor: '',
    procurementForm: 'socialServicesLightRegime',
    estimatedValue: '',
    contractStart: '',
    electronicSubmission: true,
    documentsElectronicallyAvailable: true,
    standstillDays: '20',
    termYears: '8',
    extensionCount: '0',
    extensionMonths: '12',
    accountabilityCadence: 'quarterly',
    lots: '',
    stakeholders: '',
    kpis: '',
  };
}

export function tenderLaunchValuesOf(body: FormBody): TenderLaunchValues {
  const text = (name: TenderLaunchField) => field(body, name);
  return {
    title: text('title'),
    commissioner: text('commissioner'),
    actsFor: text('actsFor'),
    procurementForm: text('procurementForm'),
    estimatedValue: text('estimatedValue'),
    contractStart: text('contractStart'),
    electronicSubmission: checked(body, 'electronicSubmission'),
    documentsElectronicallyAvailable: checked(body, 'documentsElectronicallyAvailable'),
    standstillDays: text('standstillDays'),
    termYears: text('termYears'),
    extensionCount: text('extensionCount'),
    extensionMonths: text('extensionMonths'),
    accountabilityCadence: text('accountabilityCadence'),
    lots: text('lots'),
    stakeholders: text('stakeholders'),
    kpis: text('kpis'),
  };
}

const parts = (line: string) => line.split(';').map((p) => p.trim());
const splitLines = (text: string) => lines({ text }, 'text');

/** The launch request the values describe (not yet validated). */
export function launchRequestOf(values: TenderLaunchValues): Record<string, unknown> {
  const actsFor = splitLines(values.actsFor);
  return {
    title: values.title,
    commissioners: [{ organisation: values.commissioner, kind: actsFor.length > 0 ? 'purchasingBody' : 'municipality', actsFor }],
    procurementForm: values.procurementForm,
    estimatedValueCents: euroCents(values.estimatedValue),
    contractStart: values.contractStart,
    electronicSubmission: values.electronicSubmission,
    documentsElectronicallyAvailable: values.documentsElectronicallyAvailable,
    standstillDays: wholeNumber(values.standstillDays),
    termYears: wholeNumber(values.termYears),
    extensionOptions: { count: wholeNumber(values.extensionCount), monthsEach: wholeNumber(values.extensionMonths) },
    accountabilityCadence: values.accountabilityCadence,
    lots: splitLines(values.lots).map((line) => {
      const [id = '', title = '', area = ''] = parts(line);
      return { id, title, area };
    }),
    stakeholders: splitLines(values.stakeholders).map((line) => {
      const [role = '', organisation = '', email = '', name] = parts(line);
      return { role, organisation, email, ...(name ? { name } : {}) };
    }),
    kpis: splitLines(values.kpis).map((line) => {
      const [name = '', definition = '', kind = ''] = parts(line);
      return { name, definition, measurable: /^(meetbaar|measurable|ja|yes)$/i.test(kind) };
    }),
  };
}

const fieldOfPath: Record<string, TenderLaunchField> = {
  title: 'title',
  commissioners: 'commissioner',
  procurementForm: 'procurementForm',
  estimatedValueCents: 'estimatedValue',
  contractStart: 'contractStart',
  standstillDays: 'standstillDays',
  termYears: 'termYears',
  midtermReviewAfterMonths: 'termYears',
  accountabilityCadence: 'accountabilityCadence',
  lots: 'lots',
  stakeholders: 'stakeholders',
  kpis: 'kpis',
};

/** The form field an issue of the launch schema belongs to, and its message (with the line for a list). */
export function fieldErrorOf(issue: z.core.$ZodIssue, lineWord: string): [TenderLaunchField, string] {
  const [head, second, third] = issue.path;
  if (head === 'extensionOptions') return [second === 'monthsEach' ? 'extensionMonths' : 'extensionCount', issue.message];
  if (head === 'commissioners' && third === 'actsFor') return ['actsFor', issue.message];
  const name = fieldOfPath[String(head)] ?? 'title';
  const line = (name === 'lots' || name === 'stakeholders' || name === 'kpis') && typeof second === 'number' ? `${lineWord} ${second + 1}: ` : '';
  const part = typeof third === 'string' && line ? `${third}: ` : '';
  return [name, `${line}${part}${issue.message}`];
}

export type LaunchParse = { ok: true; request: TenderLaunchRequest } | { ok: false; errors: FieldErrors };

/** The validated launch request, or the errors per field (the first per field, in form order). */
export function parseTenderLaunch(values: TenderLaunchValues, locale: Locale, lineWord: string): LaunchParse {
  const result = tenderLaunchRequestSchema.safeParse(launchRequestOf(values), { error: zodErrorMapOf(locale) });
  if (result.success) return { ok: true, request: result.data };
  const found = new Map<TenderLaunchField, string>();
  for (const issue of result.error.issues) {
    const [name, message] = fieldErrorOf(issue, lineWord);
    if (!found.has(name)) found.set(name, message);
  }
  const errors: FieldErrors = {};
  for (const name of tenderLaunchFields) if (found.has(name)) errors[name] = found.get(name)!;
  return { ok: false, errors };
}
