// Guard rails as lint, as temporalio/samples-typescript does.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'generated/', 'data/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Workflows are deterministic orchestration: no I/O, no Node built-ins, no Prisma, no mail.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows must not do I/O: use an activity.' })),
          patterns: [
            { group: ['@prisma/*', '**/generated/**', 'pg', 'nodemailer', 'smtp-server', 'mailparser', '@electric-sql/*'], message: 'Workflows must not do I/O: use an activity.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows only use @temporalio/workflow.' },
            { group: ['../db/*', '../mail/*', '../api/*', '../worker/*', '../prisma/*'], message: 'Workflows must not import I/O modules.' },
            { group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'Import activities only as types (proxyActivities<Activities>).' },
            {
              group: ['zod', '**/domain/schemas/*'],
              allowTypeImports: true,
              message: 'A workflow builds no schema when it loads: take request schemas from workflows/shared/request-schemas.ts (loaded on first use), values from a domain module.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use now() from workflows/shared/clock.ts: workflow time, replayed from history.' }],
    },
  },
);
