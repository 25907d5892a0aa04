/**
 * SQLite files through Kysely over better-sqlite3, for the sandbox and for
 * the dashboard's own tables alike: WAL mode, a busy timeout and foreign keys
 * on every connection, and each schema migrated the first time a process
 * opens the file.
 *
 * @example
 *   const db = await openSqlite<MyTables>(databasePath(), { migrations, migrationTable: 'my_migration' });
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { settings } from '@/lib/settings';
import { migrate, type Schema } from './migrate';
import { checkpointInBackground, stopCheckpointing } from './wal-checkpoints';

/** Turns a SQLite URL (`file:…`, `sqlite:…` or a path) into a file path; a `postgres://` URL names no file. */
export function databasePath(url = settings.databaseUrl): string {
  if (/^postgres(ql)?:\/\//.test(url)) throw new Error('this URL names a PostgreSQL database, not a SQLite file');
  return path.resolve(url.replace(/^(file|sqlite):(\/\/)?/, ''));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one cache for databases of every table set
const opened = new Map<string, Promise<Kysely<any>>>();

/** Opens (once per process, file and schema) and migrates a database. */
export function openSqlite<DB>(file: string, schema: Schema): Promise<Kysely<DB>> {
  const key = `${file}\n${schema.migrationTable}`;
  let db = opened.get(key) as Promise<Kysely<DB>> | undefined;
  if (!db) {
    db = connect<DB>(file, schema);
    opened.set(key, db);
    db.catch(() => opened.delete(key));
  }
  return db;
}

async function connect<DB>(file: string, schema: Schema): Promise<Kysely<DB>> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // Interactions are ~1.5 KB of JSON each: 16 KiB pages waste less than the default 4 KiB.
  // (Takes effect only on a new, empty file.)
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('cache_size = -131072');
  // Reads map the file instead of copying each page through the cache: a walk of a large campaign
  // reads rows all over the file (they lie in insertion order, it asks in id order).
  sqlite.pragma('mmap_size = 8589934592');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // In WAL mode NORMAL keeps every committed transaction across a process crash;
  // only a power loss can drop the last commits.
  sqlite.pragma('synchronous = NORMAL');
  checkpointInBackground(sqlite, file);
  const database = reusingStatements(sqlite, STATEMENTS_KEPT, () => stopCheckpointing(sqlite, file));
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  await migrate(db, schema);
  return db;
}

/** Prepared statements kept per connection, least recently used dropped first. */
export const STATEMENTS_KEPT = 500;

/**
 * The connection as Kysely sees it, with each SQL text prepared once and its
 * statement reused: Kysely prepares every query afresh, and preparing cost
 * more than running for the small reads and writes of a create. A statement
 * still being iterated (a stream) is not handed out twice; a fresh one is.
 */
export function reusingStatements(sqlite: Database.Database, kept = STATEMENTS_KEPT, onClose?: () => void): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      onClose?.();
      sqlite.close();
    },
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached) {
        if (cached.busy) return sqlite.prepare(text);
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      statements.set(text, statement);
      if (statements.size > kept) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

let commits = 0;
/** How many write transactions this process has committed; caches compare it to know the data changed. */
export const commitCount = () => commits;

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction, so a read-check-write
 * cannot interleave with another writer, in this process or another.
 */
export async function immediateTransaction<DB, T>(db: Kysely<DB>, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
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
