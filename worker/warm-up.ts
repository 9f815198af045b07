import type { PrismaClient } from '../db/client';

/** How long a worker waits at most for its warm-up before it starts taking tasks anyway. */
export const WARM_UP_LIMIT_MS = 2_000;

/**
 * Readies the database client before the first activity needs it: Prisma loads its query compiler and
 * the pool opens a connection on the first statement, 200 ms that would otherwise fall on the first
 * tender's first recording (bench/lifecycle.ts). Never fails and never waits longer than `limitMs`: a
 * database that is down now fails single activity attempts, which Temporal retries.
 */
export async function warmUpDatabase(prisma: PrismaClient, limitMs = WARM_UP_LIMIT_MS): Promise<'ready' | 'unreachable' | 'slow'> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), limitMs);
  });
  const ready = prisma.$queryRaw`SELECT 1`.then(
    () => 'ready' as const,
    () => 'unreachable' as const,
  );
  try {
    return await Promise.race([ready, slow]);
  } finally {
    clearTimeout(timer);
  }
}
