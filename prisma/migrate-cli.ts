// `npm run migrate`: applies prisma/migrations to $DATABASE_URL.
import { applyMigrations } from './migrate';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the PostgreSQL database to migrate.');
  const { applied } = await applyMigrations(databaseUrl, { log: (message) => console.log(message) });
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database is up to date; no migrations applied.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
