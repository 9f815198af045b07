/**
 * A real OpenID provider (panva's oidc-provider, the certified implementation) for tests, on loopback in
 * a child process: oidc-provider is ESM-only and runs on Koa, which jest's module sandbox cannot load.
 * It knows one confidential client and the given accounts; its own development interactions (a login
 * form that accepts any password, then a consent form) are completed over HTTP by `signInAt`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface OidcAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

const PROVIDER_SCRIPT = `
import http from 'node:http';
import Provider from 'oidc-provider';
const { clientId, clientSecret, redirectUri, accounts } = JSON.parse(process.argv[1]);
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = 'http://127.0.0.1:' + server.address().port;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['regie-test-oidc-provider'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, sub) {
      const account = accounts[sub];
      return account && { accountId: sub, async claims() { return { sub, ...account }; } };
    },
  });
  server.on('request', provider.callback());
  console.log(issuer);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
`;

/** Starts the provider with a client whose redirect URI is `redirectUri`, and these accounts (by login name). */
export async function startOidcProvider(redirectUri: string, accounts: Record<string, OidcAccount>): Promise<TestOidcProvider> {
  const clientId = 'regie';
  const clientSecret = 'regie-test-client-secret';
  const child = spawn(process.execPath, ['--input-type=module', '--eval', PROVIDER_SCRIPT, JSON.stringify({ clientId, clientSecret, redirectUri, accounts })], {
    cwd: path.join(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await Promise.race([
    once(createInterface({ input: child.stdout }), 'line').then(([line]) => String(line)),
    exited.then(([code]) => Promise.reject(new Error(`oidc-provider exited with ${code}: ${stderr.trim()}`))),
  ]);
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

/** Cookies of one browser at the provider (by name; the provider's paths do not matter for these tests). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() < Date.now());
      if (!value || expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * A browser at the provider: opens `authorizationUrl`, signs in as `login` on the login form and grants
 * consent, following the provider's redirects until it sends the browser back to `redirectUri`.
 * Returns that callback URL (with code, state and iss).
 */
export async function signInAt(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new CookieJar();
  let next: { url: string; form?: Record<string, string> } = { url: authorizationUrl };
  for (let step = 0; step < 12; step++) {
    const response = await fetch(next.url, {
      method: next.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.form ? new URLSearchParams(next.form).toString() : undefined,
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(redirectUri)) return target;
      next = { url: target.href };
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status}: ${page.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no form on the provider's page: ${page.slice(0, 500)}`);
    const url = new URL(action.replaceAll('&amp;', '&'), next.url).href;
    next = page.includes('name="login"') ? { url, form: { prompt: 'login', login, password: 'any' } } : { url, form: { prompt: 'consent' } };
  }
  throw new Error('the provider did not send the browser back');
}
