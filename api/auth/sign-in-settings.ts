/**
 * How people sign in, as the API is configured: where regie is reached (links in mail, cookie security)
 * and, for production, the organisation's OpenID Connect provider.
 */
import type { Env } from '../../config/env';

/** The OpenID Connect provider of the organisation, and regie's registration as its client. */
export interface OidcSettings {
  /** The issuer URL; its metadata is at ISSUER/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** OIDC settings from the environment, when all three variables are set (config/env.ts checks all or none). */
export function oidcSettingsOf(env: Pick<Env, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET'>): OidcSettings | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
}

/** Default when ApiDeps.publicUrl is not given (tests, and `npm start` on the default port). */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:3000';

/** Cookies carry the Secure attribute when people reach regie over https. */
export function cookiesAreSecure(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === 'https:';
}
