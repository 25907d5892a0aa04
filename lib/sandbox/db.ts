/**
 * The sandbox's storage: its tables in the database `DATABASE_URL` names,
 * a SQLite file by default or a PostgreSQL database (`postgres://…`). Both
 * hold the same schema (see `migrations.ts`); the few statements that differ
 * between them ask `engineOf(db)`.
 *
 * @example
 *   const db = await openDatabase();                          // DATABASE_URL, or data/polis.sqlite
 *   const pg = await openDatabase('postgres://…/polis');      // the same tables on PostgreSQL
 *   await db.selectFrom('campaigns').selectAll().execute();
 */
import path from 'node:path';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { closeDatabases as closeSqliteDatabases, databasePath, immediateTransaction as sqliteTransaction, openSqlite } from '@/lib/db/sqlite';
import { engineOf as engineOfUrl, type Engine } from '@/lib/db/engine';
import { settings } from '@/lib/settings';
import { migrations } from './migrations';
import type { SandboxDatabase } from './tables';

export { commitCount } from '@/lib/db/sqlite';
export type { Engine } from '@/lib/db/engine';

export type Db = Kysely<SandboxDatabase>;

const MIGRATION_TABLE = 'kysely_migration';
const pools = new Map<string, Promise<Db>>();

/** Which engine a database (or a transaction on it) runs on. */
export const engineOf = (db: Kysely<unknown> | Db): Engine => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

/** Where the sandbox's data lives, for messages: the file, or the PostgreSQL URL without its password. */
export function describeDatabase(url = settings.databaseUrl): string {
  if (engineOfUrl(url) === 'sqlite') return databasePath(url);
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return shown.toString();
}

/** The directory the sandbox keeps its own files in (the session key `npm start` generates): beside the SQLite file, or `data/`. */
export const dataDirectory = (url = settings.databaseUrl): string => (engineOfUrl(url) === 'sqlite' ? path.dirname(databasePath(url)) : path.resolve('data'));

/**
 * Opens (once per process and database) and migrates the sandbox's tables.
 * `target` is a `postgres://` URL, a `file:` URL or a path; by default `DATABASE_URL`.
 */
export function openDatabase(target: string = settings.databaseUrl): Promise<Db> {
  if (engineOfUrl(target) === 'sqlite')
    return openSqlite<SandboxDatabase>(databasePath(target), { migrations: migrations('sqlite'), migrationTable: MIGRATION_TABLE });
  let db = pools.get(target);
  if (!db) {
    db = connectPostgres(target);
    pools.set(target, db);
    db.catch(() => pools.delete(target));
  }
  return db;
}

async function connectPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A dropped connection or a server restart must not end the process; the pool reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<SandboxDatabase>({ dialect: new PostgresDialect({ pool }) });
  // Several instances may start at once: the migrator takes a lock.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations('postgres') },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return db;
}

/** Closes every sandbox database this process opened, SQLite files and PostgreSQL pools alike. */
export async function closeDatabases(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all([closeSqliteDatabases(), ...all.map(async (pending) => (await pending.catch(() => null))?.destroy())]);
}

/**
 * Runs a read-check-write in one transaction that no other writer can
 * interleave with. On SQLite it opens `BEGIN IMMEDIATE` (one writer at a
 * time); on PostgreSQL a plain transaction whose reads of what it will
 * change lock their rows (`findVisible(…, { forUpdate: true })`), and whose creations take a lock
 * on the id they create (`lockKey`).
 */
export function immediateTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return engineOf(db) === 'sqlite' ? sqliteTransaction(db, work) : db.transaction().execute(work);
}

/** Whether reads inside `immediateTransaction` must lock what they read: on PostgreSQL only (SQLite's transaction already excludes other writers). */
export const locksRows = (db: Db) => engineOf(db) === 'postgres';

/**
 * Holds, until the transaction ends, a lock named by `key` (an id about to be
 * created): two creations of one id wait for each other instead of both
 * finding it missing. Nothing to do on SQLite, whose transaction is exclusive.
 */
export async function lockKey(tx: Db, key: string): Promise<void> {
  if (engineOf(tx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
