import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Server-only modules are tested outside React's server bundle.
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/empty-module.ts'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts'],
          exclude: ['**/*.contract.test.ts', 'lib/store/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        // The sandbox's in-process limit and fuzz suites again, on a PostgreSQL server started for the run.
        test: {
          name: 'sandbox-postgres',
          include: ['lib/sandbox/limits.test.ts', 'lib/sandbox/router.fuzz.test.ts', 'lib/sandbox/resources.test.ts'],
          globalSetup: ['lib/testing/postgres-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // The store's suites run on both engines: SQLite files and a PostgreSQL server started for the run.
        test: { name: 'store', include: ['lib/store/**/*.test.ts'], globalSetup: ['lib/testing/postgres-setup.ts'], testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['lib/**/*.contract.test.ts'],
          globalSetup: ['lib/testing/contract-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The sandbox's own suites again, with the sandbox on a PostgreSQL server this project starts
        // (a database of its own for the served sandbox, and one per crash test). Run one file at a
        // time after everything else, as the SQLite contract suites are.
        test: {
          name: 'contract-postgres',
          include: ['lib/sandbox/**/*.contract.test.ts'],
          globalSetup: ['lib/testing/contract-setup-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
