/**
 * OpenID Connect sign-in (openid-client): the authorization-code flow with PKCE, state and nonce. The
 * provider's metadata is discovered once (and again after a failure). An http issuer is accepted only on
 * loopback (a provider running next to regie, as in the tests); anywhere else it must be https.
 */
import * as oidc from 'openid-client';
import type { OidcSettings } from './sign-in-settings';

/** What the browser keeps between login and callback, in a short-lived HttpOnly cookie. */
export interface OidcAttempt {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** The claims regie needs from the provider: who the person is, by email. */
export interface OidcIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean | undefined;
}

/** Whether `error` is fetch failing to reach the server at all (refused, reset, DNS, timeout). */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
}

/** The provider could not be reached (its metadata, or the token endpoint): try again later. */
export class OidcProviderUnreachable extends Error {
  constructor(override readonly cause: unknown) {
    super(`the OpenID provider could not be reached: ${(cause as Error)?.message ?? cause}`);
  }
}

/** Talks to one OpenID provider as regie's client. */
export class OidcClient {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    /** PUBLIC_URL/auth/oidc/callback, registered at the provider. */
    readonly redirectUri: string,
  ) {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol !== 'https:' && !isLoopbackHttp(issuer)) throw new Error(`OIDC_ISSUER must be https (got ${settings.issuer})`);
  }

  private configured(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.configuration ??= oidc
      .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.configuration = undefined; // the provider may be back on the next attempt
        throw new OidcProviderUnreachable(error);
      });
    return this.configuration;
  }

  /** Starts a sign-in: the provider's authorization URL and what to keep until the callback. */
  async start(returnTo: string): Promise<{ url: URL; attempt: OidcAttempt }> {
    const configuration = await this.configured();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const attempt: OidcAttempt = { codeVerifier, state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { url, attempt };
  }

  /**
   * Completes a sign-in from the callback URL: checks state, exchanges the code (with the PKCE verifier),
   * verifies the ID token and its nonce, and reads the email from the ID token or else from userinfo.
   * Throws when any check fails.
   */
  async finish(callbackUrl: URL, attempt: OidcAttempt): Promise<OidcIdentity> {
    const configuration = await this.configured();
    const tokens = await oidc
      .authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw isNetworkFailure(error) ? new OidcProviderUnreachable(error) : error;
      });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    let emailVerified = typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined;
    if (email === undefined) {
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      email = typeof userInfo.email === 'string' ? userInfo.email : undefined;
      emailVerified = typeof userInfo.email_verified === 'boolean' ? userInfo.email_verified : undefined;
    }
    return { subject: claims.sub, email, emailVerified };
  }
}
