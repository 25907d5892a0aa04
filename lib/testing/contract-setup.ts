/**
 * Vitest global setup of the contract tests: one seeded sandbox served by
 * the built app, and bearer tokens for the seeded users. The `contract`
 * project runs the sandbox on a SQLite file; `contract-postgres`
 * (`contract-setup-postgres.ts`) runs the same suites on a PostgreSQL server
 * of its own.
 */
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import type { Engine } from '@/lib/db/engine';
import { startTestPostgres } from './postgres';
import { TEST_PORTS } from './ports';
import { seedTestDatabase, startTestServer } from './test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    /** The served sandbox's database: a SQLite file or a `postgres://` URL. */
    database: string;
    /** The engine the served sandbox runs on. */
    sandboxEngine: Engine;
    /** The PostgreSQL server the `contract-postgres` suites make their databases on (unset for SQLite). */
    sandboxPostgresUrl?: string;
    tokens: { organizer: string; viewer: string; otherOrganizer: string };
  }
}

export async function tokenFor(database: string, email: string): Promise<string> {
  const token = await issueAccessTokenForEmail(await openDatabase(database), email);
  if (!token) throw new Error(`no seeded user ${email}`);
  return token;
}

export async function setupContract(project: TestProject, engine: Engine) {
  const postgres = engine === 'postgres' ? await startTestPostgres() : undefined;
  try {
    const database = await seedTestDatabase(5000, postgres?.url);
    const server = await startTestServer({ port: engine === 'postgres' ? TEST_PORTS.contractPostgres : TEST_PORTS.contract, database });
    const tokens = {
      organizer: await tokenFor(database, DEMO_USERS.organizer),
      viewer: await tokenFor(database, DEMO_USERS.viewer),
      otherOrganizer: await tokenFor(database, DEMO_USERS.otherOrganizer),
    };
    await closeDatabases();
    project.provide('apiUrl', server.apiUrl);
    project.provide('database', database);
    project.provide('sandboxEngine', engine);
    if (postgres) project.provide('sandboxPostgresUrl', postgres.url);
    project.provide('tokens', tokens);
    return async () => {
      await server.stop();
      await postgres?.stop();
    };
  } catch (error) {
    await closeDatabases();
    await postgres?.stop();
    throw error;
  }
}

export default function setup(project: TestProject) {
  return setupContract(project, 'sqlite');
}
