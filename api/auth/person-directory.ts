import type { PrismaClient } from '../../db/client';
import { normalizeEmail } from './email-address';

/** The person known by this email address (case-insensitive), or null. */
export function personByEmail(prisma: PrismaClient, email: string) {
  return prisma.person.findUnique({ where: { email: normalizeEmail(email) } });
}
