// Tests mirror the code; `npm test` runs the fast projects first.
//   unit:        plain functions, no server
//   workflow:    workflows on Temporal's time-skipping test server (Java)
//   integration: Temporal dev server, PostgreSQL (or embedded PGlite), real SMTP on loopback
//   browser:     the pages in headless Chromium (Debian's chromium, driven by playwright-core)
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  '^.+\\.tsx$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } }],
  // ESM-only packages under node_modules (content-disposition, cookie: used by fastify's swagger-ui and inject) become CommonJS.
  '^.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
// openid-client and its oauth4webapi and jose are ESM-only too (api/auth/oidc.ts); @fastify/cookie loads
// cookie with import(), which jest allows only under --experimental-vm-modules: compiled, it becomes require().
const esmOnly = ['content-disposition', 'cookie', 'openid-client', 'oauth4webapi', 'jose', '@fastify/cookie'];
const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/slow-tests.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/slow-tests.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/slow-tests.ts'],
    },
  ],
};
