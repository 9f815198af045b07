import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER } from '../../api/auth/csrf';
import { hashSecretToken } from '../../api/auth/secret-tokens';
import { SESSION_COOKIE } from '../../api/auth/sessions';
import { buildApi } from '../../api/server';
import { startMailCapture, type CapturedMail, type MailCapture } from '../../mail/capture-server';
import { createMailer, type Mailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { cookieHeader, cookiesSetBy, csrfPair, personWithRoles } from '../helpers/sessions';

// Signing in by a link in an email: the API, PostgreSQL and a real SMTP server (the capture) on loopback.

const PUBLIC_URL = 'http://regie.test:3000';
let db: TestDatabase;
let capture: MailCapture;
let mailer: Mailer;
let temporal: Client;
let api: FastifyInstance;
let remoteAddress = 1;

beforeAll(async () => {
  db = await createTestDatabase();
  capture = await startMailCapture();
  mailer = createMailer({ smtpUrl: capture.url, from: 'regie <noreply@regie.local>' });
  temporal = new Client(); // lazy: these routes never use it
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused', mailer, publicUrl: PUBLIC_URL }, { logger: false });
  await personWithRoles(db.prisma, 'inkoop@zaanstad.nl', [
    { role: 'procurementOfficer', organisation: 'Gemeente Zaanstad' },
    { role: 'contractManager', organisation: 'Gemeente Zaanstad', validUntil: '2001-01-01' }, // ended
    { role: 'manager', organisation: 'Gemeente Zaanstad', validFrom: '2999-01-01' }, // not yet
  ], { name: 'Ineke Inkoop' });
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  mailer?.transporter.close();
  await capture?.stop();
  await db?.drop();
});

let people = 0;
/** A person of Gemeente Zaanstad of one's own: the per-address limit (5 links per 15 minutes) stays out of the way. */
async function somePerson(): Promise<string> {
  people += 1;
  const email = `medewerker${people}@zaanstad.nl`;
  await personWithRoles(db.prisma, email, [{ role: 'contractManager', organisation: 'Gemeente Zaanstad' }]);
  return email;
}

/** Every test its own client IP, so that the per-IP sign-in limit of one test does not reach another. */
beforeEach(() => {
  remoteAddress += 1;
});
const ip = () => `10.0.0.${remoteAddress}`;

/** A browser that has loaded a sign-in page: the CSRF cookie and the token its form carries. */
async function signInPage() {
  const { token, cookies } = await csrfPair(api);
  return { headers: { cookie: cookieHeader(cookies), [CSRF_HEADER]: token }, token, cookies };
}

async function requestLink(email: string, extra: Record<string, unknown> = {}) {
  const { headers } = await signInPage();
  return api.inject({ method: 'POST', url: '/auth/email-link', remoteAddress: ip(), headers, payload: { email, ...extra } });
}

async function confirm(token: string) {
  const { headers } = await signInPage();
  return api.inject({ method: 'POST', url: '/auth/email-link/confirm', remoteAddress: ip(), headers, payload: { token } });
}

const mailTo = (email: string) => capture.waitFor((mail) => mail.to.includes(email), 5_000);
function linkTokenIn(mail: CapturedMail): string {
  const match = /http:\/\/regie\.test:3000\/inloggen\/link\?token=(\S+)/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`no sign-in link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
}

describe('sign-in by email link', () => {
  it('mails a Dutch link through SMTP; confirming it starts a session that shows the person and the roles held today', async () => {
    const asked = await requestLink('  Inkoop@Zaanstad.NL ', { returnTo: '/aanbestedingen?status=open' });
    expect(asked.statusCode).toBe(202);

    const mail = await mailTo('inkoop@zaanstad.nl');
    expect(mail.subject).toBe('Uw inloglink voor regie');
    expect(mail.text).toContain('Beste Ineke Inkoop');
    expect(mail.text).toContain('15 minuten geldig');
    const token = linkTokenIn(mail);
    expect(token).toMatch(/^regie_link_/);
    const stored = await db.prisma.signInLink.findUniqueOrThrow({ where: { tokenHash: hashSecretToken(token) } });
    expect(stored).toMatchObject({ email: 'inkoop@zaanstad.nl', usedAt: null, returnTo: '/aanbestedingen?status=open' });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(15 * 60 * 1000);
    expect(await db.prisma.signInLink.count({ where: { tokenHash: token } })).toBe(0); // the token itself is never stored

    const confirmed = await confirm(token);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/aanbestedingen?status=open');
    const session = confirmed.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.secure).toBeFalsy(); // PUBLIC_URL is http here
    expect(await db.prisma.session.count({ where: { id: hashSecretToken(session?.value ?? '') } })).toBe(1);

    const me = await api.inject({ method: 'GET', url: '/me', headers: { cookie: `${SESSION_COOKIE}=${session?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'person',
      name: 'Ineke Inkoop',
      email: 'inkoop@zaanstad.nl',
      locale: 'nl',
      holdings: [{ role: 'procurementOfficer', organisation: 'Gemeente Zaanstad' }],
    });
  });

  it('a link works once: the second confirm is refused and starts no session', async () => {
    const email = await somePerson();
    await requestLink(email);
    const token = linkTokenIn(await mailTo(email));
    expect((await confirm(token)).statusCode).toBe(303);
    const sessions = await db.prisma.session.count();

    const again = await confirm(token);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ issues: [{ field: 'token' }] });
    expect(again.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(await db.prisma.session.count()).toBe(sessions);
  });

  it("signing in with one link uses up the person's other open links", async () => {
    const email = await somePerson();
    await requestLink(email);
    const first = linkTokenIn(await mailTo(email));
    await requestLink(email);
    const second = linkTokenIn(await capture.waitFor((m) => m.to.includes(email) && linkTokenIn(m) !== first, 5_000));
    expect((await confirm(second)).statusCode).toBe(303);
    expect((await confirm(first)).statusCode).toBe(400);
  });

  it('an expired link is refused', async () => {
    const email = await somePerson();
    await requestLink(email);
    const token = linkTokenIn(await mailTo(email));
    await db.prisma.signInLink.update({ where: { tokenHash: hashSecretToken(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const response = await confirm(token);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/verlopen/);
    expect(await db.prisma.signInLink.findUniqueOrThrow({ where: { tokenHash: hashSecretToken(token) } })).toMatchObject({ usedAt: null });
  });

  it('an unknown address gets the same answer, and no link and no mail', async () => {
    const email = await somePerson();
    const known = await requestLink(email);
    const unknown = await requestLink('niemand@zaanstad.nl');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(await db.prisma.signInLink.count({ where: { email: 'niemand@zaanstad.nl' } })).toBe(0);
    // Mail goes out after the answer: by the time a later mail to a known person arrived, this one would have too.
    await requestLink(email);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages().filter((m) => m.envelope.to.includes('niemand@zaanstad.nl'))).toEqual([]);
  });

  it('a form post is answered with a redirect to the sign-in page, also for an address that is not one', async () => {
    const email = await somePerson();
    const { token, cookies } = await signInPage();
    const form = (email: string) =>
      api.inject({
        method: 'POST',
        url: '/auth/email-link',
        remoteAddress: ip(),
        headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email, returnTo: '', _csrf: token }).toString(), // an empty returnTo field is none
      });
    const sent = await form(email);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/inloggen?verzonden=1');
    const invalid = await form('geen adres');
    expect(invalid.statusCode).toBe(303);
    expect(invalid.headers.location).toBe('/inloggen?fout=email');
  });

  it('a returnTo on another host is refused, and nothing is sent', async () => {
    const email = await somePerson();
    for (const returnTo of ['//evil.example/steal', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/%0d%0aLocation:x\r\n']) {
      const before = await db.prisma.signInLink.count();
      const response = await requestLink(email, { returnTo });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ issues: [{ field: 'returnTo' }] });
      expect(await db.prisma.signInLink.count()).toBe(before);
    }
  });

  it('an invalid address is refused naming the field (JSON)', async () => {
    const response = await requestLink('not-an-address');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ issues: [{ field: 'email' }] });
  });

  it('a link stored with an unsafe returnTo still leads to / (checked again on use)', async () => {
    const email = await somePerson();
    await requestLink(email);
    const token = linkTokenIn(await mailTo(email));
    await db.prisma.signInLink.update({ where: { tokenHash: hashSecretToken(token) }, data: { returnTo: '//evil.example' } });
    const response = await confirm(token);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('without the CSRF cookie and token the sign-in requests are refused (403) and change nothing', async () => {
    const email = await somePerson();
    const before = await db.prisma.signInLink.count();
    const response = await api.inject({ method: 'POST', url: '/auth/email-link', remoteAddress: ip(), payload: { email: email } });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/CSRF/);
    const { cookies } = await signInPage();
    const wrongToken = await api.inject({
      method: 'POST',
      url: '/auth/email-link',
      remoteAddress: ip(),
      headers: { cookie: cookieHeader(cookies), [CSRF_HEADER]: (await csrfPair(api)).token }, // another browser's token
      payload: { email: email },
    });
    expect(wrongToken.statusCode).toBe(403);
    expect(await db.prisma.signInLink.count()).toBe(before);
  });

  it('an expired or unknown session cookie is anonymous', async () => {
    const email = await somePerson();
    const response = await requestLink(email);
    expect(response.statusCode).toBe(202);
    const token = linkTokenIn(await mailTo(email));
    const session = cookiesSetBy(await confirm(token))[SESSION_COOKIE] ?? '';
    const me = () => api.inject({ method: 'GET', url: '/me', headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    expect((await me()).statusCode).toBe(200);
    await db.prisma.session.update({ where: { id: hashSecretToken(session) }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await me()).statusCode).toBe(401);
    const unknown = await api.inject({ method: 'GET', url: '/me', headers: { cookie: `${SESSION_COOKIE}=regie_session_unknown` } });
    expect(unknown.statusCode).toBe(401);
  });
});
