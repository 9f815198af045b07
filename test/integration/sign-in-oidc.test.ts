import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { OIDC_COOKIE } from '../../api/auth/oidc-routes';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { buildApi } from '../../api/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { signInAt, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { personWithRoles } from '../helpers/sessions';

// Signing in with OpenID Connect against a real OpenID provider (oidc-provider) on loopback: the
// authorization-code flow with PKCE, state and nonce, completed by HTTP as a browser would.

const PUBLIC_URL = 'http://regie.test';
const REDIRECT_URI = `${PUBLIC_URL}/auth/oidc/callback`;
let db: TestDatabase;
let temporal: Client;
let provider: TestOidcProvider;
let api: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  provider = await startOidcProvider(REDIRECT_URI, {
    inkoper: { email: 'Inkoper@Zaanstad.nl', email_verified: true, name: 'Ida Inkoper' },
    vreemde: { email: 'vreemde@example.org', email_verified: true },
    onbevestigd: { email: 'onbevestigd@zaanstad.nl', email_verified: false },
    zonderadres: { name: 'Zonder Adres' },
  });
  temporal = new Client(); // lazy: these routes never use it
  api = await buildApi(
    { prisma: db.prisma, temporal, taskQueue: 'unused', publicUrl: PUBLIC_URL, oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret } },
    { logger: false },
  );
  await personWithRoles(db.prisma, 'inkoper@zaanstad.nl', [{ role: 'procurementOfficer', organisation: 'Gemeente Zaanstad' }], { name: 'Ida Inkoper' });
  await personWithRoles(db.prisma, 'onbevestigd@zaanstad.nl', [{ role: 'manager', organisation: 'Gemeente Zaanstad' }]);
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await provider?.stop();
  await db?.drop();
});

/** regie's login: the provider's URL and the attempt cookie the browser keeps. */
async function startLogin(returnTo?: string) {
  const response = await api.inject({ method: 'GET', url: `/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}` });
  expect(response.statusCode).toBe(303);
  const attempt = response.cookies.find((c) => c.name === OIDC_COOKIE);
  expect(attempt).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth/oidc' });
  return { authorizationUrl: String(response.headers.location), cookie: `${OIDC_COOKIE}=${attempt?.value}` };
}

function callback(url: URL, cookie: string) {
  return api.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { cookie } });
}

describe('sign-in with OpenID Connect', () => {
  it('signs a known person in by the email claim: a session whose GET /me shows the person', async () => {
    const { authorizationUrl, cookie } = await startLogin('/aanbestedingen');
    const authorization = new URL(authorizationUrl);
    expect(authorization.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      client_id: 'regie',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    for (const parameter of ['state', 'nonce', 'code_challenge']) expect(authorization.searchParams.get(parameter)).toMatch(/^[\w-]{43}$/);

    const back = await signInAt(authorizationUrl, 'inkoper', REDIRECT_URI);
    const response = await callback(back, cookie);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/aanbestedingen');
    const session = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(response.cookies.find((c) => c.name === OIDC_COOKIE)?.value).toBe(''); // the attempt is cleared

    const me = await api.inject({ method: 'GET', url: '/me', headers: { cookie: `${SESSION_COOKIE}=${session?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'person',
      email: 'inkoper@zaanstad.nl',
      name: 'Ida Inkoper',
      holdings: [{ role: 'procurementOfficer', organisation: 'Gemeente Zaanstad' }],
    });
    const row = await db.prisma.session.findFirstOrThrow({ where: { person: { email: 'inkoper@zaanstad.nl' } } });
    expect(row.data).toEqual({ method: 'oidc' });

    // The code is used once: the same callback again is refused.
    expect((await callback(back, cookie)).statusCode).toBe(400);
  });

  it('a person who is not in the role directory is refused (403) and gets no session', async () => {
    const { authorizationUrl, cookie } = await startLogin();
    const response = await callback(await signInAt(authorizationUrl, 'vreemde', REDIRECT_URI), cookie);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/niet bekend in de rollenlijst.*beheerder van uw organisatie/);
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

    // A browser back from the provider sees the refusal as a page, with the way back to signing in.
    const again = await startLogin();
    const back = await signInAt(again.authorizationUrl, 'vreemde', REDIRECT_URI);
    const page = await api.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: again.cookie, accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toMatch(/niet bekend in de rollenlijst/);
    expect(page.body).toContain('<a href="/inloggen">');
  });

  it('an email the provider says is not verified, or no email at all, is refused (403)', async () => {
    for (const login of ['onbevestigd', 'zonderadres']) {
      const { authorizationUrl, cookie } = await startLogin();
      const response = await callback(await signInAt(authorizationUrl, login, REDIRECT_URI), cookie);
      expect(response.statusCode).toBe(403);
      expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
    expect(await db.prisma.session.count({ where: { person: { email: 'onbevestigd@zaanstad.nl' } } })).toBe(0);
  });

  it('a tampered state is refused, and so is a callback without the attempt cookie or with another browser’s', async () => {
    const { authorizationUrl, cookie } = await startLogin();
    const back = await signInAt(authorizationUrl, 'inkoper', REDIRECT_URI);
    const sessions = await db.prisma.session.count();

    const tampered = new URL(back);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const refused = await callback(tampered, cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues).toEqual([expect.objectContaining({ field: 'state' })]);

    expect((await callback(back, '')).statusCode).toBe(400);
    const other = await startLogin();
    expect((await callback(back, other.cookie)).statusCode).toBe(400);
    expect(await db.prisma.session.count()).toBe(sessions);
  });

  it('a returnTo on another host is refused before anything starts', async () => {
    const response = await api.inject({ method: 'GET', url: `/auth/oidc/login?returnTo=${encodeURIComponent('//evil.example/')}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([expect.objectContaining({ field: 'returnTo' })]);
  });

  it('an identity provider that cannot be reached gives 503 with Retry-After, and a later attempt discovers it again', async () => {
    const unreachable = await buildApi(
      { prisma: db.prisma, temporal, taskQueue: 'unused', publicUrl: PUBLIC_URL, oidc: { issuer: 'http://127.0.0.1:9', clientId: 'regie', clientSecret: 'x' } },
      { logger: false },
    );
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await unreachable.inject({ method: 'GET', url: '/auth/oidc/login' });
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe('30');
        expect(response.json().message).toMatch(/identiteitsprovider is niet bereikbaar/);
      }
    } finally {
      await unreachable.close();
    }
  });

  it('without OIDC configured, its routes answer 404', async () => {
    const plain = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
    try {
      expect((await plain.inject({ method: 'GET', url: '/auth/oidc/login' })).statusCode).toBe(404);
      expect((await plain.inject({ method: 'GET', url: '/auth/oidc/callback?code=x&state=y' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
