// Generates the Prisma client (prisma-client generator, driver adapter, no query engine).
// `prisma generate` only checks that a schema engine binary exists; where Prisma's own binary
// download is not reachable we point it at an existing file, since generate never runs it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
execFileSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
