/**
 * Signing in by a link in an email: every stakeholder is known by email. Asking for a link answers the
 * same whether the address is known or not; only a known person gets a mail.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { PrismaClient } from '../../db/client';
import type { Mailer } from '../../mail/transport';
import { personByEmail } from './person-directory';
import { consumeSignInLink, issueSignInLink, SIGN_IN_LINK_LIFETIME_MS } from './sign-in-links';
import { signInMail } from './sign-in-mail';

/** The page the link in the mail opens: it shows a "Doorgaan" button that posts the token (web/). */
export const SIGN_IN_LINK_PAGE = '/inloggen/link';

/**
 * When `email` belongs to a person: stores a link and mails it. The mail is sent after the answer, so
 * that the answer's timing does not tell whether the address is known; a failed send is logged.
 */
export async function requestSignInLink(
  { prisma, mailer, publicUrl, log }: { prisma: PrismaClient; mailer: Mailer; publicUrl: string; log: FastifyBaseLogger },
  email: string,
  returnTo: string | undefined,
): Promise<void> {
  const person = await personByEmail(prisma, email);
  if (!person) return;
  const token = await issueSignInLink(prisma, person.email, returnTo);
  const link = `${publicUrl}${SIGN_IN_LINK_PAGE}?token=${encodeURIComponent(token)}`;
  const mail = signInMail({ name: person.name, link, locale: person.locale, minutes: SIGN_IN_LINK_LIFETIME_MS / 60_000 });
  mailer.transporter.sendMail({ from: mailer.from, to: person.email, subject: mail.subject, text: mail.text }).catch((error: unknown) => {
    log.error({ err: error, person: person.id }, 'sending a sign-in link failed');
  });
}

/** The person a sign-in link signs in (the link is used up), or null when it is unknown, expired or used. */
export async function personOfSignInLink(prisma: PrismaClient, token: string) {
  const link = await consumeSignInLink(prisma, token);
  if (!link) return null;
  const person = await personByEmail(prisma, link.email);
  return person ? { person, returnTo: link.returnTo } : null;
}
