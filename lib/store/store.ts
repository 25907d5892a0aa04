/**
 * The dashboard's own store: its records (corrections, review resolutions,
 * index snapshots) on PostgreSQL when `STORE_DATABASE_URL` names one, in a
 * SQLite file otherwise. One Kysely per process and URL, migrated the first
 * time it is opened; several instances may migrate one PostgreSQL at once
 * (Kysely's migrator takes a lock).
 *
 * @example
 *   const { db, engine } = await openStore();
 *   await db.selectFrom('correction_log').selectAll().execute();
 */
import type { Kysely } from 'kysely';
import { closePostgresDatabases, openPostgres } from '@/lib/db/postgres';
import { databasePath, openSqlite } from '@/lib/db/sqlite';
import { settings } from '@/lib/settings';
import { engineOf, type Engine } from './engine';
import { storeMigrations } from './migrations';
import type { StoreDatabase } from './tables';

export type Store = { db: Kysely<StoreDatabase>; engine: Engine; url: string };

const MIGRATION_TABLE = 'store_migration';

export async function openStore(url: string = settings.storeDatabaseUrl): Promise<Store> {
  const engine = engineOf(url);
  const schema = { migrations: storeMigrations(engine), migrationTable: MIGRATION_TABLE };
  // Both openers keep one database per URL (SQLite files beside the sandbox's).
  const db = engine === 'sqlite' ? await openSqlite<StoreDatabase>(databasePath(url), schema) : await openPostgres<StoreDatabase>(url, schema);
  return { db, engine, url };
}

/** Closes the PostgreSQL pools this process opened (SQLite files close with `closeDatabases`). */
export async function closeStores(): Promise<void> {
  await closePostgresDatabases();
}
