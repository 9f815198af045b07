/**
 * The HTTP API of bench/reads-under-load.ts in its own process, as in production (api/server.ts on
 * db/client.ts's Prisma client, its pool of DATABASE_POOL_SIZE connections, default 10), so the load
 * generator does not share its event loop. Reads DATABASE_URL, listens on 127.0.0.1 on a free port and prints `listening <port>`;
 * stops when its stdin closes (also when the benchmark dies).
 */
import { Client as TemporalClient } from '@temporalio/client';
import { startReadCache } from '../api/read-cache';
import { buildApi } from '../api/server';
import { createPrismaClient } from '../db/client';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL: the benchmark database');
  const prisma = createPrismaClient(url);
  const temporal = new TemporalClient(); // lazy: these reads never talk to Temporal
  // As api/main.ts: the hot reads kept until a write changes them (BENCH_READ_CACHE=0: every read to PostgreSQL).
  const reads = process.env.BENCH_READ_CACHE === '0' ? undefined : await startReadCache(url, { log: (message) => console.error(message) });
  const api = await buildApi({ prisma, temporal, taskQueue: 'unused', ...(reads ? { readCache: reads.cache } : {}) }, { logger: false });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const address = api.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  console.log(`listening ${address.port}`);
  process.stdin.on('end', () => {
    void (async () => {
      await api.close();
      await reads?.feed.close();
      await prisma.$disconnect();
      await temporal.connection.close();
      process.exit(0);
    })();
  });
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
