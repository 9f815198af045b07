import type { PrismaClient } from '../db/client';
import type { Mailer } from '../mail/transport';

/** What every activity needs from the outside world; injected once by the worker. */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
}
