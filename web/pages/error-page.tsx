import { Layout } from '../components/layout';
import { usePage } from '../page-context';

/**
 * What a refused or failed page shows. A thing of another organisation is "not found", as a missing one
 * (the services answer 404 for it); 403 is for an action the person's roles do not allow on a thing they
 * do see, or a form whose CSRF token expired.
 */
export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const { t } = usePage();
  const key = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 400 ? 'badRequest' : status === 409 ? 'conflict' : status === 503 || status === 504 ? 'unavailable' : 'failed';
  return (
    <Layout title={t(`error.${key}.title`)}>
      <p className="utrecht-paragraph">{t(`error.${key}.text`)}</p>
      {message && status !== 404 && status < 500 ? <p className="utrecht-paragraph">{message}</p> : null}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/">
          {t('error.home')}
        </a>
      </p>
    </Layout>
  );
}
