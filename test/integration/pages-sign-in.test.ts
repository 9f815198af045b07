/**
 * The pages anyone reaches: the landing page (sign-in when anonymous, the person's own work when signed
 * in), the sign-in link's confirmation, the language switch, the style sheets served from this host, and
 * the captured mail. PostgreSQL only; the Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor } from '../helpers/principals';
import nodemailer from 'nodemailer';
import { createMailer } from '../../mail/transport';
import { cookieHeader, cookiesSetBy, personWithRoles, sessionFor } from '../helpers/sessions';

let db: TestDatabase;
let api: FastifyInstance;
let mail: MailCapture;

beforeAll(async () => {
  db = await createTestDatabase();
  mail = await startMailCapture();
  api = await buildApi({ prisma: db.prisma, temporal: new Client(), taskQueue: 'unused', mailCapture: mail, mailer: createMailer({ smtpUrl: mail.url }) }, { logger: false });
});

afterAll(async () => {
  await api?.close();
  await mail?.stop();
  await db?.drop();
});

describe('landing page', () => {
  it('shows the sign-in form in Dutch to an anonymous visitor, as a complete accessible document', async () => {
    const response = await api.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html.startsWith('<!doctype html><html lang="nl" class="utrecht-theme">')).toBe(true);
    expect(html).toContain('<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Naar de inhoud</a>');
    expect(html).toMatch(/<header[^>]*>/);
    expect(html).toMatch(/<main id="inhoud"/);
    expect(html).toMatch(/<form [^>]*action="\/auth\/email-link" method="post">/);
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[^"]{20,}"\/>/);
    expect(html).toMatch(/<label class="utrecht-form-label" for="veld-email">E-mailadres<\/label>/);
    expect(html).toMatch(/<input [^>]*id="veld-email" type="email"[^>]*name="email"/);
    expect(html).not.toMatch(/(src|href)="https?:\/\//); // nothing from another host
  });

  it.each([
    [['contractContact'], 'provider', '/mijn-taken'],
    [['procurementOfficer', 'contractManager'], 'municipality', '/aanbestedingen'],
    [['contractManager'], 'municipality', '/overzicht'],
    [['manager'], 'municipality', '/overzicht'],
    [['administrator'], 'municipality', '/beheer/rollen'],
    [['alderman'], 'municipality', '/mijn-taken'],
  ] as const)('sends %j of a %s to %s', async (roles, kind, home) => {
    const headers = await apiTokenFor(db.prisma, kind === 'provider' ? 'DOCK' : 'Gemeente Zaanstad', roles, { kind });
    const response = await api.inject({ method: 'GET', url: '/', headers: { ...headers } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(home);
  });

  it('tells someone without any role so, with status 200', async () => {
    const headers = await apiTokenFor(db.prisma, 'Gemeente Zaanstad', []);
    const response = await api.inject({ method: 'GET', url: '/', headers: { ...headers } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('u heeft op dit moment geen rol');
    expect(response.body).not.toContain('href="/mijn-taken"');
  });
});

describe('signing in', () => {
  it('keeps where to return to, and only paths on this site', async () => {
    const back = await api.inject({ method: 'GET', url: '/inloggen?terug=%2Fmijn-taken' });
    expect(back.body).toContain('<input type="hidden" name="returnTo" value="/mijn-taken"/>');
    const elsewhere = await api.inject({ method: 'GET', url: '/inloggen?terug=%2F%2Fevil.example' });
    expect(elsewhere.body).toContain('<input type="hidden" name="returnTo" value="/"/>');
  });

  it('says a link was sent after ?verzonden=1, pointing to the captured mail', async () => {
    const response = await api.inject({ method: 'GET', url: '/inloggen?verzonden=1' });
    expect(response.body).toContain('is er een inloglink naartoe gestuurd');
    expect(response.body).toContain('href="/post"');
  });

  it('opens a sign-in link on a page with one button that posts the token, never using it on GET', async () => {
    const response = await api.inject({ method: 'GET', url: '/inloggen/link?token=abc123' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<form action="/auth/email-link/confirm" method="post">');
    expect(response.body).toContain('<input type="hidden" name="token" value="abc123"/>');
    expect(response.body).toMatch(/<button type="submit"[^>]*>Doorgaan<\/button>/);
  });

  it('refuses a sign-in link page without a token (400)', async () => {
    const response = await api.inject({ method: 'GET', url: '/inloggen/link' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="nl"');
  });
});

describe('signing in through the pages', () => {
  const formPost = (url: string, cookies: Record<string, string>, form: Record<string, string>) =>
    api.inject({ method: 'POST', url, headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

  it('by email link: the form, the link in the captured mail, the button that uses it, then the person’s own page; signing out again', async () => {
    await personWithRoles(db.prisma, 'anna@dock.example', [{ role: 'contractContact', organisation: 'DOCK', kind: 'provider' }], { name: 'Anna de Vries' });
    const form = await api.inject({ method: 'GET', url: '/inloggen?terug=%2Fmijn-taken' });
    const cookies = cookiesSetBy(form);
    const requested = await formPost('/auth/email-link', cookies, { _csrf: csrfOf(form.body), email: 'anna@dock.example', returnTo: '/mijn-taken' });
    expect(requested.statusCode).toBe(303);
    expect(requested.headers.location).toBe('/inloggen?verzonden=1');

    const message = await mail.waitFor((m) => m.to.includes('anna@dock.example'));
    const shown = await api.inject({ method: 'GET', url: `/post/${message.id}` });
    const link = /href="(http:\/\/[^"]+\/inloggen\/link\?token=[^"]+)"/.exec(shown.body)?.[1];
    expect(link).toBeDefined();
    const confirmPage = await api.inject({ method: 'GET', url: new URL(link!.replaceAll('&amp;', '&')).pathname + new URL(link!.replaceAll('&amp;', '&')).search, headers: { cookie: cookieHeader(cookies) } });
    expect(confirmPage.statusCode).toBe(200);
    const token = /name="token" value="([^"]+)"/.exec(confirmPage.body)![1]!;
    const confirmed = await formPost('/auth/email-link/confirm', cookies, { _csrf: csrfOf(confirmPage.body), token });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/mijn-taken');
    const session = { ...cookies, ...cookiesSetBy(confirmed) };

    const home = await api.inject({ method: 'GET', url: '/', headers: { cookie: cookieHeader(session) } });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/mijn-taken');
    const mine = await api.inject({ method: 'GET', url: '/mijn-taken', headers: { cookie: cookieHeader(session) } });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Ingelogd als Anna de Vries');

    const signedOut = await formPost('/auth/sign-out', session, { _csrf: csrfOf(mine.body) });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/inloggen?afgemeld=1');
    expect((await api.inject({ method: 'GET', url: '/mijn-taken', headers: { cookie: cookieHeader(session) } })).statusCode).toBe(303);
    expect((await api.inject({ method: 'GET', url: '/inloggen?afgemeld=1' })).body).toContain('U bent uitgelogd.');
  });

  it('refuses a form posted with a session but without its CSRF token (403), and shows it as such', async () => {
    await personWithRoles(db.prisma, 'bert@zaanstad.example', [{ role: 'administrator', organisation: 'Gemeente Zaanstad' }]);
    const form = await api.inject({ method: 'GET', url: '/inloggen' });
    const cookies = cookiesSetBy(form);
    await formPost('/auth/email-link', cookies, { _csrf: csrfOf(form.body), email: 'bert@zaanstad.example' });
    const message = await mail.waitFor((m) => m.to.includes('bert@zaanstad.example'));
    const token = /token=([A-Za-z0-9_-]+)/.exec(message.text ?? '')![1]!;
    const confirmPage = await api.inject({ method: 'GET', url: `/inloggen/link?token=${token}`, headers: { cookie: cookieHeader(cookies) } });
    const confirmed = await formPost('/auth/email-link/confirm', cookies, { _csrf: csrfOf(confirmPage.body), token });
    const session = { ...cookies, ...cookiesSetBy(confirmed) };
    const refused = await formPost(`/beheer/rollen/toewijzing?organisatie=${encodeURIComponent('Gemeente Zaanstad')}`, session, { email: 'nieuw@zaanstad.example', role: 'manager' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('<h1 class="utrecht-heading-1">Geen toegang</h1>');
    expect(await db.prisma.person.findUnique({ where: { email: 'nieuw@zaanstad.example' } })).toBeNull();
  });
});

describe('calendar feeds', () => {
  it('makes a secret calendar link shown once, lists it without the secret, and revokes it', async () => {
    const person = await personWithRoles(db.prisma, 'carla@zaanstad.example', [{ role: 'contractManager', organisation: 'Gemeente Zaanstad' }]);
    const session = await sessionFor(api, db.prisma, person.id);
    const page = await api.inject({ method: 'GET', url: '/agenda', headers: session });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('U heeft nog geen agenda-link.');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const made = await api.inject({ method: 'POST', url: '/agenda', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(made.statusCode).toBe(201);
    const url = /id="agenda-link" type="text" readOnly="" value="([^"]+)"/.exec(made.body)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/calendar\/regie_ics_[A-Za-z0-9_-]{43}\.ics$/);
    const feedPath = new URL(url!).pathname;
    const feed = await api.inject({ method: 'GET', url: feedPath });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('BEGIN:VCALENDAR');

    const listed = await api.inject({ method: 'GET', url: '/agenda', headers: session });
    expect(listed.body).not.toContain(url!);
    const revokeAction = /action="(\/agenda\/[^"]+\/intrekken)"/.exec(listed.body)![1]!;
    const revoked = await api.inject({ method: 'POST', url: revokeAction, headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/agenda?ingetrokken=1');
    expect((await api.inject({ method: 'GET', url: feedPath })).statusCode).toBe(404);
  });

  it('has none for an API token: no access (403)', async () => {
    const headers = await apiTokenFor(db.prisma, 'Gemeente Zaanstad', ['contractManager']);
    const response = await api.inject({ method: 'GET', url: '/agenda', headers: { ...headers } });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Geen toegang');
  });
});

describe('language', () => {
  it('switches to English with a cookie and back to the page it came from', async () => {
    const switched = await api.inject({ method: 'GET', url: '/taal/en?terug=%2Finloggen' });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/inloggen');
    const cookie = String(switched.headers['set-cookie']);
    expect(cookie).toMatch(/^regie_locale=en;/);
    expect(cookie).toContain('HttpOnly');
    const page = await api.inject({ method: 'GET', url: '/inloggen', headers: { cookie: 'regie_locale=en' } });
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Send me a sign-in link');
    expect(page.body).toContain('href="/taal/nl?terug=%2Finloggen"');
  });

  it('refuses an unknown language (400) and falls back to Dutch on an unknown cookie', async () => {
    expect((await api.inject({ method: 'GET', url: '/taal/fr' })).statusCode).toBe(400);
    const page = await api.inject({ method: 'GET', url: '/inloggen', headers: { cookie: 'regie_locale=fr' } });
    expect(page.body).toContain('<html lang="nl"');
  });
});

describe('an address no page has', () => {
  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it('shows a browser the not-found page in its language (404)', async () => {
    const response = await api.inject({ method: 'GET', url: '/aanbestedinge', headers: browser });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<h1 class="utrecht-heading-1">Niet gevonden</h1>');
    const english = await api.inject({ method: 'GET', url: '/aanbestedinge', headers: { ...browser, cookie: 'regie_locale=en' } });
    expect(english.body).toContain('<h1 class="utrecht-heading-1">Not found</h1>');
  });

  it('answers any other client with the JSON 404, and leaves the routes that exist alone', async () => {
    const response = await api.inject({ method: 'GET', url: '/tenderz', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Route GET:/tenderz not found' });
    expect((await api.inject({ method: 'GET', url: '/health', headers: browser })).json()).toEqual({ status: 'ok' });
    expect((await api.inject({ method: 'GET', url: '/openapi.json', headers: browser })).statusCode).toBe(200);
    expect((await api.inject({ method: 'GET', url: '/docs/static/index.html', headers: browser })).statusCode).not.toBe(404);
  });
});

describe('security headers', () => {
  it.each(['/', '/inloggen/link?token=abc', '/assets/regie.css', '/post'])('send %s with a policy that loads, posts and frames nothing from elsewhere', async (url) => {
    const response = await api.inject({ method: 'GET', url });
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });

  it('leaves the API and its docs to their own headers', async () => {
    expect((await api.inject({ method: 'GET', url: '/health' })).headers['content-security-policy']).toBeUndefined();
  });
});

describe('style sheets', () => {
  it.each(['/assets/utrecht/design-tokens.css', '/assets/utrecht/components.css', '/assets/regie.css'])('serves %s from this host', async (url) => {
    const response = await api.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/css');
    expect(response.body.length).toBeGreaterThan(500);
  });
});

describe('captured mail', () => {
  it('lists the mail newest first and shows a message with its links clickable', async () => {
    const transport = nodemailer.createTransport({ url: mail.url } as never);
    await transport.sendMail({ from: 'noreply@regie.local', to: 'a@zaanstad.nl', subject: 'Eerste', text: 'Hallo' });
    await transport.sendMail({ from: 'noreply@regie.local', to: 'b@zaanstad.nl', subject: 'Uw inloglink', text: 'Log in: http://127.0.0.1:3000/inloggen/link?token=xyz\nTot ziens' });
    await mail.waitFor((m) => m.subject === 'Uw inloglink');
    const list = await api.inject({ method: 'GET', url: '/post' });
    expect(list.statusCode).toBe(200);
    expect(list.body.indexOf('Uw inloglink')).toBeLessThan(list.body.indexOf('Eerste'));
    const id = mail.messages().find((m) => m.subject === 'Uw inloglink')!.id;
    const message = await api.inject({ method: 'GET', url: `/post/${id}` });
    expect(message.body).toContain('<a class="utrecht-link" href="http://127.0.0.1:3000/inloggen/link?token=xyz">');
    expect((await api.inject({ method: 'GET', url: '/post/unknown' })).statusCode).toBe(404);
  });
});
