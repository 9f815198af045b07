/** The managers' overview: overdue tasks on their organisations' contracts and tenders, with filters; and unowned ones. */
import type { overdueOverview } from '../../api/services/overview';
import type { unownedOverview } from '../../api/services/unowned';
import { StatusBadge } from '../components/feedback';
import { SelectField, SubmitButton, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table, taskTitleColumn } from '../components/table';
import { formatDate } from '../format';
import { usePage } from '../page-context';

type Overview = Awaited<ReturnType<typeof overdueOverview>>;
type Unowned = Awaited<ReturnType<typeof unownedOverview>>;

export interface OverviewFilters {
  commissioner?: string;
  provider?: string;
  kind?: string;
}

export function OverviewPage({ overview, unowned, filters, organisations, kinds, more }: { overview: Overview; unowned: Unowned; filters: OverviewFilters; organisations: string[]; kinds: string[]; more?: string }) {
  const { t, locale } = usePage();
  const kindLabel = (kind: string) => t(`taskKinds.${kind}`, { defaultValue: kind });
  return (
    <Layout title={t('overview.title')}>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/overzicht/aanvullende-opdrachten">
          {t('overview.supplementaryLink')}
        </a>
      </p>
      <form method="get" action="/overzicht" className="regie-filters" role="search" aria-label={t('overview.filters')}>
        <SelectField name="commissioner" label={t('overview.commissioner')} value={filters.commissioner ?? ''} options={[{ value: '', label: t('overview.all') }, ...organisations.map((o) => ({ value: o, label: o }))]} />
        <TextField name="provider" label={t('overview.provider')} value={filters.provider ?? ''} />
        <SelectField name="kind" label={t('overview.kind')} value={filters.kind ?? ''} options={[{ value: '', label: t('overview.all') }, ...kinds.map((k) => ({ value: k, label: kindLabel(k) }))]} />
        <div className="regie-form-actions">
          <SubmitButton secondary>{t('overview.apply')}</SubmitButton>
        </div>
      </form>
      <p className="utrecht-paragraph" data-testid="overdue-total">
        {t('overview.total', { count: overview.totals.overdue, date: formatDate(overview.asOf, locale) })}
      </p>
      <Table
        caption={t('overview.caption')}
        rows={overview.tasks}
        rowKey={(r) => r.id}
        empty={t('overview.empty')}
        columns={[
          taskTitleColumn(t('tasks.task')),
          { header: t('overview.kind'), cell: (r) => kindLabel(r.kind) },
          { header: t('tasks.owner'), cell: (r) => `${t(`roles.${r.owner.role}`, { defaultValue: r.owner.role })}, ${r.owner.organisation}` },
          {
            header: t('tasks.context'),
            cell: (r) =>
              r.contract ? (
                <a className="utrecht-link" href={`/contracten/${encodeURIComponent(r.contract.id)}`}>
                  {r.contract.lotTitle ?? r.contract.id}
                </a>
              ) : r.tender ? (
                <a className="utrecht-link" href={`/aanbestedingen/${encodeURIComponent(r.tender.id)}`}>
                  {r.tender.title ?? r.tender.id}
                </a>
              ) : (
                ''
              ),
          },
          { header: t('tasks.due'), cell: (r) => formatDate(r.dueDate, locale) },
          { header: t('overview.daysOverdue'), numeric: true, cell: (r) => <StatusBadge status="overdue">{t('overview.days', { count: r.daysOverdue })}</StatusBadge> },
          { header: t('overview.escalated'), cell: (r) => (r.escalatedAt ? t('overview.yes') : t('overview.no')) },
        ]}
      />
      {more ? (
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={more}>
            {t('overview.more')}
          </a>
        </p>
      ) : null}
      <UnownedTasks unowned={unowned} />
    </Layout>
  );
}

/** Open tasks whose role nobody holds today: their reminders reach nobody until the role is assigned. */
function UnownedTasks({ unowned }: { unowned: Unowned }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="zonder-houder">
      <h2 className="utrecht-heading-2" id="zonder-houder">
        {t('overview.unownedHeading')}
      </h2>
      <p className="utrecht-paragraph">{t('overview.unownedIntro')}</p>
      <Table
        caption={t('overview.unownedCaption')}
        rows={unowned.tasks}
        rowKey={(r) => r.id}
        empty={t('overview.unownedEmpty')}
        columns={[
          taskTitleColumn(t('tasks.task')),
          { header: t('overview.unownedRole'), cell: (r) => `${t(`roles.${r.owner.role}`, { defaultValue: r.owner.roleLabel })}, ${r.owner.organisation}` },
          { header: t('tasks.due'), cell: (r) => (r.overdue ? <StatusBadge status="overdue">{formatDate(r.dueDate, locale)}</StatusBadge> : formatDate(r.dueDate, locale)) },
        ]}
      />
      {unowned.truncated ? <p className="utrecht-paragraph">{t('overview.unownedMore')}</p> : null}
    </section>
  );
}
