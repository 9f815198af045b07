/**
 * Sign-in links sent by email: a random token (only its SHA-256 hash stored), valid 15 minutes, used
 * once. Using one is a single UPDATE … WHERE used_at IS NULL AND expires_at > now(), so two clicks at
 * the same moment cannot both sign in; the person's other open links are used up with it. Links expired
 * for a week are deleted when a new one is made.
 */
import type { PrismaClient } from '../../db/client';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60 * 1000;
const KEPT_AFTER_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

/** Stores a new link for `email` and returns its token (to put in the mail, never stored). */
export async function issueSignInLink(prisma: PrismaClient, email: string, returnTo: string | undefined): Promise<string> {
  const token = newSecretToken('regie_link');
  const createdAt = new Date();
  await prisma.signInLink.deleteMany({ where: { expiresAt: { lt: new Date(createdAt.getTime() - KEPT_AFTER_EXPIRY_MS) } } });
  await prisma.signInLink.create({
    data: { tokenHash: hashSecretToken(token), email, returnTo: returnTo ?? null, createdAt, expiresAt: new Date(createdAt.getTime() + SIGN_IN_LINK_LIFETIME_MS) },
  });
  return token;
}

/** Uses the link of `token`: its email and returnTo, or null when it is unknown, expired or already used. */
export async function consumeSignInLink(prisma: PrismaClient, token: string): Promise<{ email: string; returnTo: string | null } | null> {
  const rows = await prisma.$queryRaw<{ email: string; return_to: string | null }[]>`
    UPDATE "sign_in_link" SET "used_at" = now()
    WHERE "token_hash" = ${hashSecretToken(token)} AND "used_at" IS NULL AND "expires_at" > now()
    RETURNING "email", "return_to"`;
  const row = rows[0];
  if (!row) return null;
  // Earlier links mailed to the same person are of no use any more: one sign-in ends them all.
  await prisma.signInLink.updateMany({ where: { email: row.email, usedAt: null }, data: { usedAt: new Date() } });
  return { email: row.email, returnTo: row.return_to };
}
