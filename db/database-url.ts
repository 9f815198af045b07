import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** True when regie runs its own embedded PGlite (no DATABASE_URL). */
  embedded: boolean;
  /** Stops the embedded database; nothing to do for DATABASE_URL. */
  stop(): Promise<void>;
}

/** The database to use: $DATABASE_URL when set, else an embedded PGlite persisted in `${dataDir}/pglite`. */
export async function resolveDatabase({ dataDir, port }: { dataDir: string; port?: number }): Promise<ResolvedDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}
