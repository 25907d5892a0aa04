/**
 * Vitest global setup: one PostgreSQL server for the run, whose URL the
 * suites read with `inject('postgresUrl')` and make their own databases on.
 */
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
