/** Signing in: by a link sent by email, or through the organisation's identity provider when configured. */
import { Alert, ErrorSummary } from '../components/feedback';
import { CsrfField } from '../components/csrf-field';
import { SubmitButton, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import type { FieldErrors } from '../forms/field-errors';
import { usePage } from '../page-context';

/** What the sign-in endpoints sent the browser back with (api/auth/sign-in-pages.ts). */
export type SignInNotice = 'linkSent' | 'invalidEmail' | 'invalidLink' | 'signedOut' | undefined;

export function SignInPage({ returnTo, notice }: { returnTo: string; notice: SignInNotice }) {
  const { t, oidcEnabled, mailCaptureEnabled } = usePage();
  const errors: FieldErrors = notice === 'invalidEmail' ? { email: t('signIn.invalidEmail') } : {};
  return (
    <Layout title={t('signIn.title')}>
      <ErrorSummary errors={errors} labels={{ email: t('signIn.email') }} />
      {notice === 'linkSent' ? (
        <Alert type="ok">
          {t('signIn.sent')}
          {mailCaptureEnabled ? (
            <>
              {' '}
              <a className="utrecht-link" href="/post">
                {t('signIn.openMail')}
              </a>
            </>
          ) : null}
        </Alert>
      ) : null}
      {notice === 'invalidLink' ? <Alert type="error">{t('signIn.failed')}</Alert> : null}
      {notice === 'signedOut' ? <Alert type="ok">{t('signIn.signedOut')}</Alert> : null}
      <p className="utrecht-paragraph">{t('signIn.intro')}</p>
      <form method="post" action="/auth/email-link" noValidate>
        <CsrfField />
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextField name="email" type="email" label={t('signIn.email')} autoComplete="email" errors={errors} required />
        <div className="regie-form-actions">
          <SubmitButton>{t('signIn.sendLink')}</SubmitButton>
        </div>
      </form>
      {oidcEnabled ? (
        <>
          <h2 className="utrecht-heading-2">{t('signIn.oidcTitle')}</h2>
          <p className="utrecht-paragraph">
            <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`}>
              {t('signIn.oidc')}
            </a>
          </p>
        </>
      ) : null}
    </Layout>
  );
}

/**
 * The page a sign-in link opens: one button that posts the token, so a mail scanner that fetches the
 * link does not use it up.
 */
export function ConfirmSignInPage({ token }: { token: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('signIn.confirmTitle')}>
      <p className="utrecht-paragraph">{t('signIn.confirmIntro')}</p>
      <form method="post" action="/auth/email-link/confirm">
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <div className="regie-form-actions">
          <SubmitButton>{t('signIn.continue')}</SubmitButton>
        </div>
      </form>
    </Layout>
  );
}

/** Signed in, but no role leads to a page (e.g. only an alderman): say so. */
export function NoPlacePage() {
  const { t } = usePage();
  return (
    <Layout title={t('home.title')}>
      <p className="utrecht-paragraph">{t('home.noPlace')}</p>
    </Layout>
  );
}
