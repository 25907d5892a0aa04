/**
 * The sandbox's storage: its tables in the SQLite file of `DATABASE_URL`.
 *
 * @example
 *   const db = await openDatabase();            // DATABASE_URL or data/polis.sqlite
 *   await db.selectFrom('campaigns').selectAll().execute();
 */
import type { Kysely } from 'kysely';
import { databasePath, immediateTransaction as inTransaction, openSqlite } from '@/lib/db/sqlite';
import { migrations } from './migrations';
import type { SandboxDatabase } from './tables';

export { closeDatabases, commitCount, databasePath } from '@/lib/db/sqlite';

export type Db = Kysely<SandboxDatabase>;

/** Opens (once per process and file) and migrates the sandbox's tables. */
export const openDatabase = (file = databasePath()): Promise<Db> => openSqlite<SandboxDatabase>(file, { migrations, migrationTable: 'kysely_migration' });

export const immediateTransaction = <T>(db: Db, work: (tx: Db) => Promise<T>) => inTransaction(db, work);
