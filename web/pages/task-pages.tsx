/** A person's tasks across contracts and tenders, due soonest first, and one task with its completion form. */
import type { getTask } from '../../api/services/tasks';
import type { FoldedAssignment } from '../../api/services/supplementary-reporting';
import type { Kpi } from '../../domain/schemas/contract-terms';
import { SUPPLEMENTARY_DECISION_TASKS } from '../../domain/supplementary/intake';
import { CsrfField } from '../components/csrf-field';
import { Alert, ErrorSummary, StatusBadge } from '../components/feedback';
import { SubmitButton, TextAreaField, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table, taskTitleColumn } from '../components/table';
import type { FieldErrors } from '../forms/field-errors';
import { kpiField } from '../forms/task-forms';
import { formatDate } from '../format';
import { usePage } from '../page-context';

export interface MyTaskRow {
  id: string;
  title: string;
  kind: string;
  role: string;
  organisation: string;
  dueDate: string;
  overdue: boolean;
  context?: { href: string; label: string };
}

export function MyTasksPage({ tasks, completed, more }: { tasks: MyTaskRow[]; completed: boolean; more?: string }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('tasks.mine.title')}>
      {completed ? <Alert type="ok">{t('tasks.mine.completed')}</Alert> : null}
      <Table
        caption={t('tasks.mine.caption')}
        rows={tasks}
        rowKey={(r) => r.id}
        empty={t('tasks.mine.empty')}
        columns={[
          taskTitleColumn(t('tasks.task')),
          { header: t('tasks.context'), cell: (r) => (r.context ? <a className="utrecht-link" href={r.context.href}>{r.context.label}</a> : '') },
          { header: t('tasks.owner'), cell: (r) => `${t(`roles.${r.role}`, { defaultValue: r.role })}, ${r.organisation}` },
          { header: t('tasks.due'), cell: (r) => formatDate(r.dueDate, locale) },
          { header: t('status.label'), cell: (r) => (r.overdue ? <StatusBadge status="overdue">{t('status.overdue')}</StatusBadge> : <StatusBadge status="open">{t('status.open')}</StatusBadge>) },
        ]}
      />
      {more ? (
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={more}>
            {t('tasks.mine.more')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

type Task = Awaited<ReturnType<typeof getTask>>;

export interface TaskPageProps {
  task: Task;
  /** The KPIs of the task's contract, for an accountability report. */
  kpis?: Kpi[];
  /** Supplementary assignments reporting in this conversation (no reports of their own), for an accountability report. */
  foldedAssignments?: FoldedAssignment[];
  mayComplete: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

export function TaskPage({ task, kpis, foldedAssignments = [], mayComplete, errors = {}, values = {} }: TaskPageProps) {
  const { t, locale } = usePage();
  const isReport = task.kind === 'accountabilityReport' && kpis !== undefined;
  const labels: Record<string, string> = { outcome: t('tasks.fields.outcome'), note: t('tasks.fields.note'), summary: t('tasks.report.summary'), attachments: t('tasks.report.attachments') };
  kpis?.forEach((kpi, i) => (labels[kpiField(i)] = kpi.name));
  const status = task.status === 'open' ? (task.overdue ? 'overdue' : 'open') : task.status === 'done' ? 'done' : 'cancelled';
  return (
    <Layout title={task.title}>
      <ErrorSummary errors={errors} labels={labels} />
      <dl className="utrecht-data-list utrecht-data-list--rows">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('tasks.owner')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{`${t(`roles.${task.role}`, { defaultValue: task.role })}, ${task.organisation}`}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('tasks.due')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{formatDate(task.dueDate, locale)}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('status.label')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
            <StatusBadge status={status}>{t(`status.${status}`)}</StatusBadge>
          </dd>
        </div>
        {task.contractId ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{t('tasks.context')}</dt>
            <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
              <a className="utrecht-link" href={`/contracten/${encodeURIComponent(task.contractId)}`}>{t('tasks.contractLink')}</a>
            </dd>
          </div>
        ) : null}
        {task.outcome ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{t('tasks.fields.outcome')}</dt>
            <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd regie-mail-body">{[task.outcome, task.note].filter(Boolean).join('\n\n')}</dd>
          </div>
        ) : null}
      </dl>
      {task.status === 'open' && task.contractId && decidedElsewhere(task.kind) ? (
        <p className="utrecht-paragraph">
          {t('tasks.decidedElsewhere')}{' '}
          <a className="utrecht-link" href={`/contracten/${encodeURIComponent(task.contractId)}/aanvullende-opdrachten`}>
            {t('tasks.decidedElsewhereLink')}
          </a>
        </p>
      ) : task.status === 'open' && mayComplete ? (
        <form method="post" action={`/taken/${encodeURIComponent(task.id)}`} noValidate>
          <CsrfField />
          {isReport ? (
            <>
              <h2 className="utrecht-heading-2">{t('tasks.report.title')}</h2>
              <p className="utrecht-paragraph">{t('tasks.report.intro')}</p>
              {foldedAssignments.length > 0 ? <FoldedAssignments assignments={foldedAssignments} /> : null}
              <TextAreaField name="summary" label={labels.summary!} errors={errors} value={values.summary} required />
              {kpis!.map((kpi, i) =>
                kpi.measurable ? (
                  <TextField key={kpiField(i)} name={kpiField(i)} label={t('tasks.report.figureLabel', { kpi: kpi.name })} description={kpi.definition} errors={errors} value={values[kpiField(i)]} inputMode="decimal" required />
                ) : (
                  <TextAreaField key={kpiField(i)} name={kpiField(i)} label={t('tasks.report.storyLabel', { kpi: kpi.name })} description={kpi.definition} errors={errors} value={values[kpiField(i)]} required />
                ),
              )}
              <TextAreaField name="attachments" label={labels.attachments!} description={t('tasks.report.attachmentsHelp')} errors={errors} value={values.attachments} rows={3} />
              <div className="regie-form-actions">
                <SubmitButton>{t('tasks.report.submit')}</SubmitButton>
              </div>
            </>
          ) : (
            <>
              <h2 className="utrecht-heading-2">{t('tasks.completeTitle')}</h2>
              <TextField name="outcome" label={labels.outcome!} errors={errors} value={values.outcome} required />
              <TextAreaField name="note" label={labels.note!} errors={errors} value={values.note} />
              <div className="regie-form-actions">
                <SubmitButton>{t('tasks.completeSubmit')}</SubmitButton>
              </div>
            </>
          )}
        </form>
      ) : null}
    </Layout>
  );
}

/** The supplementary assignments this report covers besides the KPIs (their reporting is folded into the conversation). */
function FoldedAssignments({ assignments }: { assignments: FoldedAssignment[] }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="folded-assignments">
      <h3 className="utrecht-heading-3" id="folded-assignments">
        {t('tasks.report.foldedTitle')}
      </h3>
      <p className="utrecht-paragraph">{t('tasks.report.foldedIntro')}</p>
      <ul className="utrecht-unordered-list">
        {assignments.map((a) => (
          <li className="utrecht-unordered-list__item" key={a.id}>
            {t('tasks.report.foldedItem', { title: a.title, goal: a.goal, from: formatDate(a.periodFrom, locale), to: formatDate(a.periodTo, locale) })}
            {a.bundleId ? ` ${t('tasks.report.foldedBundled', { bundle: a.bundleId })}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Tasks of supplementary assignments that are completed by their decision (vetting, confirmation, ...), on the contract's supplementary page. */
function decidedElsewhere(kind: string): boolean {
  return (SUPPLEMENTARY_DECISION_TASKS as readonly string[]).includes(kind);
}
