/** The embedded default's mailbox: the mail regie sent (captured, not delivered), sign-in links among it. */
import type { CapturedMail } from '../../mail/capture-server';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import { formatDateTime } from '../format';
import { usePage } from '../page-context';

export function MailListPage({ messages }: { messages: CapturedMail[] }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('mail.title')}>
      <p className="utrecht-paragraph">{t('mail.intro')}</p>
      <Table
        caption={t('mail.caption')}
        rows={messages}
        rowKey={(m) => m.id}
        empty={t('mail.empty')}
        columns={[
          {
            header: t('mail.subject'),
            rowHeader: true,
            cell: (m) => (
              <a className="utrecht-link" href={`/post/${encodeURIComponent(m.id)}`}>
                {m.subject || t('mail.noSubject')}
              </a>
            ),
          },
          { header: t('mail.to'), cell: (m) => m.to.join(', ') },
          { header: t('mail.received'), cell: (m) => formatDateTime(m.receivedAt, locale) },
        ]}
      />
    </Layout>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The text of a mail with its web addresses as links. */
export function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} className="utrecht-link" href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function MailMessagePage({ mail }: { mail: CapturedMail }) {
  const { t, locale } = usePage();
  return (
    <Layout title={mail.subject || t('mail.noSubject')}>
      <dl className="utrecht-data-list utrecht-data-list--rows">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('mail.from')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{mail.fromName ? `${mail.fromName} <${mail.from ?? ''}>` : (mail.from ?? '')}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('mail.to')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{mail.to.join(', ')}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('mail.received')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{formatDateTime(mail.receivedAt, locale)}</dd>
        </div>
      </dl>
      <pre className="regie-mail-body" data-testid="mail-body">
        <LinkedText text={mail.text ?? ''} />
      </pre>
      {mail.attachments.length > 0 ? (
        <>
          <h2 className="utrecht-heading-2">{t('mail.attachments')}</h2>
          <ul className="utrecht-unordered-list">
            {mail.attachments.map((a, i) => (
              <li key={i}>{`${a.filename ?? t('mail.unnamed')} (${a.contentType})`}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/post">
          {t('mail.back')}
        </a>
      </p>
    </Layout>
  );
}
