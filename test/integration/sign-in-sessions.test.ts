import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../../api/auth/csrf';
import { hashSecretToken } from '../../api/auth/secret-tokens';
import { SESSION_COOKIE, SESSION_LIFETIME_MS } from '../../api/auth/sessions';
import { issueSignInLink } from '../../api/auth/sign-in-links';
import { buildApi } from '../../api/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { cookieHeader, cookiesSetBy, csrfPair, personWithRoles, sessionFor } from '../helpers/sessions';

// Sessions: the cookie's attributes, signing out, and CSRF on requests a session cookie authenticates.

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let secureApi: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  temporal = new Client(); // lazy: these routes never use it
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  secureApi = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused', publicUrl: 'https://regie.zaanstad.nl' }, { logger: false });
});

afterAll(async () => {
  await api?.close();
  await secureApi?.close();
  await temporal?.connection.close();
  await db?.drop();
});

const me = (app: FastifyInstance, cookie: string) => app.inject({ method: 'GET', url: '/me', headers: { cookie } });

/** Signs in through a sign-in link, as a browser does; the cookies the answer sets. */
async function signInByLink(app: FastifyInstance, email: string) {
  const token = await issueSignInLink(db.prisma, email, undefined);
  const csrf = await csrfPair(app);
  const response = await app.inject({
    method: 'POST',
    url: '/auth/email-link/confirm',
    headers: { cookie: cookieHeader(csrf.cookies), [CSRF_HEADER]: csrf.token },
    payload: { token },
  });
  expect(response.statusCode).toBe(303);
  return response;
}

