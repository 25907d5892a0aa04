/**
 * Starts the built dashboard (`next start`) on a fresh, seeded sandbox
 * database (a SQLite file, or a database of its own on a PostgreSQL server),
 * for contract and browser tests: real HTTP, real database, real sign-in.
 *
 * @example
 *   const server = await startTestServer({ port: 3101 });
 *   await fetch(`${server.url}/api/polis/v1/campaigns`, ...);
 *   await server.stop();
 *   const onPostgres = await startTestServer({ port: 3109, database: await seedTestDatabase(5000, postgresServerUrl) });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { seedDatabase } from '@/lib/sandbox/seed/seed';
import { engineOf } from '@/lib/db/engine';
import { createTestDatabase } from './postgres';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const TEST_AUTH_SECRET = 'test-secret-not-for-production-0123456789';

/** `database`: the sandbox's database, a SQLite file's path or a `postgres://` URL (what `openDatabase` takes). */
export type TestServer = { url: string; apiUrl: string; database: string; process: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<void> };

/**
 * The day the test data is seeded against: fixed, so no test depends on the
 * day it runs. The canvassing fills the eight weeks before it, across the
 * end of daylight saving on 1 November 2026.
 */
export const TEST_SEED_ANCHOR = '2026-11-25';

/**
 * Seeds a fresh sandbox database: a new SQLite file, or, given a PostgreSQL
 * server's URL, a new database of its own there. Returns what `openDatabase` takes.
 */
export async function seedTestDatabase(interactions = 5000, postgresServerUrl?: string): Promise<string> {
  const database = postgresServerUrl
    ? await createTestDatabase(postgresServerUrl)
    : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-test-')), 'polis.sqlite');
  await seedDatabase(await openDatabase(database), { interactions, anchor: TEST_SEED_ANCHOR });
  await closeDatabases();
  return database;
}

export async function startTestServer(options: { port: number; database?: string; env?: Record<string, string | undefined> }): Promise<TestServer> {
  const database = options.database ?? (await seedTestDatabase());
  const url = `http://localhost:${options.port}`;
  const child = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-p', String(options.port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: engineOf(database) === 'postgres' ? database : `file:${database}`,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: TEST_AUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: '1',
      POLIS_API_URL: '',
      SANDBOX: 'on',
      // The server's own clock is UTC, so only the campaign's zone can make a time local.
      TZ: 'UTC',
      // No request may depend on a tile server.
      MAP_TILE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops the workers Next.js starts.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the test server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the test server did not become ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    apiUrl: `${url}/api/polis`,
    database,
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          child.kill(signal);
        }
      }
      await exited;
    },
  };
}
