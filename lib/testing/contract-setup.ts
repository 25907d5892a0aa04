/**
 * Vitest global setup of the contract tests: one seeded sandbox served by
 * the built app, and bearer tokens for the seeded users.
 */
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { TEST_PORTS } from './ports';
import { startTestServer } from './test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dbFile: string;
    tokens: { organizer: string; viewer: string; otherOrganizer: string };
  }
}

export async function tokenFor(dbFile: string, email: string): Promise<string> {
  const token = await issueAccessTokenForEmail(await openDatabase(dbFile), email);
  if (!token) throw new Error(`no seeded user ${email}`);
  return token;
}

export default async function setup(project: TestProject) {
  const server = await startTestServer({ port: TEST_PORTS.contract });
  const tokens = {
    organizer: await tokenFor(server.dbFile, DEMO_USERS.organizer),
    viewer: await tokenFor(server.dbFile, DEMO_USERS.viewer),
    otherOrganizer: await tokenFor(server.dbFile, DEMO_USERS.otherOrganizer),
  };
  await closeDatabases();
  project.provide('apiUrl', server.apiUrl);
  project.provide('dbFile', server.dbFile);
  project.provide('tokens', tokens);
  return () => server.stop();
}
