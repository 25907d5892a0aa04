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
import { Kysely, PostgresAdapter, sql } from 'kysely';
import { closePostgresDatabases, openPostgres } from '@/lib/db/postgres';
import { closeDatabases as closeSqliteDatabases, databasePath, immediateTransaction as sqliteTransaction, openSqlite } from '@/lib/db/sqlite';
import { engineOf as engineOfUrl, type Engine } from '@/lib/db/engine';
import { settings } from '@/lib/settings';
import { migrations } from './migrations';
import type { SandboxDatabase } from './tables';

export { commitCount } from '@/lib/db/sqlite';
export type { Engine } from '@/lib/db/engine';

export type Db = Kysely<SandboxDatabase>;

const MIGRATION_TABLE = 'kysely_migration';

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
  return openPostgres<SandboxDatabase>(target, { migrations: migrations('postgres'), migrationTable: MIGRATION_TABLE });
}

/** Closes every sandbox database this process opened, SQLite files and PostgreSQL pools alike. */
export async function closeDatabases(): Promise<void> {
  await Promise.all([closeSqliteDatabases(), closePostgresDatabases()]);
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
