/**
 * Completing a task from its page: any task with its outcome and a note; a provider's accountability
 * report with a figure per measurable KPI, the story per narrative KPI and attachments by link, recorded
 * as the task's outcome and note (the contract manager records the outcome of the conversation).
 */
import type { Kpi } from '../../domain/schemas/contract-terms';
import { completeTaskRequestSchema, type CompleteTaskRequest } from '../../domain/schemas/tender-actions';
import type { Translate } from '../i18n';
import type { Locale } from '../i18n';
import type { FieldErrors } from './field-errors';
import { field, type FormBody, lines, zodErrorMapOf } from './form-body';
import type { FormParse } from './tender-action-forms';

/** The form field of a KPI: `kpi-1`, `kpi-2`, … in the contract's order. */
export const kpiField = (index: number) => `kpi-${index + 1}`;

const NOTE_MAX = 10_000;

export function parseCompletionForm(body: FormBody, locale: Locale): FormParse<CompleteTaskRequest> {
  const values = { outcome: field(body, 'outcome'), note: field(body, 'note') };
  const result = completeTaskRequestSchema.safeParse({ outcome: values.outcome, ...(values.note ? { note: values.note } : {}) }, { error: zodErrorMapOf(locale) });
  if (result.success) return { ok: true, request: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path[0] === 'note' ? 'note' : 'outcome'] ??= issue.message;
  return { ok: false, errors, values };
}

/** A figure as people type it: `12`, `12,5`, `-3.25`. */
function figureOf(text: string): number | undefined {
  const normalised = text.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : undefined;
}

export function parseReportForm(body: FormBody, kpis: readonly Kpi[], t: Translate): FormParse<CompleteTaskRequest> {
  const values: Record<string, string> = { summary: field(body, 'summary'), attachments: field(body, 'attachments') };
  kpis.forEach((_, i) => (values[kpiField(i)] = field(body, kpiField(i))));
  const errors: FieldErrors = {};
  const figures: string[] = [];
  const stories: string[] = [];
  kpis.forEach((kpi, i) => {
    const name = kpiField(i);
    const text = values[name]!;
    if (kpi.measurable) {
      const figure = figureOf(text);
      if (text === '') errors[name] = t('tasks.report.figureMissing');
      else if (figure === undefined) errors[name] = t('tasks.report.figureInvalid');
      else figures.push(`- ${kpi.name}: ${figure}`);
    } else if (text === '') errors[name] = t('tasks.report.storyMissing');
    else stories.push(`- ${kpi.name}: ${text}`);
  });
  const links = lines(body, 'attachments');
  const badLink = links.find((l) => !/^https?:\/\/\S+$/.test(l));
  if (badLink) errors.attachments = t('tasks.report.linkInvalid', { link: badLink });
  if (values.summary === '') errors.summary = t('tasks.report.summaryMissing');
  const note = [
    values.summary,
    figures.length ? `${t('tasks.report.figuresHeading')}:\n${figures.join('\n')}` : '',
    stories.length ? `${t('tasks.report.storiesHeading')}:\n${stories.join('\n')}` : '',
    links.length ? `${t('tasks.report.attachmentsHeading')}:\n${links.map((l) => `- ${l}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  if (note.length > NOTE_MAX && !errors.summary) errors.summary = t('tasks.report.tooLong', { max: NOTE_MAX });
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, request: { outcome: t('tasks.report.outcome'), note }, values };
}
