import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { hasOwnSessions, preparedStatementName } from './prepared-statements';

export type { PrismaClient };
export { PREPARED_STATEMENT } from './prepared-statements';

const DEFAULT_POOL_SIZE = 10;

/** The connections a process keeps to PostgreSQL at most: DATABASE_POOL_SIZE, else pg's default of 10. */
export function databasePoolSize(value = process.env.DATABASE_POOL_SIZE): number {
  if (value === undefined || value === '') return DEFAULT_POOL_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw new Error(`DATABASE_POOL_SIZE must be a positive integer, not ${value}`);
  return size;
}

/**
 * A Prisma client on the pg driver adapter (no query engine binary), with at most `poolSize` connections.
 * Statements marked PREPARED_STATEMENT are prepared once per connection (db/prepared-statements.ts).
 */
export function createPrismaClient(databaseUrl: string, { poolSize = databasePoolSize() }: { poolSize?: number } = {}): PrismaClient {
  // The adapter passes the name on as pg's `name`; undefined there is pg's unnamed statement (its type says string).
  const statementNameGenerator = hasOwnSessions(databaseUrl) ? (preparedStatementName as (query: { sql: string }) => string) : undefined;
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize }, { statementNameGenerator });
  return new PrismaClient({ adapter });
}