describe('sessions', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, Path=/, expires after 12 hours, and its row holds only the hash', async () => {
    await personWithRoles(db.prisma, 'sessie@zaanstad.nl');
    const started = Date.now();
    const response = await signInByLink(api, 'sessie@zaanstad.nl');
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const expires = (cookie?.expires as Date).getTime();
    expect(expires).toBeGreaterThanOrEqual(Math.floor((started + SESSION_LIFETIME_MS) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + SESSION_LIFETIME_MS);
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: hashSecretToken(cookie?.value ?? '') } });
    expect(row.data).toEqual({ method: 'emailLink' });
    expect(Math.abs(row.expiresAt.getTime() - expires)).toBeLessThan(1_000);
    expect(await db.prisma.session.count({ where: { id: cookie?.value } })).toBe(0);
  });

  it("signing in again in the same browser ends the browser's previous session", async () => {
    const person = await personWithRoles(db.prisma, 'opnieuw@zaanstad.nl');
    const earlier = await sessionFor(api, db.prisma, person.id);
    const token = await issueSignInLink(db.prisma, 'opnieuw@zaanstad.nl', undefined);
    const response = await api.inject({ method: 'POST', url: '/auth/email-link/confirm', headers: { ...earlier }, payload: { token } });
    expect(response.statusCode).toBe(303);
    expect((await me(api, earlier.cookie)).statusCode).toBe(401);
    expect(await db.prisma.session.count({ where: { personId: person.id } })).toBe(1);
    const fresh = cookiesSetBy(response)[SESSION_COOKIE] ?? '';
    expect((await me(api, `${SESSION_COOKIE}=${fresh}`)).statusCode).toBe(200);
  });

  it('with PUBLIC_URL on https the session and CSRF cookies are Secure', async () => {
    await personWithRoles(db.prisma, 'veilig@zaanstad.nl');
    const response = await signInByLink(secureApi, 'veilig@zaanstad.nl');
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ secure: true, httpOnly: true });
    const csrf = await secureApi.inject({ method: 'GET', url: '/auth/csrf-token' });
    expect(csrf.cookies.find((c) => c.name === CSRF_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });

  it('signing out without the CSRF token is refused (403) and the session lives on; with it, the session ends', async () => {
    const person = await personWithRoles(db.prisma, 'afmelden@zaanstad.nl', [{ role: 'manager', organisation: 'Gemeente Zaanstad' }]);
    const session = await sessionFor(api, db.prisma, person.id);

    const refused = await api.inject({ method: 'POST', url: '/auth/sign-out', headers: { cookie: session.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/CSRF/);
    expect((await me(api, session.cookie)).statusCode).toBe(200);
    expect(await db.prisma.session.count({ where: { personId: person.id } })).toBe(1);

    const signedOut = await api.inject({ method: 'POST', url: '/auth/sign-out', headers: { ...session } });
    expect(signedOut.statusCode).toBe(204);
    const cleared = signedOut.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expect((cleared?.expires as Date).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db.prisma.session.count({ where: { personId: person.id } })).toBe(0);
    expect((await me(api, session.cookie)).statusCode).toBe(401);
  });

  it('a form post carries the token in field _csrf, and signing out by form redirects to the sign-in page', async () => {
    const person = await personWithRoles(db.prisma, 'formulier@zaanstad.nl');
    const session = await sessionFor(api, db.prisma, person.id);
    const response = await api.inject({
      method: 'POST',
      url: '/auth/sign-out',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session[CSRF_HEADER] }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inloggen?afgemeld=1');
    expect((await me(api, session.cookie)).statusCode).toBe(401);
  });

  it('a page that asks for the CSRF token twice on a first visit gets one token, and it verifies', async () => {
    const app = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
    try {
      app.get('/two-forms', { schema: { hide: true } }, async (_request, reply) => ({ first: csrfTokenFor(reply), second: csrfTokenFor(reply) }));
      const page = await app.inject({ method: 'GET', url: '/two-forms' });
      const { first, second } = page.json();
      expect(second).toBe(first);
      expect(page.cookies.filter((c) => c.name === CSRF_COOKIE)).toHaveLength(1);
      const person = await personWithRoles(db.prisma, 'tweeformulieren@zaanstad.nl');
      const session = await sessionFor(app, db.prisma, person.id);
      const cookie = session.cookie.replace(/regie_csrf=[^;]*/, `${CSRF_COOKIE}=${cookiesSetBy(page)[CSRF_COOKIE]}`);
      expect((await app.inject({ method: 'POST', url: '/auth/sign-out', headers: { cookie, [CSRF_HEADER]: first } })).statusCode).toBe(204);
    } finally {
      await app.close();
    }
  });

  it("a CSRF token from another browser's cookie is refused", async () => {
    const person = await personWithRoles(db.prisma, 'anderebrowser@zaanstad.nl');
    const session = await sessionFor(api, db.prisma, person.id);
    const other = await csrfPair(api);
    const response = await api.inject({ method: 'POST', url: '/auth/sign-out', headers: { cookie: session.cookie, [CSRF_HEADER]: other.token } });
    expect(response.statusCode).toBe(403);
    expect((await me(api, session.cookie)).statusCode).toBe(200);
  });

  it('without a mailer (no SMTP configured) a sign-in link cannot be asked for: 503, whatever the address', async () => {
    await personWithRoles(db.prisma, 'zonderpost@zaanstad.nl');
    const csrf = await csrfPair(api);
    for (const email of ['zonderpost@zaanstad.nl', 'onbekend@zaanstad.nl']) {
      const response = await api.inject({ method: 'POST', url: '/auth/email-link', headers: { cookie: cookieHeader(csrf.cookies), [CSRF_HEADER]: csrf.token }, payload: { email } });
      expect(response.statusCode).toBe(503);
      expect(response.json().message).toMatch(/SMTP_URL/);
    }
    expect(await db.prisma.signInLink.count({ where: { email: 'zonderpost@zaanstad.nl' } })).toBe(0);
  });

  it('the OpenAPI document describes the sign-in routes, with form posts, under tag auth', async () => {
    const document = (await api.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations: [string, string][] = [
      ['/auth/email-link', 'post'],
      ['/auth/email-link/confirm', 'post'],
      ['/auth/sign-out', 'post'],
      ['/me', 'get'],
      ['/auth/oidc/login', 'get'],
      ['/organisations/{organisationId}/api-tokens', 'post'],
    ];
    for (const [path, method] of operations) {
      expect(document.paths[path][method].tags).toEqual(['auth']);
    }
    expect(Object.keys(document.paths['/auth/email-link'].post.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
  });

  it('GET /me: 401 when anonymous; the roles held today only', async () => {
    expect((await api.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
    const person = await personWithRoles(db.prisma, 'rollen@zaanstad.nl', [
      { role: 'contractManager', organisation: 'Gemeente Zaanstad' },
      { role: 'contractManager', organisation: 'Gemeente Oostzaan', validUntil: '2010-06-30' },
      { role: 'manager', organisation: 'Gemeente Zaanstad', validFrom: '2998-01-01', validUntil: '2999-01-01' },
    ]);
    const session = await sessionFor(api, db.prisma, person.id);
    const response = await me(api, session.cookie);
    expect(response.json()).toEqual({
      kind: 'person',
      id: person.id,
      name: 'rollen',
      email: 'rollen@zaanstad.nl',
      locale: 'nl',
      holdings: [{ role: 'contractManager', organisation: 'Gemeente Zaanstad' }],
    });
    expect(cookiesSetBy(response)[SESSION_COOKIE]).toBeUndefined();
  });
});
