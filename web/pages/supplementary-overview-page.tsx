/**
 * Supplementary assignments across a commissioner's contracts, in numbers (db/supplementary-overview.ts):
 * where requests come from and which reached the provider outside the contract line (side-steering), per
 * theme and status, and the flexible amount per year. For the commissioner's contract managers and managers.
 */
import type { SupplementaryOverview } from '../../db/supplementary-overview';
import { SelectField, SubmitButton, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import { formatEuros } from '../format';
import { usePage } from '../page-context';

export interface SupplementaryOverviewPageProps {
  overview: SupplementaryOverview;
  commissioner: string;
  year?: number;
  /** The organisations whose overviews the principal reads. */
  organisations: string[];
}

export function SupplementaryOverviewPage({ overview, commissioner, year, organisations }: SupplementaryOverviewPageProps) {
  const { t, locale } = usePage();
  const s = (key: string, options?: Record<string, unknown>) => t(`supplementary.${key}`, options);
  const o = (key: string, options?: Record<string, unknown>) => s(`overview.${key}`, options);
  const euros = (cents: number | null) => (cents === null ? s('none') : formatEuros(cents, locale));
  const count = { header: o('count'), numeric: true, cell: (r: { count: number }) => String(r.count) };
  const total = { header: o('total'), numeric: true, cell: (r: { totalCents: number }) => euros(r.totalCents) };
  return (
    <Layout title={o('title')}>
      <form method="get" action="/overzicht/aanvullende-opdrachten" className="regie-filters" role="search" aria-label={o('filters')}>
        <SelectField name="commissioner" label={o('commissioner')} value={commissioner} options={organisations.map((org) => ({ value: org, label: org }))} />
        <TextField name="year" label={o('year')} description={o('yearHelp')} value={year === undefined ? '' : String(year)} inputMode="numeric" />
        <div className="regie-form-actions">
          <SubmitButton secondary>{o('apply')}</SubmitButton>
        </div>
      </form>
      <p className="utrecht-paragraph" data-testid="supplementary-totals">
        {o('totals', { count: overview.assignments.count, total: euros(overview.assignments.totalCents), commissioner })}
      </p>
      <p className="utrecht-paragraph" data-testid="supplementary-side-steering">
        {o('sideSteering', { count: overview.sideSteering.count })}
      </p>

      <Table
        caption={o('bySourceCaption')}
        rows={overview.bySource}
        rowKey={(r) => `${r.kind}:${r.name}`}
        empty={o('empty')}
        columns={[
          { header: s('columns.source'), rowHeader: true, cell: (r) => `${s(`sources.${r.kind}`)}: ${r.name}` },
          count,
          total,
          { header: s('columns.sideSteering'), numeric: true, cell: (r) => String(r.sideSteering) },
        ]}
      />
      <Table caption={o('byThemeCaption')} rows={overview.byTheme} rowKey={(r) => r.theme} empty={o('empty')} columns={[{ header: s('columns.theme'), rowHeader: true, cell: (r) => r.theme }, count, total]} />
      <Table
        caption={o('byStatusCaption')}
        rows={overview.byStatus.filter((r) => r.count > 0)}
        rowKey={(r) => r.status}
        empty={o('empty')}
        columns={[{ header: s('columns.status'), rowHeader: true, cell: (r) => s(`statuses.${r.status}`) }, count, total]}
      />
      <Table
        caption={o('sideSteeringCaption')}
        rows={overview.sideSteering.bySource}
        rowKey={(r) => `${r.kind}:${r.name}`}
        empty={o('noSideSteering')}
        columns={[{ header: s('columns.source'), rowHeader: true, cell: (r) => `${s(`sources.${r.kind}`)}: ${r.name}` }, count]}
      />
      <Table
        caption={o('flexibleCaption')}
        rows={overview.flexibleAmount}
        rowKey={(r) => String(r.year)}
        empty={o('noFlexible')}
        columns={[
          { header: o('year'), rowHeader: true, cell: (r) => String(r.year) },
          { header: o('decided'), numeric: true, cell: (r) => euros(r.decidedCents) },
          { header: o('drawn'), numeric: true, cell: (r) => euros(r.drawnCents) },
          { header: o('left'), numeric: true, cell: (r) => euros(r.leftCents) },
        ]}
      />
      <p className="utrecht-paragraph">{o('bundledAndPromoted', { bundled: overview.bundled.count, bundles: overview.bundled.bundles, loose: overview.loose.count, promoted: overview.promoted.count })}</p>
    </Layout>
  );
}
