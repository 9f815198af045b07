import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed out once (API tokens, sign-in links, session cookies, calendar feed URLs): 32 random
 * bytes, base64url, with a prefix that says what it is. Only their SHA-256 hash is stored.
 */
export function newSecretToken(prefix: 'regie_api' | 'regie_link' | 'regie_session' | 'regie_ics'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a secret token: its SHA-256 hash, hex. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` looks like a secret of this kind (a cheap check before a database lookup). */
export function secretTokenHasPrefix(token: string, prefix: 'regie_api' | 'regie_link' | 'regie_session' | 'regie_ics'): boolean {
  return token.startsWith(`${prefix}_`) && token.length < 200;
}
