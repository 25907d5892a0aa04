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
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { databasePath, openSqlite } from '@/lib/db/sqlite';
import { settings } from '@/lib/settings';
import { engineOf, type Engine } from './engine';
import { storeMigrations } from './migrations';
import type { StoreDatabase } from './tables';

export type Store = { db: Kysely<StoreDatabase>; engine: Engine; url: string };

const MIGRATION_TABLE = 'store_migration';
const opened = new Map<string, Promise<Store>>();

export async function openStore(url: string = settings.storeDatabaseUrl): Promise<Store> {
  const engine = engineOf(url);
  // SQLite files are cached (and closed) by `openSqlite` itself, beside the sandbox's.
  if (engine === 'sqlite')
    return { db: await openSqlite<StoreDatabase>(databasePath(url), { migrations: storeMigrations(engine), migrationTable: MIGRATION_TABLE }), engine, url };
  let store = opened.get(url);
  if (!store) {
    store = connect(url);
    opened.set(url, store);
    store.catch(() => opened.delete(url));
  }
  return store;
}

async function connect(url: string): Promise<Store> {
  const engine = engineOf(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A server restart or a dropped connection must not crash the process; the pool reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => storeMigrations(engine) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`store migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return { db, engine, url };
}

/** Closes the PostgreSQL pools this process opened (SQLite files close with `closeDatabases`). */
export async function closeStores(): Promise<void> {
  const all = [...opened.values()];
  opened.clear();
  await Promise.all(all.map(async (pending) => (await pending.catch(() => null))?.db.destroy()));
}
