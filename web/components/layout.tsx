/**
 * The frame of every page: skip link, header with the language switch and sign-out, the menu of the
 * person's places, the main content, footer. NL Design System (Utrecht) classes throughout.
 */
import type { ReactNode } from 'react';
import { placesOf, places } from '../navigation';
import { usePage } from '../page-context';
import { CsrfField } from './csrf-field';

export const MAIN_ID = 'inhoud';

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { t, locale, principal, mailCaptureEnabled } = usePage();
  const menu = principal ? placesOf(principal) : [];
  if (mailCaptureEnabled) menu.push(places.mail);
  return (
    <html lang={locale} className="utrecht-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · regie`}</title>
        <link rel="stylesheet" href="/assets/utrecht/design-tokens.css" />
        <link rel="stylesheet" href="/assets/utrecht/components.css" />
        <link rel="stylesheet" href="/assets/regie.css" />
      </head>
      <body className="utrecht-page-body utrecht-document">
        <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href={`#${MAIN_ID}`}>
          {t('layout.skipLink')}
        </a>
        <div className="utrecht-page">
          <header className="utrecht-page-header regie-header">
            <div className="utrecht-page-header__content regie-header__content">
              <a className="utrecht-link regie-brand" href="/">
                regie
              </a>
              <div className="regie-header__tools">
                <LanguageSwitch />
                {principal ? <SignOut /> : null}
              </div>
            </div>
          </header>
          {menu.length > 0 ? (
            <nav className="utrecht-nav-bar regie-nav" aria-label={t('layout.menu')}>
              <ul className="utrecht-nav-list" role="list">
                {menu.map((place) => (
                  <li className="utrecht-nav-list__item" key={place.path}>
                    <a className="utrecht-nav-list__link" href={place.path}>
                      {t(place.labelKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <main id={MAIN_ID} className="utrecht-page-content regie-main" tabIndex={-1}>
            <h1 className="utrecht-heading-1">{title}</h1>
            {children}
          </main>
          <footer className="utrecht-page-footer">
            <div className="utrecht-page-footer__content">
              <p className="utrecht-paragraph">{t('layout.footer')}</p>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}

function LanguageSwitch() {
  const { t, locale, path } = usePage();
  const other = locale === 'nl' ? 'en' : 'nl';
  return (
    <a className="utrecht-link" href={`/taal/${other}?terug=${encodeURIComponent(path)}`} lang={other} hrefLang={other}>
      {t('layout.otherLanguage')}
    </a>
  );
}

function SignOut() {
  const { t, principal } = usePage();
  return (
    <form method="post" action="/auth/sign-out" className="regie-sign-out">
      <CsrfField />
      <span className="regie-signed-in-as">{t('layout.signedInAs', { name: principal?.name ?? '' })}</span>{' '}
      <button type="submit" className="utrecht-button utrecht-button--secondary-action">
        {t('layout.signOut')}
      </button>
    </form>
  );
}
