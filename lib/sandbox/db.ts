/**
 * The sandbox's storage: one SQLite file through Kysely over better-sqlite3.
 * WAL mode, a busy timeout and foreign keys are set on every connection, and
 * the schema is migrated the first time a process opens the file.
 *
 * @example
 *   const db = await openDatabase();            // DATABASE_URL or data/polis.sqlite
 *   await db.selectFrom('campaigns').selectAll().execute();
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { migrations } from './migrations';
import type { SandboxDatabase } from './tables';

export type Db = Kysely<SandboxDatabase>;

export const DEFAULT_DATABASE_URL = 'file:data/polis.sqlite';

/** Turns `DATABASE_URL` into a file path; `postgres://` is reserved for a later move. */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL names PostgreSQL, which the sandbox does not run on yet; use a file: URL');
  }
  const file = url.replace(/^(file|sqlite):(\/\/)?/, '');
  return path.resolve(file);
}

const opened = new Map<string, Promise<Db>>();

/** Opens (once per process and file) and migrates the sandbox database. */
export function openDatabase(file = databasePath()): Promise<Db> {
  let db = opened.get(file);
  if (!db) {
    db = connect(file);
    opened.set(file, db);
    db.catch(() => opened.delete(file));
  }
  return db;
}

async function connect(file: string): Promise<Db> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // Interactions are ~1.5 KB of JSON each: 16 KiB pages waste less than the default 4 KiB.
  // (Takes effect only on a new, empty file.)
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // In WAL mode NORMAL keeps every committed transaction across a process crash;
  // only a power loss can drop the last commits.
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<SandboxDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return db;
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction, so a read-check-write
 * cannot interleave with another writer, in this process or another.
 */
let commits = 0;
/** How many write transactions this process has committed; caches compare it to know the data changed. */
export const commitCount = () => commits;

export async function immediateTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  // Kysely's own transaction() opens with a plain BEGIN; this holds the one
  // connection exclusively and opens it IMMEDIATE instead.
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      commits++;
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

export async function closeDatabases(): Promise<void> {
  const all = [...opened.values()];
  opened.clear();
  await Promise.all(all.map(async (db) => (await db).destroy()));
}
