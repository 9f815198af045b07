/** A person's calendar feeds: a secret address for their calendar app, made, listed and revoked here. */
import { CsrfField } from '../components/csrf-field';
import { Alert } from '../components/feedback';
import { SubmitButton } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import { formatDateTime } from '../format';
import { usePage } from '../page-context';

export interface CalendarFeedRow {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

export function CalendarPage({ feeds, newUrl, revoked }: { feeds: CalendarFeedRow[]; newUrl?: string; revoked?: boolean }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('calendar.title')}>
      {newUrl ? (
        <Alert type="ok">
          <p className="utrecht-paragraph">{t('calendar.made')}</p>
          <label className="utrecht-form-label" htmlFor="agenda-link">
            {t('calendar.url')}
          </label>
          <input className="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only" id="agenda-link" type="text" readOnly value={newUrl} />
        </Alert>
      ) : null}
      {revoked ? <Alert type="ok">{t('calendar.revoked')}</Alert> : null}
      <p className="utrecht-paragraph">{t('calendar.intro')}</p>
      <form method="post" action="/agenda">
        <CsrfField />
        <div className="regie-form-actions">
          <SubmitButton>{t('calendar.make')}</SubmitButton>
        </div>
      </form>
      <Table
        caption={t('calendar.caption')}
        rows={feeds}
        rowKey={(f) => f.id}
        empty={t('calendar.empty')}
        columns={[
          { header: t('calendar.created'), rowHeader: true, cell: (f) => formatDateTime(f.createdAt, locale) },
          { header: t('status.label'), cell: (f) => (f.revokedAt ? t('calendar.revokedAt', { date: formatDateTime(f.revokedAt, locale) }) : t('calendar.active')) },
          {
            header: t('calendar.revoke'),
            cell: (f) =>
              f.revokedAt ? (
                ''
              ) : (
                <form method="post" action={`/agenda/${encodeURIComponent(f.id)}/intrekken`}>
                  <CsrfField />
                  <button type="submit" className="utrecht-button utrecht-button--secondary-action" aria-label={t('calendar.revokeLabel', { date: formatDateTime(f.createdAt, locale) })}>
                    {t('calendar.revoke')}
                  </button>
                </form>
              ),
          },
        ]}
      />
    </Layout>
  );
}
