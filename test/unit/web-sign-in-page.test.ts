/** The sign-in page: the email form always, the organisation's identity provider when configured, the notices of the sign-in endpoints. */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { translatorFor } from '../../web/i18n';
import { PageContextProvider, type PageContext } from '../../web/page-context';
import { safeReturnPath } from '../../web/page-request';
import { SignInPage, type SignInNotice } from '../../web/pages/sign-in-page';

const render = (oidcEnabled: boolean, notice: SignInNotice = undefined) =>
  renderToString(
    createElement(
      PageContextProvider,
      { value: { locale: 'nl', t: translatorFor('nl'), principal: null, path: '/inloggen', csrfToken: 'tok', oidcEnabled, mailCaptureEnabled: false } satisfies PageContext },
      createElement(SignInPage, { returnTo: '/overzicht', notice }),
    ),
  );

describe('SignInPage', () => {
  it('offers the organisation’s identity provider only when OIDC is configured, keeping where to return to', () => {
    expect(render(false)).not.toContain('/auth/oidc/login');
    expect(render(true)).toContain('href="/auth/oidc/login?returnTo=%2Foverzicht"');
  });

  it('shows an invalid address next to the email field and in the summary', () => {
    const html = render(false, 'invalidEmail');
    expect(html).toMatch(/<input [^>]*aria-invalid="true" aria-describedby="veld-email-fout"/);
    expect(html).toContain('<a class="utrecht-link" href="#veld-email">E-mailadres: Vul een geldig e-mailadres in, zoals naam@gemeente.nl.</a>');
  });

  it.each([
    ['linkSent', 'is er een inloglink naartoe gestuurd'],
    ['invalidLink', 'de link is verlopen of al gebruikt'],
    ['signedOut', 'U bent uitgelogd.'],
  ] as const)('says %s', (notice, text) => expect(render(false, notice)).toContain(text));
});

describe('returning after sign-in', () => {
  it.each([
    ['/mijn-taken?aantal=100', '/mijn-taken?aantal=100'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    [undefined, '/'],
  ])('goes to %s as %s', (value, expected) => expect(safeReturnPath(value)).toBe(expected));
});
