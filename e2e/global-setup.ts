/**
 * Starts the built dashboard on a freshly seeded sandbox for the browser
 * tests, and tells the specs where its database is.
 */
import { startTestServer } from '@/lib/testing/test-server';
import { E2E_PORT } from '../playwright.config';

export default async function globalSetup() {
  const server = await startTestServer({ port: E2E_PORT });
  process.env.E2E_DATABASE_FILE = server.database;
  return () => server.stop();
}
