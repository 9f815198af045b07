import { tokenRoleIssues, tokenRolesFor } from '../../api/auth/api-token-roles';
import { emailAddressSchema } from '../../api/auth/email-address';
import { holdingsOf, todayInNetherlands } from '../../api/auth/holdings';
import { safeReturnTo, unsafeReturnToReason } from '../../api/auth/return-to';
import { cookiesAreSecure, oidcSettingsOf } from '../../api/auth/sign-in-settings';
import { signInMail } from '../../api/auth/sign-in-mail';
import { loadEnv, publicUrlOf, trustProxyOf } from '../../config/env';
import { commissionerRoles, providerRoles } from '../../domain/glossary';

describe('returnTo after signing in', () => {
  // Percent-encoded characters stay encoded in the Location header: a path like any other.
  it.each(['/', '/aanbestedingen', '/contracten/c-1?jaar=2027#tijdlijn', '/mijn-taken?q=a//b', '/a:b', '/%0d%0a'])('accepts the path %s', (path) => {
    expect(unsafeReturnToReason(path)).toBeUndefined();
    expect(safeReturnTo(path)).toBe(path);
  });

  it.each([
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    'aanbestedingen',
    '',
    '/\tevil',
    '/\r\nLocation: https://evil.example',
  ])('refuses %j, and falls back to /', (value) => {
    expect(unsafeReturnToReason(value)).toBeDefined();
    expect(safeReturnTo(value)).toBe('/');
  });

  it('refuses a path longer than 2000 characters', () => {
    expect(unsafeReturnToReason(`/${'a'.repeat(2000)}`)).toMatch(/at most 2000/);
  });

  it('null and undefined lead to /', () => {
    expect(safeReturnTo(null)).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
  });
});

describe('roles of an API token', () => {
  it("are the kind's roles: provider roles for a provider, commissioner roles otherwise", () => {
    expect(tokenRolesFor('provider')).toEqual(providerRoles);
    expect(tokenRolesFor('municipality')).toEqual(commissionerRoles);
    expect(tokenRolesFor('purchasingBody')).toEqual(commissionerRoles);
    expect(tokenRoleIssues('provider', ['contractContact', 'director'])).toEqual([]);
    expect(tokenRoleIssues('purchasingBody', ['procurementOfficer'])).toEqual([]);
  });

  it('names each role that does not fit by its index, and never allows administrator', () => {
    expect(tokenRoleIssues('provider', ['teamLead', 'procurementOfficer', 'administrator'])).toEqual([
      { field: 'roles.1', message: expect.stringMatching(/procurementOfficer is not a role of a provider/) },
      { field: 'roles.2', message: expect.stringMatching(/never given to an API token/) },
    ]);
    expect(tokenRoleIssues('municipality', ['administrator', 'teamLead']).map((i) => i.field)).toEqual(['roles.0', 'roles.1']);
  });
});

describe('the roles held today', () => {
  it('today is the date in the Netherlands, not in UTC', () => {
    expect(todayInNetherlands(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(todayInNetherlands(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01'); // CET, UTC+1
    expect(todayInNetherlands(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(todayInNetherlands(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01'); // CEST, UTC+2
  });

  it('holdings leave out duplicates and roles the glossary no longer has', () => {
    expect(
      holdingsOf([
        { role: 'manager', organisationId: 'Gemeente Zaanstad' },
        { role: 'manager', organisationId: 'Gemeente Zaanstad' },
        { role: 'retiredRole', organisationId: 'Gemeente Zaanstad' },
        { role: 'manager', organisationId: 'Gemeente Oostzaan' },
      ]),
    ).toEqual([
      { role: 'manager', organisation: 'Gemeente Zaanstad' },
      { role: 'manager', organisation: 'Gemeente Oostzaan' },
    ]);
  });
});

describe('email addresses', () => {
  it('are trimmed and lower case; anything else is refused', () => {
    expect(emailAddressSchema.parse('  Ineke.Inkoop@Zaanstad.NL ')).toBe('ineke.inkoop@zaanstad.nl');
    for (const value of ['', 'geen adres', 'a@', '@zaanstad.nl']) expect(emailAddressSchema.safeParse(value).success).toBe(false);
  });
});

describe('the sign-in mail', () => {
  it('is Dutch by default, with the link and its lifetime', () => {
    const mail = signInMail({ name: 'Ineke', link: 'https://regie.zaanstad.nl/inloggen/link?token=t', locale: 'nl', minutes: 15 });
    expect(mail.subject).toBe('Uw inloglink voor regie');
    expect(mail.text).toContain('Beste Ineke,');
    expect(mail.text).toContain('https://regie.zaanstad.nl/inloggen/link?token=t');
    expect(mail.text).toContain('15 minuten geldig');
  });

  it('is English for a person who chose English, and greets without a name', () => {
    const mail = signInMail({ name: null, link: 'L', locale: 'en', minutes: 15 });
    expect(mail.subject).toBe('Your sign-in link for regie');
    expect(mail.text.startsWith('Hello,')).toBe(true);
    expect(mail.text).toContain('for 15 minutes');
  });
});

describe('sign-in configuration', () => {
  it('PUBLIC_URL defaults to http://127.0.0.1:PORT; cookies are Secure on https only', () => {
    expect(publicUrlOf(loadEnv({ PORT: '4000' }))).toBe('http://127.0.0.1:4000');
    expect(publicUrlOf(loadEnv({ PUBLIC_URL: 'https://regie.zaanstad.nl/' }))).toBe('https://regie.zaanstad.nl');
    expect(() => loadEnv({ PUBLIC_URL: 'regie.zaanstad.nl' })).toThrow(/PUBLIC_URL: must be a URL starting with http:\/\/ or https:\/\//);
    expect(cookiesAreSecure('https://regie.zaanstad.nl')).toBe(true);
    expect(cookiesAreSecure('http://127.0.0.1:3000')).toBe(false);
  });

  it('TRUST_PROXY is a number of hops or a list of addresses and ranges', () => {
    expect(trustProxyOf(loadEnv({}))).toBe(false);
    const twoHops = trustProxyOf(loadEnv({ TRUST_PROXY: '2' }));
    expect(typeof twoHops === 'function' && [0, 1, 2].map((hop) => twoHops('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(trustProxyOf(loadEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }))).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY: must be a number of proxies/);
  });

  it('OIDC needs all three variables or none', () => {
    expect(oidcSettingsOf(loadEnv({}))).toBeUndefined();
    const env = loadEnv({ OIDC_ISSUER: 'https://login.zaanstad.nl', OIDC_CLIENT_ID: 'regie', OIDC_CLIENT_SECRET: 's3cret' });
    expect(oidcSettingsOf(env)).toEqual({ issuer: 'https://login.zaanstad.nl', clientId: 'regie', clientSecret: 's3cret' });
    expect(() => loadEnv({ OIDC_ISSUER: 'https://login.zaanstad.nl' })).toThrow(/OIDC_CLIENT_ID: must be set too[\s\S]*OIDC_CLIENT_SECRET: must be set too/);
    expect(() => loadEnv({ OIDC_CLIENT_SECRET: 's3cret', OIDC_CLIENT_ID: ' ' })).toThrow(/OIDC_ISSUER: must be set too/);
  });
});
