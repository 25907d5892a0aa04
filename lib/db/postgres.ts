/**
 * PostgreSQL databases, the sandbox's and the store's alike: one pool per
 * URL and table set, migrated the first time it is opened.
 *
 * @example
 *   const db = await openPostgres<StoreDatabase>('postgres://…/polis', { migrations, migrationTable: 'store_migration' });
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate, type Schema } from './migrate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one cache for databases of every table set
const opened = new Map<string, Promise<Kysely<any>>>();

/** Opens (once per process, URL and schema) and migrates a PostgreSQL database. */
export function openPostgres<DB>(url: string, schema: Schema): Promise<Kysely<DB>> {
  const key = `${url}\n${schema.migrationTable}`;
  let db = opened.get(key) as Promise<Kysely<DB>> | undefined;
  if (!db) {
    db = connect<DB>(url, schema);
    opened.set(key, db);
    db.catch(() => opened.delete(key));
  }
  return db;
}

async function connect<DB>(url: string, schema: Schema): Promise<Kysely<DB>> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A dropped connection or a server restart must not end the process; the pool reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Closes every PostgreSQL pool this process opened. */
export async function closePostgresDatabases(): Promise<void> {
  const all = [...opened.values()];
  opened.clear();
  await Promise.all(all.map(async (pending) => (await pending.catch(() => null))?.destroy()));
}
