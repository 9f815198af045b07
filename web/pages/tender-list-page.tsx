/** The tenders a person sees, newest first. */
import type { listTenders } from '../../api/services/tenders';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import { formatDate } from '../format';
import { usePage } from '../page-context';

type TenderRow = Awaited<ReturnType<typeof listTenders>>[number];

export function TenderListPage({ tenders, mayLaunch, more }: { tenders: TenderRow[]; mayLaunch: boolean; more?: string }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('tenders.list.title')}>
      {mayLaunch ? (
        <p className="utrecht-paragraph">
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/aanbestedingen/nieuw">
            {t('tenders.list.launch')}
          </a>
        </p>
      ) : null}
      <Table
        caption={t('tenders.list.caption')}
        rows={tenders}
        rowKey={(r) => r.id}
        empty={t('tenders.list.empty')}
        columns={[
          {
            header: t('tenders.list.name'),
            rowHeader: true,
            cell: (r) => (
              <a className="utrecht-link" href={`/aanbestedingen/${encodeURIComponent(r.id)}`}>
                {r.title}
              </a>
            ),
          },
          { header: t('tenders.list.lead'), cell: (r) => r.leadOrganisation },
          { header: t('tenders.list.phase'), cell: (r) => t(`phases.${r.phase}`, { defaultValue: r.phase }) },
          { header: t('tenders.list.contractStart'), cell: (r) => formatDate(r.contractStart, locale) },
        ]}
      />
      {more ? (
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={more}>
            {t('tenders.list.more')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
