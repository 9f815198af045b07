import { defineConfig } from 'prisma/config';

// Migrations are plain SQL in prisma/migrations, applied by prisma/migrate.ts (see README, "Migrations").
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/regie' },
});
